package org.distsde.compress;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.distsde.rng.KeyedStream;

/** No compression ({@code compression.type none}): C(v) = v, ω = 0, 64 bits per coordinate. */
public final class Identity implements Compressor {
    private static final long serialVersionUID = 1L;
    public static final Identity INSTANCE = new Identity();
    private static final Compression LOSSLESS = new Compression.Unbiased(0);
    private static final SecondMoment EXACT = new SecondMoment.Linear(1, 1);

    /** {@code compression.type none}: no parameters. */
    public static final CompressorFactory FACTORY = new CompressorFactory() {
        private static final long serialVersionUID = 1L;

        @Override public String type() { return "none"; }
        @Override public Map<String, CompressorFactory.Shape> parameters() { return Map.of(); }
        @Override public void check(Arguments a) { }
        @Override public Compressor build(Arguments a, int agent) { return INSTANCE; }
    };

    private Identity() { }

    @Override
    public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff) {
        System.arraycopy(v, off, out, outOff, d);
    }

    /** Adds v itself (no draws besides v's own noise). */
    @Override
    public void addCompressed(NoisyVector v, int d, KeyedStream rng, Workspace w, double[] acc, int off) {
        v.all(w.v);
        for (int j = 0; j < d; j++) {
            acc[off + j] += w.v[j];
        }
    }

    @Override public Compression compression(int d) { return LOSSLESS; }
    @Override public SecondMoment secondMoment(int d) { return EXACT; }
    @Override public double expectedBits(int d) { return 64.0 * d; }
    @Override public boolean identity() { return true; }
    @Override public String describe() { return "none"; }

    private Object readResolve() { return INSTANCE; }
}
