package org.distsde.sde;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.distsde.rng.KeyedStream;

/**
 * Euler–Maruyama integration (Algorithm 1 of seed 000, Appendix C.1):
 * x̂_{k+1} = x̂_k + c·(a(x̂_k)Δt + s(x̂_k)√Δt ξ_k), ξ_k ~ N(0, I_d), with c the time factor νₜηₜ of
 * {@link Sde}. Path p draws all its increments, step after step and coordinate by coordinate, from
 * its own {@link KeyedStream.Purpose#SDE} stream keyed by (seed, p): every path is reproducible
 * whatever the blocking, and a retried task recomputes its paths from step 0. A block of paths
 * keeps the paths' generator states side by side ({@link #begin}) and switches between them
 * without re-keying.
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

    private long[] states = new long[0];

    public Sde sde() {
        return sde;
    }

    /** Starts the streams of paths [p0, p0 + n), addressed from now on by local index 0 … n−1. */
    public void begin(long p0, int n) {
        if (states.length < 4 * n) {
            states = new long[4 * n];
        }
        for (int p = 0; p < n; p++) {
            stream.at(p0 + p, 0, 0).save(states, 4 * p);
        }
    }

    /**
     * One step of the path with local index {@code p} (see {@link #begin}): x[off..off+d) +=
     * factor·(a·Δt + s·√Δt·ξ), given the coefficients a = {@code drift}, s = {@code diff} at x.
     */
    public void step(double[] x, int off, double[] drift, double[] diff, int coff, double factor, double dt, int p) {
        stream.load(states, 4 * p);
        final double sq = Math.sqrt(dt);
        for (int j = 0; j < d; j++) {
            final double xi = gauss.sample();
            x[off + j] += factor * (drift[coff + j] * dt + diff[coff + j] * sq * xi); // Algorithm 1
        }
        stream.save(states, 4 * p);
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
        begin(p0, n);
        for (int p = 0; p < n; p++) {
            System.arraycopy(x0, 0, x, p * d, d);
            for (long k = 0; k < steps; k++) {
                sde.coefficients(x, p * d, a, s, 0);
                step(x, p * d, a, s, 0, 1, dt, p);
            }
        }
        return x;
    }
}
