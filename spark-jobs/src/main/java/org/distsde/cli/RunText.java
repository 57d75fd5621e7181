package org.distsde.cli;

import java.util.List;
import java.util.Locale;
import org.distsde.report.ChecksText;
import org.distsde.sde.refine.Refinement;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Tracking;
import org.distsde.spark.SimulateJob.SeriesResult;
import org.distsde.theory.TheoremChecker;

/** What {@code simulate} and {@code integrate} print, and the text of their checks.txt. */
final class RunText {
    private RunText() { }

    /** Per series and kind: its time, final loss and diverged runs, and how the SDE tracks the optimizer. */
    static String describe(List<SeriesResult> results) {
        final StringBuilder b = new StringBuilder();
        for (SeriesResult r : results) {
            final RoundStats last = r.rows().get(r.rows().size() - 1);
            b.append(String.format(Locale.ROOT, "%-4d %-12s %-40s %9.2f s  final loss_mean %-11.4g diverged %d/%d",
                    r.series().index(), r.kind().id(), r.series().label(), r.seconds(), last.loss().mean(),
                    last.diverged(), last.runs() + last.diverged()));
            final Tracking t = org.distsde.spark.SimulateJob.tracking(results, r);
            if (t != null && t.rows() > 0) {
                b.append(String.format(Locale.ROOT, "   tracks the optimizer: mean |dlog E f| %.3g +- %.2g",
                        t.meanAbsLogDiff(), t.se()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** One line per series: the theorem, how often its condition held, and the verdict. */
    static String checksTable(List<SeriesResult> results) {
        final StringBuilder b = new StringBuilder(String.format("%-4s %-12s %-10s %-10s %s%n", "#", "kind", "theorem",
                "condition", "verdict"));
        for (SeriesResult r : results) {
            final TheoremChecker.Report rep = r.checks();
            final var cond = rep.condition();
            b.append(String.format("%-4d %-12s %-10s %-10s %s%n", r.series().index(), r.kind().id(),
                    rep.theorem().length() > 10 ? rep.theorem().substring(0, 10) : rep.theorem(),
                    cond.applicable() ? String.format("%d/%d", cond.held(), cond.points()) : "n/a", rep.summary()));
        }
        return b.toString();
    }

    /** checks.txt: per series and kind, the Δt resolution of a resolved SDE and its check ({@link ChecksText}). */
    static String checksFile(List<SeriesResult> results) {
        final StringBuilder checks = new StringBuilder();
        for (SeriesResult r : results) {
            checks.append(r.series().label()).append(" / ").append(r.kind().id()).append('\n');
            if (r.refinement() != null) {
                checks.append(resolution(r.refinement().summary()));
            }
            checks.append(ChecksText.render(r.checks(), 12)).append('\n');
        }
        return checks.toString();
    }

    /** One line on the Δt resolution of a resolved SDE series. */
    static String resolution(Refinement.Summary r) {
        return String.format(Locale.ROOT, "  dt resolution (%s): %d levels, dt %.4g -> %.4g, %s (largest change "
                + "%.3g%% at %s, tolerance %.3g%%); final loss_mean %.6g, discretisation error %.3g +- %.2g (SE), "
                + "Richardson %.6g, fitted weak order %.3f [%.3f, %.3f]%n", r.scheme(), r.levels(), r.baseDt(),
                r.finestDt(), r.converged() ? "converged" : "NOT converged", 100 * r.lastChange(), r.worst(),
                100 * r.tolerance(), r.finalLoss(), r.discretisationError(), r.discretisationSe(), r.richardson(),
                r.order().order(), r.order().lo(), r.order().hi());
    }
}
