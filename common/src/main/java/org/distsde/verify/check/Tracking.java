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

/**
 * Seed 000 Remark C.46 (and C.33): "our SDE tracks the optimizer more faithfully" than Malladi et
 * al.'s in the first part of the dynamics. Series 0 integrates seed 000's SDE (sde.model full), series
 * 1 Malladi et al.'s (sde.model malladi), both resolved in Δt, and series 0's optimizer is the
 * reference. At the recorded times t ≤ {@code until}: a_t = |E f_opt − E f_ours|, b_t = |E f_opt − E
 * f_Malladi|; at the time where b_t − a_t is largest, HOLDS when b_t − a_t &gt; k·SE + D (SE: the three
 * loss means' SEs added, D: the two SDEs' discretisation errors added); VIOLATED when at every time
 * a_t − b_t &gt; k·SE + D (ours is the worse one throughout); else UNRESOLVED.
 */
public record Tracking(double until) implements Check {
    @Override
    public Set<Need> needs() {
        return Set.of(Need.OPTIMIZER, Need.SDE);
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final Evidence ours = series.get(0), mal = series.get(1);
        final List<RoundStats> opt = ours.optimizer(), so = ours.sde(), sm = mal.sde();
        int m = 0;
        for (RoundStats r : opt) {
            m += r.time() > 0 && r.time() <= until ? 1 : 0;
        }
        final double k = family.k(m);
        double best = Double.NEGATIVE_INFINITY;
        double[] at = null;
        boolean oursWorseEverywhere = true;
        for (int i = 1; i < opt.size() && opt.get(i).time() <= until + 1e-12; i++) {
            final double seO = sem(opt.get(i)), seA = sem(so.get(i)), seB = sem(sm.get(i));
            final double[] va = Levels.at(ours.refinement(), so, i, r -> r.loss().mean(), seA);
            final double[] vb = Levels.at(mal.refinement(), sm, i, r -> r.loss().mean(), seB);
            final double fo = opt.get(i).loss().mean();
            final double a = Math.abs(fo - va[0]), b = Math.abs(fo - vb[0]);
            final double se = 2 * seO + seA + seB, d = va[1] + vb[1];
            oursWorseEverywhere &= a - b > k * se + d;
            if (b - a - k * se - d > best) {
                best = b - a - k * se - d;
                at = new double[] {a, b, se, d, opt.get(i).time()};
            }
        }
        final Verdict v = best > 0 ? Verdict.HOLDS : oursWorseEverywhere ? Verdict.VIOLATED : Verdict.UNRESOLVED;
        return Outcome.of(v, at[0], at[1], at[2], at[3], k, String.format(Locale.ROOT, "measured: |E f(optimizer) - "
                + "E f(seed 000 SDE)|, predicted: the same for Malladi et al.'s SDE, at t = %.4g (the largest margin of "
                + "%d times t <= %.4g)", at[4], m, until));
    }

    static double sem(RoundStats r) {
        return r.runs() > 1 ? r.loss().std() / Math.sqrt(r.runs()) : Double.NaN;
    }
}
