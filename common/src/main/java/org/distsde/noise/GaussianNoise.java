package org.distsde.noise;

import java.util.Arrays;
import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Gaussian noise with (σ0², σ1²)-variance (Definition 2): Zᵢⱼ ~ N(0, σ0ⱼ² + σ1ⱼ²‖∇f(x)‖²).
 * Scales may be given per coordinate (arrays of length d) or for all coordinates (length 1).
 * Appendix B uses σ0 = 0, σ1 = σ ("variance σ²‖∇f(x)‖²").
 */
public final class GaussianNoise extends NoiseModel {
    private static final long serialVersionUID = 1L;
    private final double[] s0sq;
    private final double[] s1sq;

    public GaussianNoise(double[] sigma0, double[] sigma1) {
        Validate.scales("noise.sigma0", sigma0);
        Validate.scales("noise.sigma1", sigma1);
        this.s0sq = Arrays.stream(sigma0).map(v -> v * v).toArray();
        this.s1sq = Arrays.stream(sigma1).map(v -> v * v).toArray();
    }

    public static GaussianNoise of(double sigma0, double sigma1) {
        return new GaussianNoise(new double[] {sigma0}, new double[] {sigma1});
    }

    /** σ0ᵢ² of Definition 2: the largest per-coordinate σ0ⱼ². */
    public double sigma0Sq() { return Arrays.stream(s0sq).max().orElse(0); }

    /** σ1ᵢ² of Definition 2: the largest per-coordinate σ1ⱼ². */
    public double sigma1Sq() { return Arrays.stream(s1sq).max().orElse(0); }

    @Override
    public double scale(int j, double gradNormSq) {
        final double a = s0sq.length == 1 ? s0sq[0] : s0sq[j];
        final double b = s1sq.length == 1 ? s1sq[0] : s1sq[j];
        return Math.sqrt(a + b * gradNormSq);
    }

    @Override
    public ContinuousSampler standardSampler(UniformRandomProvider rng) {
        return ZigguratSampler.NormalizedGaussian.of(rng);
    }

    @Override public String standardLaw() { return "gaussian"; }

    /** 1/√(2π), so 2·density(0) = √(2/π) (Eq. 5). */
    @Override
    public double standardDensityAtZero() {
        return 1 / Math.sqrt(2 * Math.PI);
    }

    @Override
    public double standardCdf(double z) {
        return z < 0 ? 0.5 * Erfc.value(-z / Math.sqrt(2)) : 1 - 0.5 * Erfc.value(z / Math.sqrt(2));
    }

    @Override
    public double expectedSign(double gj, int j, double gradNormSq) {
        final double s = scale(j, gradNormSq);
        if (s == 0) {
            return Math.signum(gj);
        }
        return Erf.value(gj / (Math.sqrt(2) * s)); // seeds README: erf(∇f/(√2σ))
    }

    @Override public double standardVariance() { return 1; }

    @Override public boolean uniformScale() { return s0sq.length == 1 && s1sq.length == 1; }

    @Override
    public String describe() {
        return "gaussian(s0^2=" + Arrays.toString(s0sq) + ", s1^2=" + Arrays.toString(s1sq) + ")";
    }
}
