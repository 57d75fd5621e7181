package org.distsde.verify.check;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distsde.sim.RoundStats;
import org.distsde.theory.QuadraticLimits;
import org.distsde.theory.Verdict;
import org.distsde.verify.Check;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;

/**
 * Seed 000 Lemma 3.4, Phase 1: while every |Yⱼ| = |∂ⱼf|/(√2σⱼ) &gt; 3/2 the SignSGD SDE "coincides" with
 * the SignGD ODE dX = −sign(∇f)dt (Eq. 4), on a diagonal quadratic xⱼ(t) = sign(x0ⱼ)(|x0ⱼ| − t)
 * ({@link QuadraticLimits#signGd}). The coincidence is an approximation: the SDE's drift is
 * −Erf(Yⱼ), of size between Erf(3/2) = 0.966 and 1 there, which is what the lemma licenses: E[Xⱼ(t)]
 * between sign(x0ⱼ)(|x0ⱼ| − t) and sign(x0ⱼ)(|x0ⱼ| − Erf(3/2)t). Measured on the resolved SDE at the
 * recorded t ≤ {@code until} (chosen inside Phase 1), SE √(Var/n), D from the levels, k family-wise over
 * the d·times comparisons: VIOLATED when E[Xⱼ] leaves the band by more than k·SE + D somewhere; HOLDS
 * when it never does. Predicted: the ODE.
 */
public record SignGdPath(double until) implements Check {
    @Override
    public Set<Need> needs() {
        return Set.of(Need.SDE);
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final Evidence ev = series.get(0);
        final List<RoundStats> rows = ev.sde();
        final double[] x0 = ev.config().initialPoint();
        final int d = Math.min(x0.length, rows.get(0).coordinates());
        int m = 0;
        for (RoundStats r : rows) {
            m += r.time() > 0 && r.time() <= until ? d : 0;
        }
        final double k = family.k(m);
        double worstZ = Double.NEGATIVE_INFINITY;
        double[] w = null;
        for (int i = 1; i < rows.size() && rows.get(i).time() <= until + 1e-12; i++) {
            final RoundStats r = rows.get(i);
            final double[] ode = QuadraticLimits.signGd(x0, r.time());
            final double[] slow = QuadraticLimits.signGd(x0, org.apache.commons.numbers.gamma.Erf.value(1.5) * r.time());
            for (int j = 0; j < d; j++) {
                final int jj = j;
                final double se = Math.sqrt(r.x().var()[j] / r.runs());
                final double[] v = Levels.at(ev.refinement(), rows, i, q -> q.x().mean()[jj], se);
                final double lo = Math.min(ode[j], slow[j]), hi = Math.max(ode[j], slow[j]);
                // D plus a rounding allowance of the Euler sums (the mean is nearly deterministic here: SE ~ 0)
                final double disc = v[1] + 1e-12 * Math.max(1, Math.abs(x0[x0.length == 1 ? 0 : j]));
                v[1] = disc;
                final double z = (Math.max(0, Math.max(lo - v[0], v[0] - hi)) - disc) / se;
                if (z > worstZ) {
                    worstZ = z;
                    w = new double[] {v[0], ode[j], se, v[1], r.time(), j};
                }
            }
        }
        final Verdict verdict = worstZ > k && !Double.isNaN(worstZ) ? Verdict.VIOLATED : Double.isNaN(w[3]) ? Verdict.UNRESOLVED : Verdict.HOLDS;
        return Outcome.of(verdict, w[0], w[1], w[2], w[3], k, String.format(Locale.ROOT, "E[x_j(t)] of the resolved "
                + "SDE against the band between SignGD's sign(x0_j)(|x0_j| - t) and the same at speed Erf(3/2) at %d "
                + "comparisons, t <= %.4g; decisive x%d at t = %.4g (largest excursion %.2f SE beyond D)", m, until,
                (int) w[5] + 1, w[4], worstZ));
    }
}
