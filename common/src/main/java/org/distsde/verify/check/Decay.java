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
 * A claim "with a scheduler the loss keeps decaying, without it it does not" (seed 002 Figure 1 right
 * and Theorem 7; seed 000 Lemma 3.9): series 0 runs with the scheduler, series 1 without. The loss
 * mean at T/2 and at T of each: HOLDS when series 0 decreases by more than k·SE between them while
 * series 1 does not (its change is within k·SE, or it grows) and series 0 ends below series 1 by
 * more than k·SE; VIOLATED when series 0 does not decrease (within k·SE of no change at a resolution
 * of 10% of its loss) or ends above series 1 beyond k·SE; else UNRESOLVED.
 */
public record Decay() implements Check {
    @Override
    public Set<Need> needs() {
        return Set.of(Need.OPTIMIZER);
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final List<RoundStats> s = series.get(0).optimizer(), n = series.get(1).optimizer();
        final double t = s.get(s.size() - 1).time();
        final RoundStats s1 = EarlyLate.at(s, t / 2), s2 = s.get(s.size() - 1);
        final RoundStats n1 = EarlyLate.at(n, t / 2), n2 = n.get(n.size() - 1);
        final double k = family.k(3);
        final double dS = s1.lossMean() - s2.lossMean(), seS = sem(s1) + sem(s2);
        final double dN = n1.lossMean() - n2.lossMean(), seN = sem(n1) + sem(n2);
        final double gap = n2.lossMean() - s2.lossMean(), seG = Math.hypot(sem(n2), sem(s2));
        final Verdict v;
        if (dS > k * seS && dN <= k * seN && gap > k * seG) {
            v = Verdict.HOLDS;
        } else if (dS < k * seS && k * seS < 0.1 * s2.lossMean() || gap < -k * seG) {
            v = Verdict.VIOLATED;
        } else {
            v = Verdict.UNRESOLVED;
        }
        return Outcome.of(v, s2.lossMean(), n2.lossMean(), seG, 0, k, String.format(Locale.ROOT, "E f at T/2 and T = %.4g: "
                + "with the scheduler %.4g -> %.4g (%s), without %.4g -> %.4g (%s)", t, s1.lossMean(), s2.lossMean(),
                series.get(0).label(), n1.lossMean(), n2.lossMean(), series.get(1).label()));
    }

    static double sem(RoundStats r) {
        return r.runs() > 1 ? r.lossStd() / Math.sqrt(r.runs()) : Double.NaN;
    }
}
