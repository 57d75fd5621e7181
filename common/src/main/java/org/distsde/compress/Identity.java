package org.distsde.compress;

import org.apache.commons.rng.UniformRandomProvider;

/** No compression: C(v) = v, ω = 0, 64 bits per coordinate. */
public final class Identity implements Compressor {
    private static final long serialVersionUID = 1L;
    public static final Identity INSTANCE = new Identity();

    @Override public double omega() { return 0; }

    @Override
    public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff) {
        System.arraycopy(v, off, out, outOff, d);
    }

    @Override public double expectedBits(int d) { return 64.0 * d; }

    @Override public String describe() { return "none"; }
}
