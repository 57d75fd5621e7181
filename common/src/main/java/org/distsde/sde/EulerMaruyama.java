package org.distsde.sde;

import java.util.Arrays;

/**
 * Euler–Maruyama integration (Algorithm 1 of seed 000, Appendix C.1):
 * x̂_{k+1} = x̂_k + c·(a(x̂_k)Δt + s(x̂_k)ΔW_k), ΔW_k ~ N(0, Δt·I_d), with c the time factor νₜηₜ of
 * {@link Sde}. The increments are those of {@link BrownianIncrements}: path p's increment over
 * step k depends only on (seed, p, k), so every path is reproducible whatever the blocking, and a
 * retried task recomputes its paths from step 0.
 *
 * <p>Paths are advanced as a structure of arrays: {@link #update} is the flat step loop over a
 * whole block (n·d values), written for the JIT's vectoriser.
 */
public final class EulerMaruyama {
    private final Sde sde;
    private final int d;
    private final long seed;

    public EulerMaruyama(Sde sde, long seed) {
        this.sde = sde;
        this.d = sde.dim();
        this.seed = seed;
    }

    public Sde sde() {
        return sde;
    }

    /**
     * The Euler–Maruyama step of a block, flat over its {@code nd} = n·d values:
     * x[i] += fac[i]·(drift[i]·Δt + diff[i]·inc[incOff + i]).
     */
    public static void update(double[] x, int nd, double[] fac, double[] drift, double[] diff, double[] inc,
                              int incOff, double dt) {
        for (int i = 0; i < nd; i++) {
            x[i] += fac[i] * (drift[i] * dt + diff[i] * inc[incOff + i]); // Algorithm 1
        }
    }

    /**
     * Integrates paths [p0, p1) from x0 over {@code steps} steps of size {@code dt} with time
     * factor 1 (a plain SDE), and returns their final states, flat [(p1 − p0)·d].
     */
    public double[] integrate(double[] x0, double dt, long steps, long p0, long p1) {
        return integrate(x0, dt, 0, steps, p0, p1);
    }

    /**
     * As {@link #integrate(double[], double, long, long, long)} at refinement level {@code level}:
     * {@code steps0} level-0 steps of size dt0, each split into 2^level steps whose increments
     * are bridged from the level-0 ones ({@link BrownianIncrements}), so the levels are coupled.
     */
    public double[] integrate(double[] x0, double dt0, int level, long steps0, long p0, long p1) {
        if (x0.length != d) {
            throw new IllegalArgumentException("x0 must have d = " + d + " values (got " + x0.length + ")");
        }
        if (!(dt0 > 0) || Double.isInfinite(dt0)) {
            throw new IllegalArgumentException("dt must be finite and > 0 (got " + dt0 + ")");
        }
        final int n = Math.toIntExact(p1 - p0);
        final int nd = n * d;
        final double[] x = new double[nd];
        for (int p = 0; p < n; p++) {
            System.arraycopy(x0, 0, x, p * d, d);
        }
        final MatrixSde msde = sde instanceof MatrixSde ms ? ms : null; // full covariance: m-dimensional W
        final int bw = msde == null ? d : msde.noiseDim();
        final double[] drift = new double[nd], diff = new double[msde == null ? nd : n * msde.stateDim()];
        final double[] gn2 = new double[n];
        final BrownianIncrements bm = new BrownianIncrements(seed, level, bw);
        final int nodes = bm.nodes();
        final double[] z = new double[nodes * n * bw], inc = new double[nodes * n * bw], one = new double[nd];
        Arrays.fill(one, 1);
        final double dt = dt0 / nodes;
        for (long k = 0; k < steps0; k++) {
            bm.block(p0, n, k, dt0, z, inc);
            for (int m = 0; m < nodes; m++) {
                if (msde != null) {
                    msde.matrixCoefficients(x, n, drift, diff, gn2);
                    msde.step(x, n, one, drift, diff, inc, m * n * bw, dt);
                } else {
                    sde.coefficients(x, n, drift, diff, gn2);
                    update(x, nd, one, drift, diff, inc, m * nd, dt);
                }
            }
        }
        return x;
    }
}
