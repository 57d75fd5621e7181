package org.distsde.sim;

import java.io.Serializable;
import org.apache.commons.statistics.descriptive.Quantile;
import org.distsde.stats.HillEstimator;

/**
 * Statistics over the runs still alive at one recorded round (diverged runs are counted, never
 * averaged). {@code time} is the SDE time k·η. For the theorems' time averages (Eq. 2, 4, 6, 7)
 * the simulators also accumulate per run, at every step with ds = η (optimizer) or Δt (SDE) and
 * the effective ηₛ = lr/η (the scheduler times the normalization: in the paper's parametrisation
 * ηη_t the adaptive factor is part of ηₜ): φ¹ = Σ ηₛ ds, φ² = Σ ηₛ² ds, ∫ηₛ‖∇f(X_s)‖² ds and
 * ∫ηₛ²‖∇f(X_s)‖² ds; {@code phi1}, {@code phi2}, {@code intEtaGradNormSq} and
 * {@code intEta2GradNormSq} are their means over the alive runs (NaN where not recorded).
 * With {@code recordCoordinates = k > 0}, {@code xMean} and {@code xVar} hold the mean and the
 * (n − 1) variance over the alive runs of the first k coordinates of the iterate (columns
 * {@code x1_mean, x1_var, …}); empty otherwise. {@code integralCov} holds the (n − 1) sample
 * covariance over the alive runs of (φ¹, φ², ∫ηₛ‖∇f‖², ∫ηₛ²‖∇f‖²) as the upper triangle of the
 * 4 × 4 matrix, row by row (10 values, {@link #cov}); it gives the Monte Carlo standard error of
 * any smooth function of the four means (delta method). Empty where the integrals are not
 * recorded; it is kept in memory and in checkpoints, not in the metrics table.
 * {@code lossTailIndex} is Hill's estimate of the tail index of the loss over the alive runs, with
 * its asymptotic 95% interval [{@code lossTailIndexLo}, {@code lossTailIndexHi}]
 * ({@link HillEstimator}, k = ⌊√n⌋ order statistics; NaN with fewer than 100 alive runs); the last
 * columns of the table ({@link #TAIL_COLUMNS}), followed by the same for the round's aggregated
 * update, {@code updateTailIndex} [{@code Lo}, {@code Hi}] ({@link UpdateTail}; NaN on the SDE's
 * rows and at the last round, where no update is aggregated). {@code bits} (column {@code bits},
 * after the integrals) is the expected number of bits each run's N agents have sent the server
 * before this round, k times the optimizer's bits per round ({@link #withBits}; NaN on the SDE's
 * rows), for plots of the loss against the communication.
 */
