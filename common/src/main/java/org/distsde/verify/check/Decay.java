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
 * A claim "with a scheduler the loss keeps converging, without it it levels off" (seed 002 Figure 1
 * right and Theorem 7): series 0 runs with the scheduler, series 1 without. For each, the ratio
 * r = E f(T)/E f(T/2) of the loss means (SE by the delta method, the two times' errors added as if
 * independent, which overstates it). HOLDS when series 0's loss decreases (r₀ &lt; 1 by more than k·SE)
 * and faster than series 1's (r₁ − r₀ &gt; k·SE): the scheduled run converges where the constant one
 * has levelled off (its stationary level is not 0); VIOLATED when series 0 does not decrease
 * (r₀ ≥ 1 − k·SE while k·SE &lt; 10%) or decreases more slowly than series 1 beyond k·SE; else
 * UNRESOLVED. The absolute levels at a finite T are not the claim (a slowly decaying scheduler can
 * still be above the constant one's level).
 */
public record Decay() implements Check {
    @Override
    public Set<Need> needs() {
        return Set.of(Need.OPTIMIZER);
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final double[] s = ratio(series.get(0).optimizer()), n = ratio(series.get(1).optimizer());
        final double k = family.k(2);
        final double seDiff = Math.hypot(s[1], n[1]);
        final Verdict v;
        if (1 - s[0] > k * s[1] && n[0] - s[0] > k * seDiff) {
            v = Verdict.HOLDS;
        } else if (1 - s[0] < k * s[1] && k * s[1] < 0.1 || s[0] - n[0] > k * seDiff) {
            v = Verdict.VIOLATED;
        } else {
            v = Verdict.UNRESOLVED;
        }
        return Outcome.of(v, s[0], n[0], seDiff, 0, k, String.format(Locale.ROOT, "E f(T)/E f(T/2) with the scheduler "
                + "(measured, %s: %.4g -> %.4g) against without (predicted, %s: %.4g -> %.4g), T = %.4g",
                series.get(0).label(), s[2], s[3], series.get(1).label(), n[2], n[3], s[4]));
    }

    /** {E f(T)/E f(T/2), its SE, E f(T/2), E f(T), T}. */
    static double[] ratio(List<RoundStats> rows) {
        final RoundStats b = rows.get(rows.size() - 1), a = EarlyLate.at(rows, b.time() / 2);
        final double r = b.loss().mean() / a.loss().mean();
        final double se = r * Math.hypot(sem(a) / a.loss().mean(), sem(b) / b.loss().mean());
        return new double[] {r, se, a.loss().mean(), b.loss().mean(), b.time()};
    }

    static double sem(RoundStats r) {
        return r.runs() > 1 ? r.loss().std() / Math.sqrt(r.runs()) : Double.NaN;
    }
}
