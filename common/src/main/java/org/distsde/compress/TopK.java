package org.distsde.compress;

import org.apache.commons.rng.UniformRandomProvider;
import org.distsde.rng.KeyedStream;

/**
 * Top-k (Alistarh et al. 2018; Stich et al. 2018): keep the k coordinates of largest magnitude,
 * unscaled, and zero the others; ties at the k-th magnitude go to the lowest indices, so the map
 * is deterministic (it draws nothing). Biased; ‖C(v) − v‖² is the sum of the d − k smallest
 * squares, at most (d − k)/d of ‖v‖² (the smallest d − k of d numbers average at most their mean):
 * contractive with δ = k/d (Beznosikov et al. 2020, Definition 3 / Lemma 1; Stich et al. 2018,
 * Lemma A.1). No second moment linear in vvᵀ, so no Gaussian SDE model. It sends k values and
 * their indices, k·(64 + ⌈log₂ d⌉) bits.
 *
 * <p>The kept set comes from one pass with a min-heap of the k largest magnitudes in the workspace's
 * scratch ({@link #select}); the kernels' entry ({@link #addCompressed}) then adds the k kept values
 * only.
 *
 * <p>Config: {@code compression.type top-k}, {@code compression.k} (an integer in [1, d]).
 */
public final class TopK implements Compressor {
    private static final long serialVersionUID = 1L;

    /** {@code compression.type top-k}: {@code k}. */
    public static final CompressorFactory FACTORY = new KFactory("top-k") {
        private static final long serialVersionUID = 1L;

        @Override Compressor of(int k) { return new TopK(k); }
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
        final int n = select(v, off, d, w);
        for (int q = 0; q < n; q++) {
            w.s[q] = v[off + w.idx[q]]; // the kept values first: out may be v
        }
        java.util.Arrays.fill(out, outOff, outOff + d, 0);
        for (int q = 0; q < n; q++) {
            out[outOff + w.idx[q]] = w.s[q];
        }
    }

    /** The whole vector, then only the k kept values added (no dense output). */
    @Override
    public void addCompressed(NoisyVector v, int d, KeyedStream rng, Workspace w, double[] acc, int off) {
        v.all(w.v);
        final int n = select(w.v, 0, d, w);
        for (int q = 0; q < n; q++) {
            final int j = w.idx[q];
            acc[off + j] += w.v[j];
        }
    }

    /**
     * The k kept indices (in no particular order) into {@code w.idx[0 .. k)}; returns k. One pass
     * with a min-heap of the k largest magnitudes so far ({@code w.s}, {@code w.idx}), ordered by
     * magnitude and, among equal magnitudes, larger index first: a later coordinate enters only with
     * a strictly larger magnitude, so ties go to the lowest indices. For d values in random order
     * the heap changes O(k·log(d/k)) times: about one comparison per coordinate.
     */
    int select(double[] v, int off, int d, Workspace w) {
        if (k > d) {
            throw new IllegalArgumentException("compression.k must be at most d = " + d + " (got " + k + ")");
        }
        final double[] mag = w.s;
        final int[] idx = w.idx;
        for (int q = 0; q < k; q++) {
            mag[q] = Math.abs(v[off + q]);
            idx[q] = q;
        }
        for (int q = k / 2 - 1; q >= 0; q--) {
            siftDown(mag, idx, q, k);
        }
        double root = mag[0];
        for (int j = k; j < d; j++) {
            final double a = Math.abs(v[off + j]);
            if (a > root) {
                mag[0] = a;
                idx[0] = j;
                siftDown(mag, idx, 0, k);
                root = mag[0];
            }
        }
        return k;
    }

    /** Heap order: the root is the smallest magnitude, the largest index among equal ones. */
    private static boolean below(double[] mag, int[] idx, int a, int b) {
        return mag[a] < mag[b] || mag[a] == mag[b] && idx[a] > idx[b];
    }

    private static void siftDown(double[] mag, int[] idx, int q, int n) {
        while (true) {
            final int l = 2 * q + 1;
            if (l >= n) {
                return;
            }
            final int c = l + 1 < n && below(mag, idx, l + 1, l) ? l + 1 : l;
            if (!below(mag, idx, c, q)) {
                return;
            }
            final double tm = mag[q];
            mag[q] = mag[c];
            mag[c] = tm;
            final int ti = idx[q];
            idx[q] = idx[c];
            idx[c] = ti;
            q = c;
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
