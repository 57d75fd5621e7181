package org.distsde.compress;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Unbiased random sparsification: keep each coordinate independently with probability p and
 * rescale it by 1/p. E[C(v)] = v and E‖C(v) − v‖² = (1/p − 1)‖v‖², so ω = 1/p − 1 (seeds README).
 * A kept coordinate costs 64 bits of value plus ⌈log₂ d⌉ bits of index.
 */
public final class RandomSparsification implements Compressor {
    private static final long serialVersionUID = 1L;
    private final double p;

    public RandomSparsification(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("compression.p must be in (0, 1] (got " + p + ")");
        }
        this.p = p;
    }

    /** The sparsifier with ω = 1/p − 1, i.e. p = 1/(1 + ω). */
    public static RandomSparsification ofOmega(double omega) {
        if (!(omega >= 0) || Double.isInfinite(omega)) {
            throw new IllegalArgumentException("compression.omega must be finite and >= 0 (got " + omega + ")");
        }
        return new RandomSparsification(1 / (1 + omega));
    }

    public double p() { return p; }

    @Override public double omega() { return 1 / p - 1; }

    /** True when a uniform draw u keeps the coordinate (u &lt; p). Shared with the fused kernels. */
    public boolean keeps(double u) { return u < p; }

    @Override
    public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff) {
        final double inv = 1 / p;
        for (int j = 0; j < d; j++) {
            out[outOff + j] = rng.nextDouble() < p ? v[off + j] * inv : 0;
        }
    }

    @Override
    public double expectedBits(int d) {
        final int indexBits = d <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(d - 1L);
        return p * d * (64 + indexBits);
    }

    @Override public String describe() { return "random-sparsification(p=" + p + ", omega=" + omega() + ")"; }
}
