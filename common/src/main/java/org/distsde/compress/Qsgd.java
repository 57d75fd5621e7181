package org.distsde.compress;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * QSGD with s levels (Alistarh et al. 2017, Section 3.1): Q(v)ⱼ = ‖v‖₂·sign(vⱼ)·ξⱼ, where, with
 * r = s|vⱼ|/‖v‖₂ and l = ⌊r⌋, ξⱼ = (l + 1)/s with probability r − l and l/s otherwise (Q(0) = 0).
 * Unbiased (E ξⱼ = |vⱼ|/‖v‖), with E‖Q(v) − v‖² = (‖v‖²/s²)Σⱼ τⱼ(1 − τⱼ), τⱼ = r − l, at most
 * min(d/s², √d/s)‖v‖² (their Lemma 3.1): ω = min(d/s², √d/s). The coordinates are rounded
 * independently, so E[Q(v)ⱼQ(v)ₗ] = vⱼvₗ (j ≠ l), but E[Q(v)ⱼ²] = vⱼ² + ‖v‖²τⱼ(1 − τⱼ)/s² is not
 * linear in vvᵀ: no Gaussian SDE model ({@link SecondMoment.None}). Bits: the norm as a float64 and,
 * per coordinate, a fixed-length code of its sign and level (2s + 1 symbols):
 * 64 + d·⌈log₂(2s + 1)⌉, an upper bound on what their Elias coding needs.
 *
 * <p>One uniform per nonzero coordinate, in index order. The norm is read first, so v and the
 * output may be the same array (a {@link Composition} applies it in place).
 *
 * <p>Config: {@code compression.type qsgd}, {@code compression.s} (an integer ≥ 1).
 */
public final class Qsgd implements Compressor {
    private static final long serialVersionUID = 1L;

    /** {@code compression.type qsgd}: {@code s}. */
    public static final CompressorFactory FACTORY = new CompressorFactory() {
        private static final long serialVersionUID = 1L;

        @Override public String type() { return "qsgd"; }
        @Override public Map<String, Shape> parameters() { return Map.of("s", Shape.INTEGER); }

        @Override
        public void check(Arguments a) {
            final int s = a.integer("s");
            if (s < 1) {
                throw new IllegalArgumentException(a.field("s") + " must be >= 1 (got " + s + ")");
            }
        }

        @Override public Compressor build(Arguments a, int agent) { return new Qsgd(a.integer("s")); }

        /** The integer s ≥ 1 whose ω = min(d/s², √d/s) is nearest to the target (ω decreases in s). */
        @Override
        public Arguments withOmega(Arguments a, double omega, int d) {
            return Arguments.of(a.path(), "s", Qsgd.sForOmega(omega, d));
        }
    };

    private final int s;

    public Qsgd(int s) {
        if (s < 1) {
            throw new IllegalArgumentException("compression.s must be >= 1 (got " + s + ")");
        }
        this.s = s;
    }

    /** ω = min(d/s², √d/s) (Lemma 3.1). */
    static double omega(int d, double s) {
        return Math.min(d / (s * s), Math.sqrt(d) / s);
    }

    /**
     * The s ≥ 1 with ω(s) nearest to {@code omega}: √d/ω when that is at most √d (ω ≥ 1), √(d/ω)
     * otherwise, rounded; the largest s for ω = 0.
     */
    static int sForOmega(double omega, int d) {
        if (!(omega >= 0)) {
            throw new IllegalArgumentException("compression.omega must be >= 0 (got " + omega + ")");
        }
        if (omega == 0) {
            return Integer.MAX_VALUE / 2; // ω = d/s² → 0: as many levels as an int holds
        }
        final double real = omega >= 1 ? Math.sqrt(d) / omega : Math.sqrt(d / omega);
        final long lo = Math.max(1, (long) Math.floor(real)), hi = lo + 1;
        final long best = Math.abs(omega(d, lo) - omega) <= Math.abs(omega(d, hi) - omega) ? lo : hi;
        return (int) Math.min(Integer.MAX_VALUE / 2, best);
    }

    public int s() {
        return s;
    }

    @Override
    public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff) {
        double n2 = 0;
        for (int j = 0; j < d; j++) {
            n2 += v[off + j] * v[off + j];
        }
        final double norm = Math.sqrt(n2);
        if (!(norm > 0)) { // Q(0) = 0; a NaN stays NaN (a diverging run)
            java.util.Arrays.fill(out, outOff, outOff + d, Double.isNaN(norm) ? Double.NaN : 0);
            return;
        }
        final double unit = norm / s;
        final double perNorm = s / norm;
        for (int j = 0; j < d; j++) {
            final double x = v[off + j];
            if (x == 0) {
                out[outOff + j] = 0;
                continue;
            }
            final double r = Math.abs(x) * perNorm; // in [0, s]
            final double l = Math.floor(r);
            final double level = rng.nextDouble() < r - l ? l + 1 : l; // P(up) = r − l
            out[outOff + j] = Math.copySign(level * unit, x);
        }
    }

    @Override public Compression compression(int d) { return new Compression.Unbiased(omega(d, s)); }

    @Override
    public SecondMoment secondMoment(int d) {
        return new SecondMoment.None("qsgd's E[C(v)_j^2] = v_j^2 + |v|^2 tau_j (1 - tau_j)/s^2 is not linear in vv^T");
    }

    @Override
    public double expectedBits(int d) {
        return Bits.VALUE + (double) d * Bits.symbols(2L * s + 1);
    }

    @Override public String describe() { return "qsgd(s=" + s + ")"; }
}
