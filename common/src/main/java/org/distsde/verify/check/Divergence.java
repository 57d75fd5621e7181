package org.distsde.verify.check;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.distsde.sim.RoundStats;
import org.distsde.theory.Verdict;
import org.distsde.verify.Check;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;

/**
 * A claim "series 0 diverges where series 1 does not" (seed 002 Section 4.1 and Figure 1: DSGD and
 * DCSGD without the normalization Eq. 1 / 3 asks for diverge when σ or ω is too large; with it they
 * converge): the diverged fractions at the last round with Clopper–Pearson intervals at the
 * catalogue's family-wise level. HOLDS when series 0's lower end exceeds series 1's upper end;
 * VIOLATED when series 0's upper end is below series 1's lower end; else UNRESOLVED.
 */
public record Divergence() implements Check {
    @Override
    public Set<Need> needs() {
        return Set.of(Need.OPTIMIZER);
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final RoundStats a = last(series.get(0)), b = last(series.get(1));
        final double alpha = org.distsde.theory.Verdict.ALPHA / family.statements();
        final double[] ia = cp(a.diverged(), a.runs() + a.diverged(), alpha), ib = cp(b.diverged(), b.runs() + b.diverged(),
                alpha);
        final Verdict v = ia[0] > ib[1] ? Verdict.HOLDS : ia[1] < ib[0] ? Verdict.VIOLATED : Verdict.UNRESOLVED;
        final double fa = (double) a.diverged() / (a.runs() + a.diverged()), fb = (double) b.diverged() / (b.runs()
                + b.diverged());
        return Outcome.of(v, fa, fb, Double.NaN, 0, Double.NaN, String.format(Locale.ROOT, "diverged fraction of %s "
                + "%.4f [%.4f, %.4f] (measured) against %s %.4f [%.4f, %.4f] (Clopper-Pearson, each side %.2g)",
                series.get(0).label(), fa, ia[0], ia[1], series.get(1).label(), fb, ib[0], ib[1], alpha));
    }

    static RoundStats last(Evidence e) {
        return e.optimizer().get(e.optimizer().size() - 1);
    }

    /** Clopper–Pearson with alpha on each side. */
    static double[] cp(int x, int n, double alpha) {
        final double lo = x == 0 ? 0 : BetaDistribution.of(x, n - x + 1).inverseCumulativeProbability(alpha);
        final double hi = x == n ? 1 : BetaDistribution.of(x + 1, n - x).inverseSurvivalProbability(alpha);
        return new double[] {lo, hi};
    }
}
