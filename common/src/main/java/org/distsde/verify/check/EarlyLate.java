package org.distsde.verify.check;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distsde.sim.RoundStats;
import org.distsde.theory.Verdict;
import org.distsde.verify.Check;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;
import org.distsde.verify.TimeWindow;

/**
 * Seed 000 Remark E.3 made measurable: a scaling rule that leaves an SDE's equation unchanged (Malladi
 * et al.'s, for RMSprop) but not its initial condition does not preserve the path, only the
 * asymptotic loss. Series 0 (rescaled) against series 1 (base) at equal SDE time t = round·η: at
 * t = {@code early} the loss means must differ by more than k·SE (the path is not preserved), and the
 * last-half stationary averages must agree within k·SE to 10% (the asymptotic level is). HOLDS when
 * both; VIOLATED when the early difference is within k·SE although k·SE is below 10% of the loss there
 * (the path was preserved), or the stationary values differ beyond k·SE; else UNRESOLVED.
 */
public record EarlyLate(double early) implements Check {
    @Override
    public Set<Need> needs() {
        return Set.of(Need.OPTIMIZER);
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final Evidence a = series.get(0), b = series.get(1);
        final RoundStats ra = at(a.optimizer(), early), rb = at(b.optimizer(), early);
        final double d = ra.loss().mean() - rb.loss().mean();
        final double se = Math.hypot(ra.loss().std() / Math.sqrt(ra.runs()), rb.loss().std() / Math.sqrt(rb.runs()));
        final double k = family.k(2);
        final TimeWindow wa = TimeWindow.lastHalf(a.optimizer(), r -> r.loss().mean());
        final TimeWindow wb = TimeWindow.lastHalf(b.optimizer(), r -> r.loss().mean());
        final Outcome late = Outcome.equal(wa.value(), wb.value(), Math.hypot(wa.se(), wb.se()), 0,
                family.kT(2, Math.min(wa.batches(), wb.batches()) - 1), "");
        final boolean differs = Math.abs(d) > k * se;
        final Verdict v;
        if (differs && late.verdict() == Verdict.HOLDS) {
            v = Verdict.HOLDS;
        } else if (!differs && k * se < 0.1 * rb.loss().mean() || late.verdict() == Verdict.VIOLATED) {
            v = Verdict.VIOLATED;
        } else {
            v = Verdict.UNRESOLVED;
        }
        return Outcome.of(v, ra.loss().mean(), rb.loss().mean(), se, 0, k, String.format(Locale.ROOT, "E f at t = %.4g of the "
                + "rescaled run (measured) and the base run (predicted if the path were preserved): difference %.3g; "
                + "stationary E f %.5g +- %.2g and %.5g +- %.2g (%s)", ra.time(), d, wa.value(), wa.se(), wb.value(),
                wb.se(), late.verdict().word()));
    }

    /** The row recorded closest to time t. */
    static RoundStats at(List<RoundStats> rows, double t) {
        RoundStats best = rows.get(0);
        for (RoundStats r : rows) {
            if (Math.abs(r.time() - t) < Math.abs(best.time() - t)) {
                best = r;
            }
        }
        return best;
    }
}
