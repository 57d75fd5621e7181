package org.distsde.compress;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Natural compression (Horváth et al. 2019, "Natural compression for distributed deep learning",
 * Section 3): each coordinate t with 2ᵃ ≤ |t| &lt; 2ᵃ⁺¹ becomes sign(t)·2ᵃ with probability
 * (2ᵃ⁺¹ − |t|)/2ᵃ and sign(t)·2ᵃ⁺¹ otherwise, independently. Unbiased, with
 * E[C(t)²] − t² = (|t| − 2ᵃ)(2ᵃ⁺¹ − |t|) ≤ t²/8 (equality at |t| = (4/3)·2ᵃ): ω = 1/8 (their
 * Theorem 1). The second moment is not linear in t², so no Gaussian SDE model. A coordinate is
 * sent as its sign and binary exponent: 1 + 11 bits for a float64 (the paper's 9 bits are for
 * float32), 12·d bits.
 *
 * <p>One uniform per coordinate that is a nonzero normal number, in index order; zeros,
 * subnormals (|t| &lt; 2⁻¹⁰²², left exact), infinities and NaN pass through. Coordinate-wise, so v
 * and the output may be the same array ({@link Composition} applies it in place).
 *
 * <p>Config: {@code compression.type natural}, no parameters.
 */
public final class Natural implements Compressor {
    private static final long serialVersionUID = 1L;
    public static final Natural INSTANCE = new Natural();
    /** Bits of one coordinate: its sign and the 11-bit exponent of a float64. */
    static final int BITS = 12;

    /** {@code compression.type natural}: no parameters. */
    public static final CompressorFactory FACTORY = new CompressorFactory() {
        private static final long serialVersionUID = 1L;

        @Override public String type() { return "natural"; }
        @Override public Map<String, Shape> parameters() { return Map.of(); }
        @Override public void check(Arguments a) { }
        @Override public Compressor build(Arguments a, int agent) { return INSTANCE; }
    };

    private Natural() { }

    @Override
    public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff) {
        for (int j = 0; j < d; j++) {
            final double t = v[off + j];
            final double a = Math.abs(t);
            if (!(a >= Double.MIN_NORMAL) || a == Double.POSITIVE_INFINITY) { // 0, subnormal, ±∞, NaN: exact
                out[outOff + j] = t;
                continue;
            }
            final double low = Math.scalb(1.0, Math.getExponent(a)); // 2ᵃ ≤ |t| < 2ᵃ⁺¹
            final double up = (a - low) / low;                       // P(2ᵃ⁺¹) = (|t| − 2ᵃ)/2ᵃ
            out[outOff + j] = Math.copySign(rng.nextDouble() < up ? 2 * low : low, t);
        }
    }

    /** ω = 1/8. */
    @Override public Compression compression(int d) { return new Compression.Unbiased(0.125); }

    @Override
    public SecondMoment secondMoment(int d) {
        return new SecondMoment.None("natural compression's E[C(t)^2] = t^2 + (|t| - 2^a)(2^(a+1) - |t|) is not "
                + "linear in t^2");
    }

    @Override public double expectedBits(int d) { return (double) BITS * d; }
    @Override public String describe() { return "natural"; }

    private Object readResolve() { return INSTANCE; }
}
