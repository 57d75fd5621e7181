package org.distsde.verify.check;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.RoundStats;
import org.distsde.theory.QuadraticMoments;
import org.distsde.theory.Verdict;
import org.distsde.verify.Check;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;

/**
 * Seed 000 Lemma 3.7 (SignSGD, Phase 3) or Lemma 3.8 (SGD) on f = ½xᵀHx: E[X_t] and Var[X_t] per
 * coordinate at every recorded time against the closed forms ({@link QuadraticMoments}: SignSGD
 * with slope κ = 2p_T(0), √(2/π) for Gaussian noise, √(1/2) for Student-t with ν = 2 (Corollary
 * 3.11); SGD with κ = null), measured on the optimizer as Appendix F.2 does (D = 0; the lemma's SDE
 * is the optimizer's within O(η)). SE of a mean √(Var/n), of a variance Var·√(2/(n − 1)) (near-Gaussian
 * iterates); k family-wise over all 2·d·times comparisons. VIOLATED when any comparison is off by more
 * than k·SE; HOLDS when none is and the stationary variances were resolved to within 10%.
 *
 * <p>With {@code sde} the SDE as configured is measured instead (Lemma 3.4, Phase 3: the full SDE
 * coincides with the Phase 3 SDE whose moments Lemma 3.7 gives), with D of each moment from its levels.
 *
 * @param kappa the sign drift's slope at 0 (null: SGD)
 * @param sde   measure the SDE (resolved) instead of the optimizer
 */
public record MomentsPath(Double kappa, boolean sde) implements Check {
    @Override
    public Set<Need> needs() {
        return Set.of(sde ? Need.SDE : Need.OPTIMIZER);
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final Evidence ev = series.get(0);
        final ExperimentConfig c = ev.config();
        final double[] h = c.objective().h(), x0 = c.initialPoint();
        final double[] sigma = c.noise().kind() == org.distsde.config.NoiseType.GAUSSIAN ? c.noise().sigma0()
                : c.noise().sigma(); // Student-t: the scales
        final QuadraticMoments qm = kappa == null ? QuadraticMoments.sgd(h, sigma, c.eta(), c.agents())
                : QuadraticMoments.signPhase3(h, sigma, kappa, c.eta(), c.agents());
        final List<RoundStats> rows = sde ? ev.sde() : ev.optimizer();
        final int d = Math.min(h.length, rows.get(0).coordinates());
        int m = 0;
        for (RoundStats r : rows) {
            m += r.time() > 0 ? 2 * d : 0;
        }
        final double k = family.k(m);
        double worstZ = 0, resolution = 0;
        double[] worst = {Double.NaN, Double.NaN, Double.NaN, 0};
        String where = "";
        final org.distsde.sde.refine.Refinement ref = sde ? ev.refinement() : null;
        for (int i = 0; i < rows.size(); i++) {
            final RoundStats r = rows.get(i);
            if (r.time() <= 0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                final int jj = j;
                final double[] mv = qm.at(j, x0[x0.length == 1 ? 0 : j], r.time());
                final double seMean = Math.sqrt(r.x().var()[j] / r.runs());
                final double seVar = r.x().var()[j] * Math.sqrt(2.0 / (r.runs() - 1));
                final double[] m1 = Levels.at(ref, rows, i, q -> q.x().mean()[jj], seMean);
                final double[] v1 = Levels.at(ref, rows, i, q -> q.x().var()[jj], seVar);
                final double zm = (Math.abs(m1[0] - mv[0]) - m1[1]) / seMean;
                final double zv = (Math.abs(v1[0] - mv[1]) - v1[1]) / seVar;
                if (zm > worstZ || Double.isNaN(zm)) {
                    worstZ = Double.isNaN(zm) ? Double.POSITIVE_INFINITY : zm;
                    worst = new double[] {m1[0], mv[0], seMean, m1[1]};
                    where = String.format(Locale.ROOT, "E[x%d] at t = %.4g", j + 1, r.time());
                }
                if (zv > worstZ || Double.isNaN(zv)) {
                    worstZ = Double.isNaN(zv) ? Double.POSITIVE_INFINITY : zv;
                    worst = new double[] {v1[0], mv[1], seVar, v1[1]};
                    where = String.format(Locale.ROOT, "Var[x%d] at t = %.4g", j + 1, r.time());
                }
                if (i == rows.size() - 1) {
                    resolution = Math.max(resolution, (k * seVar + v1[1]) / mv[1]);
                }
            }
        }
        final Verdict v = Double.isInfinite(worstZ) ? Verdict.UNRESOLVED : worstZ > k ? Verdict.VIOLATED
                : resolution <= 0.1 ? Verdict.HOLDS : Verdict.UNRESOLVED;
        return Outcome.of(v, worst[0], worst[1], worst[2], worst[3], k, String.format(Locale.ROOT, "E[x_j] and Var[x_j]"
                + " of the %s at %d comparisons against %s; largest deviation %.2f SE (%s); final variances resolved "
                + "to %.1f%% (largest deviation in SE units after D)", sde ? "SDE" : "optimizer", m, kappa == null ? "Lemma 3.8" : String.format(Locale.ROOT, "Lemma 3.7 (kappa = %.4g)",
                kappa), worstZ, where, 100 * resolution));
    }
}
