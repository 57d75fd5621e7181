package org.distsde.noise;

import java.util.Arrays;
import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Full-covariance Gaussian noise: Zᵢ(x) = sᵢ(x)·F·T with sᵢ(x)² = σ0ᵢ² + σ1ᵢ²‖∇f(x)‖², T standard
 * normal and FFᵀ = C ({@link Correlation}), so Σᵢ(x) = sᵢ(x)²C (Definition 2 with a correlation
 * structure).
 *
 * <p>As a {@link NoiseModel} it describes the marginals, which are Gaussian with scale
 * sᵢ(x)·√C_jj: the per-coordinate variance, P(∂ⱼf + Zᵢⱼ &gt; 0) and E[sign(∂ⱼf + Zᵢⱼ)] (the
 * DSignSGD drift, Eq. 49, needs only these). The joint draw is the kernels' business: they hold
 * the factor (one factorisation per task), this model only C's diagonal, so building it per agent
 * costs O(d). Immutable and thread-safe.
 */
public final class CorrelatedGaussianNoise extends NoiseModel {
    private static final long serialVersionUID = 1L;
    private final double s0sq;
    private final double s1sq;
    private final double[] cdiag;

    /**
     * @param sigma0 σ0ᵢ (one value: per-coordinate variances belong on C's diagonal)
     * @param sigma1 σ1ᵢ
     * @param cdiag  C_jj, d values
     */
    public CorrelatedGaussianNoise(double sigma0, double sigma1, double[] cdiag) {
        Validate.scales("noise.sigma0", new double[] {sigma0});
        Validate.scales("noise.sigma1", new double[] {sigma1});
        Validate.scales("noise.correlation (diagonal)", cdiag);
        this.s0sq = sigma0 * sigma0;
        this.s1sq = sigma1 * sigma1;
        this.cdiag = cdiag.clone();
    }

    /** sᵢ(x)² = σ0ᵢ² + σ1ᵢ²‖∇f‖², the factor of C in Σᵢ(x). */
    public double scaleSq(double gradNormSq) {
        return s0sq + s1sq * gradNormSq;
    }

    /**
     * σ0ᵢ² of Definition 2 (‖Σᵢ(x)‖_∞ ≤ σ0ᵢ² + σ1ᵢ²‖∇f‖²): σ0ᵢ²·max_j C_jj, since the largest entry of
     * the positive semidefinite Σᵢ = sᵢ²C is on its diagonal. It is what {@link GaussianNoise#sigma0Sq}
     * gives for diagonal noise (the largest per-coordinate variance), so C = diag(c) and
     * per-coordinate σ0ⱼ² = σ0²cⱼ have the same theorem constants.
     */
    public double sigma0Sq() {
        return s0sq * maxDiagonal();
    }

    /** σ1ᵢ² of Definition 2: σ1ᵢ²·max_j C_jj (see {@link #sigma0Sq}). */
    public double sigma1Sq() {
        return s1sq * maxDiagonal();
    }

    /** max_j C_jj. */
    public double maxDiagonal() {
        return Arrays.stream(cdiag).max().orElse(0);
    }

    /** tr(C)/d. */
    public double meanDiagonal() {
        return Arrays.stream(cdiag).sum() / cdiag.length;
    }

    /** The marginal scale sᵢ(x)·√C_jj of Zᵢⱼ. */
    @Override
    public double scale(int j, double gradNormSq) {
        return Math.sqrt((s0sq + s1sq * gradNormSq) * cdiag[j]);
    }

    @Override
    public ContinuousSampler standardSampler(UniformRandomProvider rng) {
        return ZigguratSampler.NormalizedGaussian.of(rng);
    }

    @Override public String standardLaw() { return "gaussian"; }

    @Override
    public double standardCdf(double z) {
        return z < 0 ? 0.5 * Erfc.value(-z / Math.sqrt(2)) : 1 - 0.5 * Erfc.value(z / Math.sqrt(2));
    }

    @Override
    public double standardDensityAtZero() {
        return 1 / Math.sqrt(2 * Math.PI);
    }

    /** The marginal E[sign(∂ⱼf + Zᵢⱼ)] = erf(∂ⱼf/(√2 sᵢ√C_jj)), as {@link GaussianNoise#expectedSign}. */
    @Override
    public double expectedSign(double gj, int j, double gradNormSq) {
        final double s = scale(j, gradNormSq);
        if (s == 0) {
            return Math.signum(gj);
        }
        return Erf.value(gj / (Math.sqrt(2) * s));
    }

    @Override public double standardVariance() { return 1; }

    /** Always false: the coordinates are not independent, no kernel may treat them one by one. */
    @Override public boolean uniformScale() { return false; }

    @Override
    public String describe() {
        return "correlated-gaussian(s0^2=" + s0sq + ", s1^2=" + s1sq + ", diag C=" + Arrays.toString(cdiag) + ")";
    }
}
