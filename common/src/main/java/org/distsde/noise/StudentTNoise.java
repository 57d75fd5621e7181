package org.distsde.noise;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.TSampler;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Structured heavy-tailed noise (Section 4.2, Corollary 11): Zᵢ = √Σᵢ T, T ~ t_ν, with scale
 * matrix Σᵢ = diag(σ₁,ᵢ², …, σ_d,ᵢ²). Coordinates are independent univariate t_ν draws (the SDE
 * diffusion of Eq. 52 is diagonal). ν = 1 is Cauchy: Zᵢ has no mean.
 */
public final class StudentTNoise extends FixedScaleNoise {
    private static final long serialVersionUID = 1L;
    private final double nu;
    private transient TDistribution dist;

    public StudentTNoise(double nu, double[] sigma) {
        super(sigma);
        if (!(nu > 0) || Double.isNaN(nu)) {
            throw new IllegalArgumentException("noise.nu must be > 0 (got " + nu + ")");
        }
        this.nu = nu;
    }

    public static StudentTNoise of(double nu, double sigma) {
        return new StudentTNoise(nu, new double[] {sigma});
    }

    public double nu() { return nu; }


    private TDistribution dist() {
        TDistribution t = dist;
        if (t == null) {
            t = TDistribution.of(nu);
            dist = t;
        }
        return t;
    }


    @Override
    public ContinuousSampler standardSampler(UniformRandomProvider rng) {
        return TSampler.of(rng, nu);
    }

    @Override public String standardLaw() { return "t(" + nu + ")"; }

    @Override
    public double standardCdf(double z) {
        if (nu == 1) {
            return 0.5 + Math.atan(z) / Math.PI; // Cauchy in closed form
        }
        return dist().cumulativeProbability(z);
    }

    /** Γ((ν+1)/2)/(√(νπ)Γ(ν/2)); ν = 2 gives 1/(2√2), so 2·density(0) = √(1/2) (Corollary 3.11). */
    @Override
    public double standardDensityAtZero() {
        return dist().density(0);
    }

    @Override
    public double standardVariance() {
        return nu > 2 ? nu / (nu - 2) : Double.POSITIVE_INFINITY;
    }


    @Override
    public String describe() {
        return describe("student-t", "nu", nu);
    }
}
