package org.distsde.sim;

import java.io.Serializable;
import org.apache.commons.statistics.descriptive.Quantile;
import org.distsde.stats.HillEstimator;

/**
 * Statistics over the runs still alive at one recorded round (diverged runs are counted, never
 * averaged): {@code runs} alive and {@code diverged}, the learning rate ({@link Rate}), the loss
 * f − f* ({@link Loss}), the gradient norm ({@link Gradient}), the theorems' time integrals
 * ({@link Integrals}), the first k coordinates of the iterate ({@link Moments}), and Hill's tail
 * index of the loss and of the round's aggregated update ({@link HillEstimator.Estimate}).
 * {@code time} is the SDE time k·η. {@code bits} is the expected number of bits each run's N agents
 * have sent the server before this round, k times the optimizer's bits per round ({@link #withBits};
 * NaN on the SDE's rows). The metrics table's columns are {@link RoundSchema}'s, the one
 * list of names, types and values of a row.
 */
public record RoundStats(int round, double time, int runs, int diverged, Rate lr, Loss loss, Gradient grad,
                         Integrals integrals, Moments x, HillEstimator.Estimate lossTail,
                         HillEstimator.Estimate updateTail, double bits) implements Serializable {
    /** The learning rate ηηₜ·(normalization) over the alive runs: mean, min and max. */
    public record Rate(double mean, double min, double max) implements Serializable { }

    /** The loss f(x) − f* over the alive runs: mean, (n − 1) standard deviation, quantiles 5, 50, 95%. */
    public record Loss(double mean, double std, double p05, double p50, double p95) implements Serializable { }

    /** Means over the alive runs of ‖∇f(x)‖² and ‖∇f(x)‖. */
    public record Gradient(double normSqMean, double normMean) implements Serializable { }

    /**
     * The time averages' integrals (Eq. 2, 4, 6, 7): the simulators accumulate per run, at every step
     * with ds = η (optimizer) or Δt (SDE) and the effective ηₛ = lr/η (the scheduler times the
     * normalization: in the paper's parametrisation ηηₜ the adaptive factor is part of ηₜ),
     * φ¹ = Σ ηₛ ds, φ² = Σ ηₛ² ds, ∫ηₛ‖∇f(X_s)‖² ds and ∫ηₛ²‖∇f(X_s)‖² ds; the fields are their means
     * over the alive runs (NaN where not recorded). {@code cov} holds the (n − 1) sample covariance over
     * the alive runs of the four, as the upper triangle of the 4 × 4 matrix row by row (10 values,
     * {@link #cov(int, int)}; empty where not recorded): the Monte Carlo standard error of any smooth
     * function of the four means (delta method). It is kept in memory and in checkpoints, not in the
     * metrics table.
     */
    public record Integrals(double phi1, double phi2, double etaGradNormSq, double eta2GradNormSq, double[] cov)
            implements Serializable {
        /** Index of φ¹, φ², ∫ηₛ‖∇f‖², ∫ηₛ²‖∇f‖² in {@link #cov(int, int)}. */
        public static final int PHI1 = 0, PHI2 = 1, INT1 = 2, INT2 = 3;
        /** Not recorded. */
        public static final Integrals NONE = new Integrals(Double.NaN, Double.NaN, Double.NaN, Double.NaN, null);

        public Integrals {
            cov = cov == null ? new double[0] : cov;
            if (cov.length != 0 && cov.length != 10) {
                throw new IllegalArgumentException("the integrals' covariance must hold 0 or 10 values (got "
                        + cov.length + ")");
            }
        }

        /** The sample covariance over the runs of integrals a and b ({@link #PHI1} … {@link #INT2}); NaN when not recorded. */
        public double cov(int a, int b) {
            if (cov.length == 0) {
                return Double.NaN;
            }
            final int i = Math.min(a, b), j = Math.max(a, b);
            return cov[i * 4 - i * (i - 1) / 2 + (j - i)];
        }
    }

    /** Mean and (n − 1) variance over the alive runs of the first k coordinates ({@code recordCoordinates}). */
    public record Moments(double[] mean, double[] var) implements Serializable {
        /** No coordinate recorded. */
        public static final Moments NONE = new Moments(null, null);

        public Moments {
            mean = mean == null ? new double[0] : mean;
            var = var == null ? new double[0] : var;
            if (mean.length != var.length) {
                throw new IllegalArgumentException("the coordinates' means and variances differ in length");
            }
        }

        public int k() {
            return mean.length;
        }
    }

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

    public RoundStats {
        integrals = integrals == null ? Integrals.NONE : integrals;
        x = x == null ? Moments.NONE : x;
        lossTail = lossTail == null ? HillEstimator.Estimate.NONE : lossTail;
        updateTail = updateTail == null ? HillEstimator.Estimate.NONE : updateTail;
    }

    /** Without the bits sent (NaN: SDE rows, rows made by hand). */
    public RoundStats(int round, double time, int runs, int diverged, Rate lr, Loss loss, Gradient grad,
                      Integrals integrals, Moments x, HillEstimator.Estimate lossTail,
                      HillEstimator.Estimate updateTail) {
        this(round, time, runs, diverged, lr, loss, grad, integrals, x, lossTail, updateTail, Double.NaN);
    }

    /** This row with the tail index of the round's aggregated update (see {@link UpdateTail}). */
    public RoundStats withUpdateTail(HillEstimator.Estimate e) {
        return new RoundStats(round, time, runs, diverged, lr, loss, grad, integrals, x, lossTail, e, bits);
    }

    /**
     * This row with the bits the agents sent up to its round, k·(bits per round)
     * ({@code Optimizer.bitsPerRound}: the compressors' expected bits; the optimizer's rows only).
     */
    public RoundStats withBits(double sent) {
        return new RoundStats(round, time, runs, diverged, lr, loss, grad, integrals, x, lossTail, updateTail, sent);
    }

    /** Equal when every value of {@link RoundSchema} is equal (bitwise, so NaN equals NaN). */
    @Override
    public boolean equals(Object o) {
        return o instanceof RoundStats r && java.util.Arrays.equals(RoundSchema.values(this), RoundSchema.values(r));
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(RoundSchema.values(this));
    }

    /** Number of recorded coordinates k. */
    public int coordinates() {
        return x.k();
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
            return new RoundStats(round, time, 0, loss.length, new Rate(nan, nan, nan), new Loss(nan, nan, nan, nan, nan),
                    new Gradient(nan, nan), Integrals.NONE, new Moments(xn, xn.clone()), null, null);
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
        final Integrals in = i1 == null ? Integrals.NONE : new Integrals(sp1 / n, sp2 / n, si1 / n, si2 / n,
                covariance(alive, n, new double[][] {phi1, phi2, i1, i2}, new double[] {sp1 / n, sp2 / n, si1 / n,
                    si2 / n}));
        return new RoundStats(round, time, n, loss.length - n, new Rate(slr / n, lrMin, lrMax),
                new Loss(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, q[0], q[1], q[2]), new Gradient(sg / n, sgn / n),
                in, new Moments(xMean, xVar), tail, null);
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
