package org.distsde.sde;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.distsde.rng.KeyedStream;

/**
 * Euler–Maruyama integration (Algorithm 1 of seed 000, Appendix C.1):
 * x̂_{k+1} = x̂_k + c·(a(x̂_k)Δt + s(x̂_k)√Δt ξ_k), ξ_k ~ N(0, I_d), with c the time factor νₜηₜ of
 * {@link Sde}. ξ_k of path p is drawn from the {@link KeyedStream.Purpose#SDE} stream positioned
 * at (p, 0, k), coordinate by coordinate, so every path is reproducible whatever the blocking.
 *
 * <p>One instance per thread/task (the stream is mutable); nothing is allocated per step.
 */
public final class EulerMaruyama {
    private final Sde sde;
    private final int d;
    private final KeyedStream stream;
    private final ContinuousSampler gauss;

    public EulerMaruyama(Sde sde, long seed) {
        this.sde = sde;
        this.d = sde.dim();
        this.stream = new KeyedStream(seed, KeyedStream.Purpose.SDE);
        this.gauss = ZigguratSampler.NormalizedGaussian.of(stream);
    }

    public Sde sde() {
        return sde;
    }

    /**
     * One step of path {@code path} at step index {@code step}: x[off..off+d) += factor·(a·Δt +
     * s·√Δt·ξ), given the coefficients a = {@code drift}, s = {@code diff} at x (slices at {@code coff}).
     */
    public void step(double[] x, int off, double[] drift, double[] diff, int coff, double factor, double dt,
                     long path, long step) {
        stream.at(path, 0, step);
        final double sq = Math.sqrt(dt);
        for (int j = 0; j < d; j++) {
            final double xi = gauss.sample();
            x[off + j] += factor * (drift[coff + j] * dt + diff[coff + j] * sq * xi); // Algorithm 1
        }
    }

    /**
     * Integrates paths [p0, p1) from x0 over {@code steps} steps of size {@code dt} with time
     * factor 1 (a plain SDE), and returns their final states, flat [(p1 − p0)·d].
     */
    public double[] integrate(double[] x0, double dt, long steps, long p0, long p1) {
        if (x0.length != d) {
            throw new IllegalArgumentException("x0 must have d = " + d + " values (got " + x0.length + ")");
        }
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("dt must be finite and > 0 (got " + dt + ")");
        }
        final int n = Math.toIntExact(p1 - p0);
        final double[] x = new double[n * d];
        final double[] a = new double[d];
        final double[] s = new double[d];
        for (int p = 0; p < n; p++) {
            System.arraycopy(x0, 0, x, p * d, d);
            for (long k = 0; k < steps; k++) {
                sde.coefficients(x, p * d, a, s, 0);
                step(x, p * d, a, s, 0, 1, dt, p0 + p, k);
            }
        }
        return x;
    }
}
