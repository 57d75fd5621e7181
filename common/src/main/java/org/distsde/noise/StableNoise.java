package org.distsde.noise;

import java.util.Arrays;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.StableSampler;

/**
 * Symmetric α-stable noise: Zᵢⱼ = σⱼ·Tⱼ with Tⱼ i.i.d. S(α, 0, 1; 0), E[e^{itT}] = exp(−|t|^α),
 * α ∈ (0, 2], per-coordinate scales σⱼ (as for Student-t noise). α = 2 is Gaussian with variance
 * 2σⱼ²; α = 1 is Cauchy (the law of Student-t with ν = 1); for α &lt; 2 the variance is infinite,
 * and for α ≤ 1 there is no mean. Draws come from Commons RNG's {@link StableSampler} bound to the
 * caller's keyed stream. The mean sign E[sign(∂ⱼf + Zᵢⱼ)] = 2F_α(∂ⱼf/σⱼ) − 1 (Eq. 49) and the CDF
 * come from {@link StableMeanSign} (the numerical CDF of {@link SymmetricStable}, tabulated).
 */
public final class StableNoise extends FixedScaleNoise {
    private static final long serialVersionUID = 1L;
    private final double alpha;
    private transient StableMeanSign table;

    public StableNoise(double alpha, double[] sigma) {
        super(sigma);
        if (!(alpha > 0 && alpha <= 2)) {
            throw new IllegalArgumentException("noise.alpha must be in (0, 2] (got " + alpha + ")");
        }
        this.alpha = alpha;
    }

    public static StableNoise of(double alpha, double sigma) {
        return new StableNoise(alpha, new double[] {sigma});
    }

    public double alpha() { return alpha; }


    private StableMeanSign table() {
        StableMeanSign t = table;
        if (t == null) {
            t = StableMeanSign.of(alpha);
            table = t;
        }
        return t;
    }


    @Override
    public ContinuousSampler standardSampler(UniformRandomProvider rng) {
        return StableSampler.of(rng, alpha, 0);
    }

    @Override public String standardLaw() { return "stable(" + alpha + ")"; }

    @Override
    public double standardCdf(double z) {
        return table().cdf(z);
    }

    /** Γ(1 + 1/α)/π: 1/π at α = 1, 1/(2√π) at α = 2. */
    @Override
    public double standardDensityAtZero() {
        return Math.exp(LogGamma.value(1 + 1 / alpha)) / Math.PI;
    }

    /** 2 at α = 2 (Var T = 2), +∞ below. */
    @Override
    public double standardVariance() {
        return alpha == 2 ? 2 : Double.POSITIVE_INFINITY;
    }

    /** 2F_α(∂ⱼf/σⱼ) − 1 from the table (relative accuracy near 0, unlike 2·probPositive − 1). */
    @Override
    public double expectedSign(double gj, int j, double gradNormSq) {
        final double s = scale(j, gradNormSq);
        if (s == 0) {
            return Math.signum(gj);
        }
        return table().value(gj / s);
    }


    @Override
    public String describe() {
        return describe("stable", "alpha", alpha);
    }
}
