package org.distsde.compress;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The scaled sign compressor of EF-SignSGD (Karimireddy et al. 2019, Algorithm 1):
 * C(v) = (‖v‖₁/d)·sign(v). Deterministic and biased; ‖C(v) − v‖² = ‖v‖² − ‖v‖₁²/d and
 * ‖v‖₁² ≥ ‖v‖², so it is contractive with δ = 1/d (their Lemma 8: δ = ‖v‖₁²/(d‖v‖²) ≥ 1/d). It sends
 * d sign bits and one 64-bit scale. No second moment linear in vvᵀ (E[C(v)C(v)ᵀ] =
 * (‖v‖₁/d)²·sign(v)sign(v)ᵀ), so no Gaussian SDE model.
 *
 * <p>Config: {@code compression.type scaled-sign}, no parameters.
 */
public final class ScaledSign implements Compressor {
    private static final long serialVersionUID = 1L;
    public static final ScaledSign INSTANCE = new ScaledSign();

    /** {@code compression.type scaled-sign}: no parameters. */
    public static final CompressorFactory FACTORY = new CompressorFactory() {
        private static final long serialVersionUID = 1L;

        @Override public String type() { return "scaled-sign"; }
        @Override public Map<String, Shape> parameters() { return Map.of(); }
        @Override public void check(Arguments a) { }
        @Override public Compressor build(Arguments a, int agent) { return INSTANCE; }
    };

    private ScaledSign() { }

    @Override
    public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff) {
        double l1 = 0;
        for (int j = 0; j < d; j++) {
            l1 += Math.abs(v[off + j]);
        }
        final double scale = l1 / d;
        for (int j = 0; j < d; j++) {
            out[outOff + j] = scale * Math.signum(v[off + j]);
        }
    }

    @Override public Compression compression(int d) { return new Compression.Contractive(1.0 / d); }

    @Override
    public SecondMoment secondMoment(int d) {
        return new SecondMoment.None("scaled sign is biased; E[C(v)C(v)^T] = (|v|_1/d)^2 sign(v) sign(v)^T");
    }

    @Override public double expectedBits(int d) { return d + 64.0; }
    @Override public String describe() { return "scaled-sign"; }

    private Object readResolve() { return INSTANCE; }
}
