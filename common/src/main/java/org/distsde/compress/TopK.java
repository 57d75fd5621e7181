package org.distsde.compress;

import java.util.Map;
import org.apache.commons.numbers.arrays.Selection;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Top-k (Alistarh et al. 2018; Stich et al. 2018): keep the k coordinates of largest magnitude,
 * unscaled, and zero the others; ties at the k-th magnitude go to the lowest indices, so the map
 * is deterministic (it draws nothing). Biased; ‖C(v) − v‖² is the sum of the d − k smallest
 * squares, at most (d − k)/d of ‖v‖² (the smallest d − k of d numbers average at most their mean):
 * contractive with δ = k/d (Beznosikov et al. 2020, Definition 3 / Lemma 1; Stich et al. 2018,
 * Lemma A.1). No second moment linear in vvᵀ, so no Gaussian SDE model. It sends k values and
 * their indices, k·(64 + ⌈log₂ d⌉) bits.
 *
 * <p>The k-th largest magnitude τ comes from Commons Numbers' {@link Selection} (introselect, O(d))
 * on the magnitudes in the workspace's scratch; then one pass keeps |vⱼ| &gt; τ and the first
 * k − #{|vⱼ| &gt; τ} coordinates with |vⱼ| = τ.
 *
 * <p>Config: {@code compression.type top-k}, {@code compression.k} (an integer in [1, d]).
 */
public final class TopK implements Compressor {
    private static final long serialVersionUID = 1L;

    /** {@code compression.type top-k}: {@code k}. */
    public static final CompressorFactory FACTORY = new CompressorFactory() {
        private static final long serialVersionUID = 1L;

        @Override public String type() { return "top-k"; }
        @Override public Map<String, Shape> parameters() { return Map.of("k", Shape.INTEGER); }
        @Override public void check(Arguments a) { RandK.checkK(a); }
        @Override public void checkDimension(Arguments a, int d) { RandK.checkK(a, d); }
        @Override public Compressor build(Arguments a, int agent) { return new TopK(a.integer("k")); }
    };

    private final int k;

    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("compression.k must be >= 1 (got " + k + ")");
        }
        this.k = k;
    }

    public int k() {
        return k;
    }

    /** Allocates its scratch: the kernels call {@link #compress(double[], int, int, UniformRandomProvider, double[], int, Workspace)}. */
    @Override
    public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff) {
        compress(v, off, d, rng, out, outOff, new Workspace(d));
    }

    @Override
    public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff,
                         Workspace w) {
        if (k > d) {
            throw new IllegalArgumentException("compression.k must be at most d = " + d + " (got " + k + ")");
        }
        final double[] s = w.s;
        for (int j = 0; j < d; j++) {
            s[j] = Math.abs(v[off + j]);
        }
        Selection.select(s, 0, d, d - k); // s[d − k] = the k-th largest magnitude τ
        final double tau = s[d - k];
        int ties = k;
        for (int j = 0; j < d; j++) {
            ties -= Math.abs(v[off + j]) > tau ? 1 : 0;
        }
        for (int j = 0; j < d; j++) { // ties: the k − #{|vⱼ| > τ} lowest indices with |vⱼ| = τ
            final double a = Math.abs(v[off + j]);
            final boolean tie = a == tau && ties > 0;
            ties -= tie ? 1 : 0;
            out[outOff + j] = a > tau || tie ? v[off + j] : 0;
        }
    }

    /** δ = k/d. */
    @Override public Compression compression(int d) { return new Compression.Contractive(Math.min(1, (double) k / d)); }

    @Override
    public SecondMoment secondMoment(int d) {
        return new SecondMoment.None("top-k is biased and deterministic (C(v) keeps the k largest |v_j|)");
    }

    @Override public double expectedBits(int d) { return sentCoordinates(d) * (Bits.VALUE + Bits.index(d)); }
    @Override public double sentCoordinates(int d) { return Math.min(k, d); }
    @Override public String describe() { return "top-k(k=" + k + ")"; }
}