public record RoundStats(int round, double time, double lr, double lrMin, double lrMax, int runs, int diverged,
                         double lossMean, double lossStd, double lossP05, double lossP50, double lossP95,
                         double gradNormSqMean, double gradNormMean, double phi1, double phi2,
                         double intEtaGradNormSq, double intEta2GradNormSq, double[] xMean, double[] xVar,
                         double[] integralCov, double lossTailIndex, double lossTailIndexLo, double lossTailIndexHi,
                         double updateTailIndex, double updateTailIndexLo, double updateTailIndexHi, double bits)
        implements Serializable {
    /** Index of φ¹, φ², ∫ηₛ‖∇f‖², ∫ηₛ²‖∇f‖² in {@link #cov}. */
    public static final int PHI1 = 0, PHI2 = 1, INT1 = 2, INT2 = 3;

    /**
     * The loss quantiles: Hyndman–Fan type 7 (linear interpolation between order statistics at
     * h = (n − 1)q, as R's and NumPy's default), selecting in place in the array of the alive runs'
     * losses, which is a copy made for it. Bit for bit the former sort-and-interpolate wherever the
     * two order statistics do not straddle zero (losses f − f* are ≥ 0); where they do, the library
     * interpolates as t·b + (1 − t)·a, within an ulp. Selection instead of a full sort: measured on
     * this machine, 3 quantiles of 1000 losses in 2.9 µs against 12.1 µs, of 10,000 in 29 µs against
     * 530 µs.
     */
    private static final Quantile QUANTILE = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7)
            .withCopy(false);
    private static final double[] PROBABILITIES = {0.05, 0.5, 0.95};

    /** Column names, in the order of {@link #values()}. */
    public static final String[] COLUMNS = {"round", "time", "lr", "lr_min", "lr_max", "runs", "diverged",
        "loss_mean", "loss_std", "loss_p05", "loss_p50", "loss_p95", "grad_norm_sq_mean", "grad_norm_mean",
        "phi1", "phi2", "int_eta_grad_norm_sq", "int_eta2_grad_norm_sq", "bits"};

    /** The tail-index columns, after the coordinate moments (the last columns of {@link #columns(int)}). */
    public static final String[] TAIL_COLUMNS = {"loss_tail_index", "loss_tail_index_lo", "loss_tail_index_hi",
        "update_tail_index", "update_tail_index_lo", "update_tail_index_hi"};

    public RoundStats {
        xMean = xMean == null ? new double[0] : xMean;
        xVar = xVar == null ? new double[0] : xVar;
        integralCov = integralCov == null ? new double[0] : integralCov;
        if (xMean.length != xVar.length) {
            throw new IllegalArgumentException("xMean and xVar differ in length");
        }
        if (integralCov.length != 0 && integralCov.length != 10) {
            throw new IllegalArgumentException("integralCov must hold 0 or 10 values (got " + integralCov.length + ")");
        }
    }

    /** Without the bits sent (NaN: SDE rows, rows made by hand). */
    public RoundStats(int round, double time, double lr, double lrMin, double lrMax, int runs, int diverged,
                      double lossMean, double lossStd, double lossP05, double lossP50, double lossP95,
                      double gradNormSqMean, double gradNormMean, double phi1, double phi2,
                      double intEtaGradNormSq, double intEta2GradNormSq, double[] xMean, double[] xVar,
                      double[] integralCov, double lossTailIndex, double lossTailIndexLo, double lossTailIndexHi,
                      double updateTailIndex, double updateTailIndexLo, double updateTailIndexHi) {
        this(round, time, lr, lrMin, lrMax, runs, diverged, lossMean, lossStd, lossP05, lossP50, lossP95,
                gradNormSqMean, gradNormMean, phi1, phi2, intEtaGradNormSq, intEta2GradNormSq, xMean, xVar,
                integralCov, lossTailIndex, lossTailIndexLo, lossTailIndexHi, updateTailIndex, updateTailIndexLo,
                updateTailIndexHi, Double.NaN);
    }

    /** Without the update's tail index (NaN). */
    public RoundStats(int round, double time, double lr, double lrMin, double lrMax, int runs, int diverged,
                      double lossMean, double lossStd, double lossP05, double lossP50, double lossP95,
                      double gradNormSqMean, double gradNormMean, double phi1, double phi2,
                      double intEtaGradNormSq, double intEta2GradNormSq, double[] xMean, double[] xVar,
                      double[] integralCov, double lossTailIndex, double lossTailIndexLo, double lossTailIndexHi) {
        this(round, time, lr, lrMin, lrMax, runs, diverged, lossMean, lossStd, lossP05, lossP50, lossP95,
                gradNormSqMean, gradNormMean, phi1, phi2, intEtaGradNormSq, intEta2GradNormSq, xMean, xVar,
                integralCov, lossTailIndex, lossTailIndexLo, lossTailIndexHi, Double.NaN, Double.NaN, Double.NaN);
    }

    /** This row with the tail index of the round's aggregated update (see {@link UpdateTail}). */
    public RoundStats withUpdateTail(org.distsde.stats.HillEstimator.Estimate e) {
        return new RoundStats(round, time, lr, lrMin, lrMax, runs, diverged, lossMean, lossStd, lossP05, lossP50,
                lossP95, gradNormSqMean, gradNormMean, phi1, phi2, intEtaGradNormSq, intEta2GradNormSq, xMean, xVar,
                integralCov, lossTailIndex, lossTailIndexLo, lossTailIndexHi, e.alpha(), e.lo(), e.hi(), bits);
    }

    /**
     * This row with the bits the agents sent up to its round, k·(bits per round)
     * ({@code Optimizer.bitsPerRound}: the compressors' expected bits; the optimizer's rows only).
     */
    public RoundStats withBits(double sent) {
        return new RoundStats(round, time, lr, lrMin, lrMax, runs, diverged, lossMean, lossStd, lossP05, lossP50,
                lossP95, gradNormSqMean, gradNormMean, phi1, phi2, intEtaGradNormSq, intEta2GradNormSq, xMean, xVar,
                integralCov, lossTailIndex, lossTailIndexLo, lossTailIndexHi, updateTailIndex, updateTailIndexLo,
                updateTailIndexHi, sent);
    }

    /** Without the tail indices (NaN). */
    public RoundStats(int round, double time, double lr, double lrMin, double lrMax, int runs, int diverged,
                      double lossMean, double lossStd, double lossP05, double lossP50, double lossP95,
                      double gradNormSqMean, double gradNormMean, double phi1, double phi2,
                      double intEtaGradNormSq, double intEta2GradNormSq, double[] xMean, double[] xVar,
                      double[] integralCov) {
        this(round, time, lr, lrMin, lrMax, runs, diverged, lossMean, lossStd, lossP05, lossP50, lossP95,
                gradNormSqMean, gradNormMean, phi1, phi2, intEtaGradNormSq, intEta2GradNormSq, xMean, xVar,
                integralCov, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Without the integrals' covariance. */
    public RoundStats(int round, double time, double lr, double lrMin, double lrMax, int runs, int diverged,
                      double lossMean, double lossStd, double lossP05, double lossP50, double lossP95,
                      double gradNormSqMean, double gradNormMean, double phi1, double phi2,
                      double intEtaGradNormSq, double intEta2GradNormSq, double[] xMean, double[] xVar) {
        this(round, time, lr, lrMin, lrMax, runs, diverged, lossMean, lossStd, lossP05, lossP50, lossP95,
                gradNormSqMean, gradNormMean, phi1, phi2, intEtaGradNormSq, intEta2GradNormSq, xMean, xVar, null);
    }

    /**
     * The sample covariance over the runs of integrals a and b ({@link #PHI1} … {@link #INT2}); NaN
     * when not recorded.
     */
    public double cov(int a, int b) {
        if (integralCov.length == 0) {
            return Double.NaN;
        }
        final int i = Math.min(a, b), j = Math.max(a, b);
        return integralCov[i * 4 - i * (i - 1) / 2 + (j - i)];
    }

    /** The same row without coordinate moments. */
    public RoundStats(int round, double time, double lr, double lrMin, double lrMax, int runs, int diverged,
                      double lossMean, double lossStd, double lossP05, double lossP50, double lossP95,
                      double gradNormSqMean, double gradNormMean, double phi1, double phi2,
                      double intEtaGradNormSq, double intEta2GradNormSq) {
        this(round, time, lr, lrMin, lrMax, runs, diverged, lossMean, lossStd, lossP05, lossP50, lossP95,
                gradNormSqMean, gradNormMean, phi1, phi2, intEtaGradNormSq, intEta2GradNormSq, null, null, null);
    }

    /** Equal when every value is equal (bitwise, so NaN equals NaN), including the coordinate moments. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RoundStats r && java.util.Arrays.equals(values(), r.values());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values());
    }

    /** Number of recorded coordinates k. */
    public int coordinates() {
        return xMean.length;
    }

    /** {@link #COLUMNS} followed by x1_mean, x1_var, …, xk_mean, xk_var, then {@link #TAIL_COLUMNS}. */
    public static String[] columns(int k) {
        final String[] c = java.util.Arrays.copyOf(COLUMNS, COLUMNS.length + 2 * k + TAIL_COLUMNS.length);
        for (int j = 0; j < k; j++) {
            c[COLUMNS.length + 2 * j] = "x" + (j + 1) + "_mean";
            c[COLUMNS.length + 2 * j + 1] = "x" + (j + 1) + "_var";
        }
        System.arraycopy(TAIL_COLUMNS, 0, c, COLUMNS.length + 2 * k, TAIL_COLUMNS.length);
        return c;
    }

    /** Values in the order of {@link #columns(int)} with k = {@link #coordinates()}. */
    public double[] values() {
        return values(coordinates());
    }

    /** Values in the order of {@link #columns(int)}; coordinates beyond {@link #coordinates()} are NaN. */
    public double[] values(int k) {
        final double[] v = new double[COLUMNS.length + 2 * k + TAIL_COLUMNS.length];
        final double[] base = {round, time, lr, lrMin, lrMax, runs, diverged, lossMean, lossStd, lossP05, lossP50,
            lossP95, gradNormSqMean, gradNormMean, phi1, phi2, intEtaGradNormSq, intEta2GradNormSq, bits};
        System.arraycopy(base, 0, v, 0, base.length);
        for (int j = 0; j < k; j++) {
            v[base.length + 2 * j] = j < xMean.length ? xMean[j] : Double.NaN;
            v[base.length + 2 * j + 1] = j < xVar.length ? xVar[j] : Double.NaN;
        }
        final int t = base.length + 2 * k;
        v[t] = lossTailIndex;
        v[t + 1] = lossTailIndexLo;
        v[t + 2] = lossTailIndexHi;
        v[t + 3] = updateTailIndex;
        v[t + 4] = updateTailIndexLo;
        v[t + 5] = updateTailIndexHi;
        return v;
    }

    /** Without the time integrals (they are NaN). */
    public static RoundStats of(int round, double time, double[] loss, double[] gn2, double[] lr, boolean[] alive) {
        return of(round, time, loss, gn2, lr, alive, null, null, null, null);
    }

    /** Without coordinate moments. */
    public static RoundStats of(int round, double time, double[] loss, double[] gn2, double[] lr, boolean[] alive,
                                double[] phi1, double[] phi2, double[] i1, double[] i2) {
        return of(round, time, loss, gn2, lr, alive, phi1, phi2, i1, i2, null, 0, 0);
    }

    /**
     * Computes the statistics of the alive runs.
     *
     * @param loss  f(x_r) − f* per run
     * @param gn2   ‖∇f(x_r)‖² per run
     * @param lr    the learning rate each run uses at this round
     * @param alive runs that have not diverged
     * @param x      iterates, run r's coordinate j at x[r·stride + j] (null when k = 0)
     * @param coords number of leading coordinates whose moments are recorded
     */
    public static RoundStats of(int round, double time, double[] loss, double[] gn2, double[] lr, boolean[] alive,
                                double[] phi1, double[] phi2, double[] i1, double[] i2, double[] x, int stride,
                                int coords) {
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
            final double[] xn = new double[coords];
            java.util.Arrays.fill(xn, nan);
            return new RoundStats(round, time, nan, nan, nan, 0, loss.length, nan, nan, nan, nan, nan, nan, nan,
                    nan, nan, nan, nan, xn, xn.clone(), null);
        }
        final double[] xMean = new double[coords];
        final double[] xVar = new double[coords];
        for (int j = 0; j < coords; j++) {
            double sx = 0;
            for (int r = 0; r < loss.length; r++) {
                if (alive[r]) {
                    sx += x[r * stride + j];
                }
            }
            final double m = sx / n;
            double sv = 0;
            for (int r = 0; r < loss.length; r++) {
                if (alive[r]) {
                    final double e = x[r * stride + j] - m;
                    sv += e * e;
                }
            }
            xMean[j] = m;
            xVar[j] = n > 1 ? sv / (n - 1) : 0;
        }
        final double mean = sl / n;
        double ss = 0;
        for (double v : l) {
            ss += (v - mean) * (v - mean);
        }
        final double[] q = QUANTILE.evaluate(l, PROBABILITIES);
        final HillEstimator.Estimate tail = HillEstimator.of(l); // sorts its own copy
        final double[] cov = i1 == null ? null : covariance(alive, n, new double[][] {phi1, phi2, i1, i2},
                new double[] {sp1 / n, sp2 / n, si1 / n, si2 / n});
        return new RoundStats(round, time, slr / n, lrMin, lrMax, n, loss.length - n, mean,
                n > 1 ? Math.sqrt(ss / (n - 1)) : 0, q[0], q[1], q[2],
                sg / n, sgn / n, i1 == null ? Double.NaN : sp1 / n, i1 == null ? Double.NaN : sp2 / n,
                i1 == null ? Double.NaN : si1 / n, i1 == null ? Double.NaN : si2 / n, xMean, xVar, cov, tail.alpha(),
                tail.lo(), tail.hi());
    }

    /** Upper triangle of the (n − 1) covariance of the series {@code v} over the alive runs. */
    private static double[] covariance(boolean[] alive, int n, double[][] v, double[] mean) {
        final double[] c = new double[10];
        if (n < 2) {
            return c;
        }
        int k = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = a; b < 4; b++) {
                double s = 0;
                final double[] x = v[a], y = v[b];
                final double mx = mean[a], my = mean[b];
                for (int r = 0; r < alive.length; r++) {
                    if (alive[r]) {
                        s += (x[r] - mx) * (y[r] - my);
                    }
                }
                c[k++] = s / (n - 1);
            }
        }
        return c;
    }
}
