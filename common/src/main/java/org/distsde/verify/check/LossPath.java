package org.distsde.verify.check;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.RoundStats;
import org.distsde.theory.Verdict;
import org.distsde.verify.Check;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;

/**
 * A bound on the expected loss along time (seed 000 Lemma 3.5's phases, Lemma 3.6): E S_t ≤ bound(t)
 * at every recorded time in [from, to] (SDE time), on the SDE as configured (resolved: D from its
 * levels) or on the optimizer, SE = loss_std/√n, k family-wise over the times. {@code start} is the loss the bound starts
 * from: f(x0) − f* at t = 0, or the measured E S at {@code from} (a phase entered later: the bounds are
 * linear in S₀, so they hold in expectation from the measured mean).
 *
 * @param bound   bound(config, t, t0, S at t0), t0 the window's first recorded time
 * @param from    start of the window
 * @param to      end of the window (∞: the run's end)
 * @param what    the bound's name
 * @param sde     measured on the SDE as configured (D from its levels); false: on the optimizer (D = 0)
 */
public record LossPath(Bound bound, double from, double to, String what, boolean sde) implements Check {
    /** The bound at time t from loss s0 at the window's first recorded time t0. */
    @FunctionalInterface
    public interface Bound extends Serializable {
        double at(ExperimentConfig c, double t, double t0, double s0);
    }

    @Override
    public Set<Need> needs() {
        return Set.of(sde ? Need.SDE : Need.OPTIMIZER);
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final Evidence ev = series.get(0);
        final List<RoundStats> rows = sde ? ev.sde() : ev.optimizer();
        int first = -1, m = 0;
        for (int i = 0; i < rows.size(); i++) {
            final double t = rows.get(i).time();
            if (t >= from - 1e-12 && t <= to + 1e-12) {
                first = first < 0 ? i : first;
                m += t > from ? 1 : 0;
            }
        }
        if (first < 0 || m == 0) {
            throw new IllegalArgumentException("no recorded time in [" + from + ", " + to + "] for " + ev.label());
        }
        final double s0 = rows.get(first).loss().mean();
        final double k = family.k(m);
        Verdict verdict = Verdict.HOLDS;
        double worstScore = Double.NEGATIVE_INFINITY;
        double[] worst = null;
        for (int i = first + 1; i < rows.size() && rows.get(i).time() <= to + 1e-12; i++) {
            final RoundStats r = rows.get(i);
            final double se = r.runs() > 1 ? r.loss().std() / Math.sqrt(r.runs()) : Double.NaN;
            final double[] vd = Levels.at(sde ? ev.refinement() : null, rows, i, q -> q.loss().mean(), se);
            final double b = bound.at(ev.config(), r.time(), rows.get(first).time(), s0);
            final Verdict v = Verdict.at(vd[0] - b, se, vd[1], k);
            if (v == Verdict.VIOLATED) {
                verdict = Verdict.VIOLATED;
            } else if (v == Verdict.UNRESOLVED && verdict == Verdict.HOLDS) {
                verdict = Verdict.UNRESOLVED;
            }
            final double score = v == Verdict.VIOLATED ? 1e300 + (vd[0] - b) : vd[0] - b + vd[1] + k * se;
            if (score > worstScore || worst == null) {
                worstScore = score;
                worst = new double[] {vd[0], b, se, vd[1], r.time()};
            }
        }
        return Outcome.of(verdict, worst[0], worst[1], worst[2], worst[3], k, String.format(Locale.ROOT,
                "E S_t <= %s at %d recorded times in [%.4g, %.4g] (S at the start %.5g); decisive t = %.4g", what, m,
                rows.get(first).time(), Math.min(to, rows.get(rows.size() - 1).time()), s0, worst[4]));
    }
}
