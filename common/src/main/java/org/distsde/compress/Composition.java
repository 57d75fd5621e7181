package org.distsde.compress;

import org.apache.commons.rng.UniformRandomProvider;
import org.distsde.rng.KeyedStream;

/**
 * C = Q ∘ S: an unbiased sparsifier S (the inner) whose kept values are then quantized by an
 * unbiased coordinate-wise quantizer Q (the outer, e.g. natural compression), drawing
 * independently. Unbiased, and since E[Q(u) | u] = u,
 * E‖Q(S(v)) − v‖² = E‖Q(S v) − S v‖² + E‖S v − v‖² ≤ ω_Q·E‖S v‖² + ω_S‖v‖² ≤ ((1 + ω_S)(1 + ω_Q) − 1)‖v‖²
 * (E‖S v‖² ≤ (1 + ω_S)‖v‖²; e.g. Horváth et al. 2019, Theorem 3 for rand-k ∘ natural), so
 * ω = (1 + ω_S)(1 + ω_Q) − 1, an upper bound (exact when both are: not for natural compression,
 * whose 1/8 is a bound). When both second moments are {@link SecondMoment.Linear} so is the
 * composition's: E[C Cᵀ] = E[b_Q·uuᵀ + (a_Q − b_Q)diag(u²)] with u = S v gives (a_S·a_Q, b_S·b_Q);
 * otherwise none. It sends what S sends with Q's bits per value instead of 64:
 * sent·(⌈log₂ d⌉ + bits_Q(1)).
 *
 * <p>{@link #addCompressed} lets S draw its set and the kept noise first (its own fused entry,
 * accumulated into the workspace's scratch {@link Workspace#s}, which S's entry must not use) and
 * then quantizes them in place; {@link #compress} applies S then Q in place, with the same draws
 * for a vector without noise.
 *
 * <p>Config: {@code compression.type rand-k-natural}, {@code compression.k} (rand-k, then natural
 * compression of the k scaled values: ω = (9/8)(d/k) − 1, k·(12 + ⌈log₂ d⌉) bits).
 */
public final class Composition implements Compressor {
    private static final long serialVersionUID = 1L;

    /** {@code compression.type rand-k-natural}: {@code k}. */
    public static final CompressorFactory RAND_K_NATURAL = new KFactory("rand-k-natural") {
        private static final long serialVersionUID = 1L;

        @Override Compressor of(int k) { return new Composition(new RandK(k), Natural.INSTANCE); }

        /** ω = (9/8)(d/k) − 1: k = 9d/(8(1 + ω)) rounded, in [1, d] (k = d below ω = 1/8). */
        @Override
        public Arguments withOmega(Arguments a, double omega, int d) {
            return Arguments.of(a.path(), "k", RandK.kForOmega(Math.max(0, (1 + omega) * 8 / 9 - 1), d)); // ω ≥ 1/8
        }
    };

    private final Compressor inner;
    private final Compressor outer;

    /**
     * @param inner the sparsifier S (unbiased)
     * @param outer the coordinate-wise quantizer Q (unbiased; maps 0 to 0; applies in place)
     */
    public Composition(Compressor inner, Compressor outer) {
        final int d = 1 << 20; // the class does not depend on d; any d at least the parameters' k
        if (!(inner.compression(d) instanceof Compression.Unbiased) || !(outer.compression(d) instanceof Compression.Unbiased)) {
            throw new IllegalArgumentException("a composition needs two unbiased compressors (got " + inner.describe()
                    + " then " + outer.describe() + ")");
        }
        this.inner = inner;
        this.outer = outer;
    }

    @Override
    public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff) {
        compress(v, off, d, rng, out, outOff, new Workspace(d));
    }

    @Override
    public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff,
                         Workspace w) {
        inner.compress(v, off, d, rng, out, outOff, w);
        outer.compress(out, outOff, d, rng, out, outOff, w); // coordinate-wise: in place
    }

    @Override
    public void addCompressed(NoisyVector v, int d, KeyedStream rng, Workspace w, double[] acc, int off) {
        final double[] s = w.s;
        java.util.Arrays.fill(s, 0, d, 0);
        inner.addCompressed(v, d, rng, w, s, 0); // S(v), with S's own order of draws
        outer.compress(s, 0, d, rng, s, 0, w);   // Q of the kept values (zeros stay zero, draw nothing)
        for (int j = 0; j < d; j++) {
            acc[off + j] += s[j];
        }
    }

    /** ω = (1 + ω_S)(1 + ω_Q) − 1. */
    @Override
    public Compression compression(int d) {
        return new Compression.Unbiased((1 + inner.compression(d).omega()) * (1 + outer.compression(d).omega()) - 1);
    }

    @Override
    public SecondMoment secondMoment(int d) {
        final SecondMoment s = inner.secondMoment(d), q = outer.secondMoment(d);
        if (s instanceof SecondMoment.Linear ls && q instanceof SecondMoment.Linear lq) {
            return new SecondMoment.Linear(ls.diagonal() * lq.diagonal(), ls.offDiagonal() * lq.offDiagonal());
        }
        return new SecondMoment.None(describe() + ": " + (q instanceof SecondMoment.None n ? n.reason()
                : ((SecondMoment.None) s).reason()));
    }

    @Override
    public double expectedBits(int d) {
        return inner.sentCoordinates(d) * (Bits.index(d) + outer.expectedBits(1));
    }

    @Override public double sentCoordinates(int d) { return inner.sentCoordinates(d); }
    @Override public String describe() { return outer.describe() + " o " + inner.describe(); }
}
