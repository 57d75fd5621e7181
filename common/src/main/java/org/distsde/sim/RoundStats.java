package org.distsde.sim;

import java.io.Serializable;

/**
 * Statistics over the runs still alive at one recorded round (diverged runs are counted, never
 * averaged). {@code time} is the SDE time k·η. For the theorems' time averages (Eq. 2, 4, 6, 7)
 * the simulators also accumulate per run, at every step with ds = η (optimizer) or Δt (SDE) and
 * the effective ηₛ = lr/η (the scheduler times the normalization: in the paper's parametrisation
 * ηη_t the adaptive factor is part of ηₜ): φ¹ = Σ ηₛ ds, φ² = Σ ηₛ² ds, ∫ηₛ‖∇f(X_s)‖² ds and
 * ∫ηₛ²‖∇f(X_s)‖² ds; {@code phi1}, {@code phi2}, {@code intEtaGradNormSq} and
 * {@code intEta2GradNormSq} are their means over the alive runs (NaN where not recorded).
 */
public record RoundStats(int round, double time, double lr, double lrMin, double lrMax, int runs, int diverged,
                         double lossMean, double lossStd, double lossP05, double lossP50, double lossP95,
                         double gradNormSqMean, double gradNormMean, double phi1, double phi2,
                         double intEtaGradNormSq, double intEta2GradNormSq) implements Serializable {
    /** Column names, in the order of {@link #values()}. */
    public static final String[] COLUMNS = {"round", "time", "lr", "lr_min", "lr_max", "runs", "diverged",
        "loss_mean", "loss_std", "loss_p05", "loss_p50", "loss_p95", "grad_norm_sq_mean", "grad_norm_mean",
        "phi1", "phi2", "int_eta_grad_norm_sq", "int_eta2_grad_norm_sq"};

    public double[] values() {
        return new double[] {round, time, lr, lrMin, lrMax, runs, diverged, lossMean, lossStd, lossP05, lossP50,
            lossP95, gradNormSqMean, gradNormMean, phi1, phi2, intEtaGradNormSq, intEta2GradNormSq};
    }

    /** Without the time integrals (they are NaN). */
    public static RoundStats of(int round, double time, double[] loss, double[] gn2, double[] lr, boolean[] alive) {
        return of(round, time, loss, gn2, lr, alive, null, null, null, null);
    }

    /**
     * Computes the statistics of the alive runs.
     *
     * @param loss  f(x_r) − f* per run
     * @param gn2   ‖∇f(x_r)‖² per run
     * @param lr    the learning rate each run uses at this round
     * @param alive runs that have not diverged
     */
    public static RoundStats of(int round, double time, double[] loss, double[] gn2, double[] lr, boolean[] alive,
                                double[] phi1, double[] phi2, double[] i1, double[] i2) {
        int n = 0;
        for (boolean a : alive) {
            n += a ? 1 : 0;
        }
        final double[] l = new double[n];
        double si1 = 0, si2 = 0, sp1 = 0, sp2 = 0;
        double sl = 0, sg = 0, sgn = 0, slr = 0, lrMin = Double.POSITIVE_INFINITY, lrMax = Double.NEGATIVE_INFINITY;
        int k = 0;
        for (int r = 0; r < loss.length; r++) {
            if (!alive[r]) {
                continue;
            }
            l[k++] = loss[r];
            sl += loss[r];
            sg += gn2[r];
            sgn += Math.sqrt(gn2[r]);
            slr += lr[r];
            if (i1 != null) {
                si1 += i1[r];
                si2 += i2[r];
                sp1 += phi1[r];
                sp2 += phi2[r];
            }
            lrMin = Math.min(lrMin, lr[r]);
            lrMax = Math.max(lrMax, lr[r]);
        }
        if (n == 0) {
            final double nan = Double.NaN;
            return new RoundStats(round, time, nan, nan, nan, 0, loss.length, nan, nan, nan, nan, nan, nan, nan,
                    nan, nan, nan, nan);
        }
        final double mean = sl / n;
        double ss = 0;
        for (double v : l) {
            ss += (v - mean) * (v - mean);
        }
        java.util.Arrays.sort(l);
        return new RoundStats(round, time, slr / n, lrMin, lrMax, n, loss.length - n, mean,
                n > 1 ? Math.sqrt(ss / (n - 1)) : 0, quantile(l, 0.05), quantile(l, 0.5), quantile(l, 0.95),
                sg / n, sgn / n, i1 == null ? Double.NaN : sp1 / n, i1 == null ? Double.NaN : sp2 / n,
                i1 == null ? Double.NaN : si1 / n, i1 == null ? Double.NaN : si2 / n);
    }

    /** Linear-interpolation quantile of sorted data (type 7). */
    static double quantile(double[] sorted, double q) {
        final double h = (sorted.length - 1) * q;
        final int lo = (int) Math.floor(h);
        final int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
