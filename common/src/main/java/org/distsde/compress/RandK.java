package org.distsde.compress;

import org.apache.commons.rng.UniformRandomProvider;
import org.distsde.rng.KeyedStream;

/**
 * Rand-k (e.g. Stich et al. 2018; Beznosikov et al. 2020, Definition 2): keep exactly k of the d
 * coordinates, a set drawn uniformly among the C(d, k) sets, and scale them by d/k. Each
 * coordinate is kept with probability k/d, so E[C(v)] = v and E‖C(v) − v‖² = (d/k − 1)‖v‖²
 * exactly: unbiased with ω = d/k − 1. Two coordinates are both kept with probability
 * k(k − 1)/(d(d − 1)), so E[C(v)ⱼC(v)ₗ] = (d/k)²·k(k − 1)/(d(d − 1))·vⱼvₗ = d(k − 1)/(k(d − 1))·vⱼvₗ
 * (j ≠ l) and E[C(v)ⱼ²] = (d/k)vⱼ²: {@link SecondMoment.Linear}(d/k, d(k − 1)/(k(d − 1))). The
 * off-diagonal factor is below 1 (the kept coordinates compete for the k places), so Eq. 28's
 * E[ΦΦᵀ] is not diagonal: the DCSGD SDE is then a matrix SDE ({@code sde.DcsgdMatrixSde}).
 * It sends k values and their indices: k·(64 + ⌈log₂ d⌉) bits.
 *
 * <p>The set is drawn by selection sampling (Knuth, TAOCP vol. 2, §3.4.2, Algorithm S): coordinate
 * j is kept when (d − j)·u &lt; k − n, n the number kept so far, u uniform; the indices come out in
 * increasing order, no scratch is needed, and the draws stop once k are kept (or once every
 * remaining coordinate must be). {@link #addCompressed} draws the set first and then the noise of
 * the kept coordinates only (exact in distribution: the set does not depend on v).
 *
 * <p>Config: {@code compression.type rand-k}, {@code compression.k} (an integer in [1, d]).
 */
public final class RandK implements Compressor {
    private static final long serialVersionUID = 1L;

    /** {@code compression.type rand-k}: {@code k}. */
    public static final CompressorFactory FACTORY = new KFactory("rand-k") {
        private static final long serialVersionUID = 1L;

        @Override Compressor of(int k) { return new RandK(k); }

        /** k = d/(1 + ω) rounded, in [1, d]: ω = d/k − 1 as near the target as an integer k allows. */
        @Override
        public Arguments withOmega(Arguments a, double omega, int d) {
            return Arguments.of(a.path(), "k", RandK.kForOmega(omega, d));
        }
    };

    private final int k;

    public RandK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("compression.k must be >= 1 (got " + k + ")");
        }
        this.k = k;
    }

    /** The integer k in [1, d] nearest to d/(1 + ω). */
    static int kForOmega(double omega, int d) {
        if (!(omega >= 0)) {
            throw new IllegalArgumentException("compression.omega must be >= 0 (got " + omega + ")");
        }
        return (int) Math.max(1, Math.min(d, Math.round(d / (1 + omega))));
    }

    public int k() {
        return k;
    }

    private void checkD(int d) {
        if (k > d) {
            throw new IllegalArgumentException("compression.k must be at most d = " + d + " (got " + k + ")");
        }
    }

    @Override
    public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff) {
        checkD(d);
        final double scale = (double) d / k;
        int n = 0;
        for (int j = 0; j < d; j++) {
            final boolean keep = n < k && (d - j == k - n || (d - j) * rng.nextDouble() < k - n); // Algorithm S
            out[outOff + j] = keep ? v[off + j] * scale : 0;
            n += keep ? 1 : 0;
        }
    }

    /**
     * The k kept indices in increasing order into {@code idx[0 .. k)}, with the draws of
     * {@link #compress}; returns k.
     */
    int select(int d, UniformRandomProvider rng, int[] idx) {
        checkD(d);
        int n = 0;
        for (int j = 0; j < d && n < k; j++) {
            if (d - j == k - n || (d - j) * rng.nextDouble() < k - n) { // Algorithm S
                idx[n++] = j;
            }
        }
        return n;
    }

    /** The set first, then the kept coordinates of v only, each added as vⱼ·d/k. */
    @Override
    public void addCompressed(NoisyVector v, int d, KeyedStream rng, Workspace w, double[] acc, int off) {
        final int n = select(d, rng, w.idx);
        v.selected(w.idx, n, w.v);
        final double scale = (double) d / k;
        for (int q = 0; q < n; q++) {
            acc[off + w.idx[q]] += w.v[q] * scale;
        }
    }

    /** ω = d/k − 1 (exact). */
    @Override public Compression compression(int d) { return new Compression.Unbiased((double) d / k - 1); }

    /** E[C(v)ⱼ²] = (d/k)vⱼ², E[C(v)ⱼC(v)ₗ] = d(k − 1)/(k(d − 1))·vⱼvₗ (j ≠ l; 1 at d = 1, where no pair exists). */
    @Override
    public SecondMoment secondMoment(int d) {
        return new SecondMoment.Linear((double) d / k, d == 1 ? 1 : d * (k - 1.0) / (k * (d - 1.0)));
    }

    @Override public double expectedBits(int d) { return sentCoordinates(d) * (Bits.VALUE + Bits.index(d)); }
    @Override public double sentCoordinates(int d) { return k; }
    @Override public String describe() { return "rand-k(k=" + k + ")"; }
}
