package org.distsde.theory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseType;
import org.distsde.config.NormalizationKind;
import org.distsde.optim.Adaptive;
import org.distsde.sim.RoundStats;

/**
 * The stationary values of RMSprop(W) / Adam(W) — or of their SDEs — on f(x) = ½xᵀHx with
 * homogeneous Gaussian noise of constant covariance (σ1 = 0), time-averaged over the last half of
 * the recorded times, beside seed 000's closed forms: Var[xⱼ] against Lemma C.40 (RMSprop), C.45
 * (RMSpropW), C.52 (Adam), C.57 (AdamW; Lemma 3.14 prints the same matrix,
 * (η/2)(I + θH⁻¹Σ^{1/2})⁻¹H⁻¹Σ^{1/2}, equal for diagonal H and Σ), per coordinate
 * (η/2)/(hⱼ/σⱼ + θ) with θ = 0 without decay; E f against ½Σⱼhⱼ·Varⱼ. The noise the server sees has
 * σⱼ = σ0ⱼ/√N (N agents average, as a batch of N).
 *
 * <p><b>Standard errors.</b> Each recorded time's Var[xⱼ] is a sample variance over n runs (or
 * paths), with standard error Var·√(2/(n − 1)) for Gaussian iterates (the linearised stationary law
 * is Gaussian); the time average of those correlated estimates has a standard error at most their
 * largest one (the standard deviation of a mean is at most the largest standard deviation), which is
 * what is reported: an upper bound. The loss mean likewise, with the largest loss_std/√n.
 */
public final class StationaryAverages {
    private StationaryAverages() { }

    /**
     * @param lemma        which closed form ("Lemma C.57 (= Lemma 3.14)" …)
     * @param fromTime     start of the averaging window (half the last recorded time)
     * @param times        recorded times averaged
     * @param variance     time-averaged Var[xⱼ], one per recorded coordinate (≤ d)
     * @param varianceSe   its standard error bound
     * @param predicted    the lemma's Var[xⱼ]
     * @param loss         time-averaged E f
     * @param lossSe       its standard error bound
     * @param lossPredicted ½Σⱼhⱼ·Varⱼ with the lemma's variances
     * @param notes        what was not available (coordinates not recorded)
     */
    public record Result(String lemma, double fromTime, int times, double[] variance, double[] varianceSe,
                         double[] predicted, double loss, double lossSe, double lossPredicted, List<String> notes)
            implements Serializable {
        /** One line for a verdict table. */
        public String summary() {
            final StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "stationary (time average over t >= %.4g, %d times) vs %s:", fromTime, times, lemma));
            for (int j = 0; j < variance.length; j++) {
                b.append(String.format(Locale.ROOT, " Var[x%d] %.4g +- %.2g (lemma %.4g);", j + 1, variance[j],
                        varianceSe[j], predicted[j]));
            }
            b.append(String.format(Locale.ROOT, " E f %.4g +- %.2g (%.4g)", loss, lossSe, lossPredicted));
            return b.toString();
        }
    }

    /** The effective σⱼ = σ0ⱼ/√N, or null when no closed form applies to the config. */
    public static double[] sigma(ExperimentConfig c) {
        if (c == null || !(org.distsde.optim.Optimizers.of(c) instanceof Adaptive) || !"quadratic".equals(c.objective().type())
                || !c.noise().homogeneous() || c.noise().kind() != NoiseType.GAUSSIAN || c.noise().correlated()
                || c.compression().compresses() || c.normalization().kind() != NormalizationKind.NONE
                || !"constant".equals(c.schedule().type())) {
            return null;
        }
        for (double v : c.noise().sigma1()) {
            if (v != 0) {
                return null;
            }
        }
        final int d = c.objective().h().length;
        final double[] s0 = c.noise().sigma0();
        final double[] s = new double[d];
        for (int j = 0; j < d; j++) {
            s[j] = s0[s0.length == 1 ? 0 : j] / Math.sqrt(c.agents());
            if (!(s[j] > 0)) {
                return null;
            }
        }
        return s;
    }

    /** The lemma's stationary variances (η/2)/(hⱼ/σⱼ + θ) for the config, or null. */
    public static double[] predicted(ExperimentConfig c) {
        final double[] sigma = sigma(c);
        if (sigma == null) {
            return null;
        }
        final Adaptive a = (Adaptive) org.distsde.optim.Optimizers.of(c);
        final double theta = a.decay() ? a.settings(c).theta() : 0;
        return AdaptiveLimits.rmspropWCovariance(c.eta(), c.objective().h(), sigma, theta);
    }

    /** Which lemma. */
    public static String lemma(ExperimentConfig c) {
        final Adaptive a = (Adaptive) org.distsde.optim.Optimizers.of(c);
        return a.decay() ? (a.momentum() ? "Lemma C.57 (= Lemma 3.14)" : "Lemma C.45")
                : (a.momentum() ? "Lemma C.52" : "Lemma C.40");
    }

    /** The time averages over the last half of the recorded times, or null when no closed form applies. */
    public static Result of(ExperimentConfig c, List<RoundStats> rows) {
        final double[] pred = predicted(c);
        if (pred == null || rows.isEmpty()) {
            return null;
        }
        final double tEnd = rows.get(rows.size() - 1).time(), from = tEnd / 2;
        final int k = Math.min(pred.length, rows.get(rows.size() - 1).coordinates());
        final double[] var = new double[k], varSe = new double[k];
        double loss = 0, lossSe = 0;
        int n = 0;
        for (RoundStats r : rows) {
            if (r.time() < from || r.runs() < 2) {
                continue;
            }
            n++;
            loss += r.loss().mean();
            lossSe = Math.max(lossSe, r.loss().std() / Math.sqrt(r.runs()));
            for (int j = 0; j < k; j++) {
                var[j] += r.x().var()[j];
                varSe[j] = Math.max(varSe[j], r.x().var()[j] * Math.sqrt(2.0 / (r.runs() - 1)));
            }
        }
        final List<String> notes = new ArrayList<>();
        if (n == 0) {
            return null;
        }
        for (int j = 0; j < k; j++) {
            var[j] /= n;
        }
        if (k < pred.length) {
            notes.add("Var[x] recorded for " + k + " of " + pred.length + " coordinates (recordCoordinates)");
        }
        final double[] h = c.objective().h();
        return new Result(lemma(c), from, n, var, varSe, java.util.Arrays.copyOf(pred, k), loss / n, lossSe,
                AdaptiveLimits.stationaryLoss(h, pred), notes);
    }
}
