package org.distsde.report;

import java.util.List;
import java.util.Locale;
import org.distsde.theory.DcsgdCheck;
import org.distsde.theory.TheoremChecker;

/**
 * Plain-text rendering of a {@link TheoremChecker.Report} (checks.txt): common keeps the report's
 * data model, the jobs render it.
 */
public final class ChecksText {
    private ChecksText() { }

    /** A one-screen rendering: constants, condition, each bound's verdict and up to {@code maxRows} times. */
    public static String render(TheoremChecker.Report r, int maxRows) {
        final StringBuilder sb = new StringBuilder();
        final TheoremChecker.Constants k = r.constants();
        for (TheoremChecker.BoundCheck b : r.bounds()) {
            if (b.counterexample()) {
                sb.append("  *** COUNTEREXAMPLE to ").append(TheoremChecker.counterexampleTo(r.theorem(), b))
                        .append(": ").append(b.label()).append(" VIOLATED while condition ")
                        .append(r.condition().equation()).append(" holds");
                if (!b.primary()) {
                    final var p = r.primaryBound();
                    sb.append(" (").append(p.label()).append(": ").append(p.verdict().word()).append(')');
                }
                sb.append(" ***\n");
            }
        }
        sb.insert(0, String.format(Locale.ROOT, "%s [%s, %s] - %s%n  %s; verdicts at k = %.2f standard errors "
                + "(Bonferroni over the claimed times)%n",
                r.series(), r.source(), r.optimizer(), r.theorem(), r.sourceLabel(), r.k()));
        sb.append(String.format(Locale.ROOT, "  (L0, L1) = (%s, %s) from %s; d = %d, N = %d, eta = %g, eps = %g (%s)%n",
                k.l0(), k.l1(), k.smoothnessSource(), k.d(), k.agents(), k.eta(), k.epsilon(), k.epsilonSource()));
        sb.append(String.format(Locale.ROOT, "  s0^2 = %.4g, s1^2 = %.4g, omega = %.4g, s0^2w = %.4g, s1^2w = %.4g, "
                + "sigma_H1 = %.4g, l_nu = %.4g, f(x0) - f* = %.4g%n", k.sigma0Sq(), k.sigma1Sq(), k.omega(),
                k.sigma0SqOmega(), k.sigma1SqOmega(), k.sigmaHarmonic(), k.ellNu(), k.initialGap()));
        if (r.definitionOne() != null) {
            final var d1 = r.definitionOne();
            sb.append(String.format(Locale.ROOT, "  Definition 1: %s on %d samples (box radius %g), max ratio %.4g%n",
                    d1.holds() ? "holds" : "FAILS", d1.samples(), d1.radius(), d1.maxRatio()));
        }
        final var rm = r.robbinsMonro();
        sb.append(String.format(Locale.ROOT, "  Robbins-Monro (%s): classical %s, paper %s - %s%n", rm.schedule(),
                rm.classical() ? "yes" : "no", rm.paper() ? "yes" : "no", rm.reason()));
        for (String a : k.assumptions()) {
            sb.append("  assumed: ").append(a).append('\n');
        }
        final var c = r.condition();
        sb.append(String.format(Locale.ROOT, "  condition %s, %s: held at %d of %d times%s%n", c.equation(), c.form(),
                c.held(), c.points(), c.note().isEmpty() ? "" : " - " + c.note()));
        sb.append("  weighting: ").append(r.primaryBound().weighting()).append('\n');
        for (TheoremChecker.BoundCheck b : r.bounds()) {
            sb.append(String.format(Locale.ROOT, "  %s%s [C = %s = %.4g]: %s", b.label(), b.primary() ? " (verdict)" : "",
                    b.formula(), b.noiseConstant(), b.verdict().word()));
            if (b.evaluated() > 0) {
                sb.append(String.format(Locale.ROOT, " over %d times, max excess %.3g, max measured/bound %.3g",
                        b.evaluated(), b.maxExcess(), b.maxRatio()));
            }
            sb.append('\n');
            if (!b.settle().isEmpty()) {
                sb.append("    to settle: ").append(b.settle()).append('\n');
            }
            if (!b.note().isEmpty()) {
                sb.append("    note: ").append(b.note()).append('\n');
            }
        }
        final List<TheoremChecker.BoundCheck> bs = r.bounds().stream().filter(b -> b.evaluated() > 0).toList();
        sb.append(String.format(Locale.ROOT, "  %8s %10s %5s %10s %10s %4s %11s %9s", "round", "time", "alive",
                "lr_max", "ceiling", "cond", "E|g|^2(t^)", "SE"));
        for (TheoremChecker.BoundCheck b : bs) {
            sb.append(String.format(Locale.ROOT, " %11s %9s %9s %-10s", shortLabel(b), "excess", "D", "verdict"));
        }
        sb.append('\n');
        final List<TheoremChecker.TimePoint> pts = r.points();
        final int rowsShown = Math.max(2, Math.min(maxRows, pts.size()));
        int last = -1;
        for (int i = 0; i < rowsShown; i++) {
            final int idx = pts.size() == 1 ? 0 : (int) Math.round((double) i * (pts.size() - 1) / (rowsShown - 1));
            if (idx == last || idx >= pts.size()) {
                continue;
            }
            last = idx;
            final TheoremChecker.TimePoint p = pts.get(idx);
            sb.append(String.format(Locale.ROOT, "  %8d %10.4g %5d %10.4g %10.4g %4s %11.4g %9.3g", p.round(), p.time(),
                    p.runs(), p.lrMax(), p.ceiling(), p.conditionHolds() ? "yes" : "NO", p.measured(), p.measuredSe()));
            for (TheoremChecker.BoundCheck b : bs) {
                final var v = b.values().stream().filter(q -> q.round() == p.round() && q.time() == p.time())
                        .findFirst().orElse(null);
                if (v == null) {
                    sb.append(String.format(Locale.ROOT, " %11s %9s %9s %-10s", "-", "-", "-", "-"));
                } else {
                    sb.append(String.format(Locale.ROOT, " %11.4g %9.3g %9.3g %-10s", v.bound(), v.excess(), v.disc(),
                            v.verdict().word()));
                }
            }
            sb.append('\n');
        }
        sb.append("  verdict: ").append(r.summary()).append('\n');
        return sb.toString();
    }

    private static String shortLabel(TheoremChecker.BoundCheck b) {
        return b.label().equals(DcsgdCheck.PRINTED) ? "printed" : b.label().equals(DcsgdCheck.DERIVED) ? "derived"
                : b.equation();
    }
}
