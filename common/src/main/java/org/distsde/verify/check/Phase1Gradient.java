package org.distsde.verify.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distsde.config.ExperimentConfig;
import org.distsde.objective.Objective;
import org.distsde.schedule.Schedule;
import org.distsde.sim.RoundStats;
import org.distsde.theory.TimeAverages;
import org.distsde.theory.Verdict;
import org.distsde.verify.Check;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;

/**
 * Seed 002 Theorem 12, Phase 1 (Eq. 54, from Eq. 58–59): while |∇f|/σ is large the DSignSGD SDE is
 * SignGD, d(f − f*) = −ηₜ‖∇f‖₁dt, so E‖∇f(X_t̃¹)‖₁ ≤ (f(X0) − f*)/φ¹ₜ with t̃¹ ~ ηₛ/φ¹ₜ. For d = 1,
 * ‖∇f‖₁ = ‖∇f‖ and the left side is ∫ηₛE‖∇f(X_s)‖ds/φ¹ₜ, the trapezoid of the recorded
 * grad_norm_mean with weight ηₛ (record every step: the trapezoid's error is then the difference to
 * the left Riemann sum, added to D). Checked at every recorded t on the resolved SDE (D from its levels),
 * SE of each mean √((E‖∇f‖² − (E‖∇f‖)²)/n), of the time average their weighted sum (an upper bound for
 * correlated means), k family-wise over the times.
 */
public record Phase1Gradient() implements Check {
    @Override
    public Set<Need> needs() {
        return Set.of(Need.SDE);
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final Evidence ev = series.get(0);
        final ExperimentConfig c = ev.config();
        final Objective f = c.buildObjective();
        if (f.dim() != 1) {
            throw new IllegalArgumentException("Eq. 54 is checked through |grad f| = ||grad f||_1: d must be 1");
        }
        final double gap = f.value(c.initialPoint(), 0) - f.minValue();
        final Schedule sch = c.schedule().build();
        final List<RoundStats> rows = ev.sde();
        final int m = rows.size() - 1;
        final double k = family.k(m);
        Verdict verdict = Verdict.HOLDS;
        double[] worst = null;
        double worstScore = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < rows.size(); i++) {
            final int upto = i;
            final double[] tr = average(rows.subList(0, upto + 1), sch, c.eta());
            final double[] vd = Levels.of(ev.refinement(), rows,
                    rs -> average(rs.subList(0, upto + 1), sch, c.eta())[0], tr[1]);
            final double phi1 = TimeAverages.phiIncrements(sch, c.eta(), 0, rows.get(i).time())[0];
            final double bound = gap / phi1;
            final double disc = vd[1] + tr[2];
            final Verdict v = Verdict.at(vd[0] - bound, tr[1], disc, k);
            verdict = v == Verdict.VIOLATED ? v : v == Verdict.UNRESOLVED && verdict == Verdict.HOLDS ? v : verdict;
            final double score = v == Verdict.VIOLATED ? 1e300 : vd[0] - bound + disc + k * tr[1];
            if (score > worstScore) {
                worstScore = score;
                worst = new double[] {vd[0], bound, tr[1], disc, rows.get(i).time()};
            }
        }
        return Outcome.of(verdict, worst[0], worst[1], worst[2], worst[3], k, String.format(Locale.ROOT,
                "time-weighted E|grad f| against (f(x0) - f*)/phi1_t at %d recorded times; decisive t = %.4g", m,
                worst[4]));
    }

    /** {trapezoid of ηₛE‖∇f‖ / trapezoid of ηₛ, its SE bound, |trapezoid − left Riemann|}. */
    static double[] average(List<RoundStats> rows, Schedule sch, double eta) {
        double num = 0, den = 0, se = 0, left = 0;
        final List<Double> w = new ArrayList<>();
        for (RoundStats r : rows) {
            w.add(sch.at(r.time() / eta));
        }
        for (int i = 1; i < rows.size(); i++) {
            final RoundStats a = rows.get(i - 1), b = rows.get(i);
            final double dt = b.time() - a.time();
            num += 0.5 * dt * (w.get(i - 1) * a.grad().normMean() + w.get(i) * b.grad().normMean());
            den += 0.5 * dt * (w.get(i - 1) + w.get(i));
            left += dt * w.get(i - 1) * a.grad().normMean();
            se += 0.5 * dt * (w.get(i - 1) * sem(a) + w.get(i) * sem(b));
        }
        return new double[] {num / den, se / den, Math.abs(num - left) / den};
    }

    static double sem(RoundStats r) {
        return r.runs() > 1 ? Math.sqrt(Math.max(0, r.grad().normSqMean() - r.grad().normMean() * r.grad().normMean()) / r.runs())
                : Double.NaN;
    }
}
