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

    /**
     * ν = 1 and ν = 2 with positive scales: z = ∂ⱼf/sⱼ for the whole block, then F(z) = ½ + ½·e(z)
     * with the closed forms e of {@link MeanSign} (Cauchy: (2/π)·atan in vectorisable passes;
     * ν = 2: z/√(2 + z²)), for every run (inactive ones too); within 1e-15 of
     * {@link #standardCdf}. Other ν: the default, element by element.
     */
    @Override
    public void probPositive(double[] g, double[] gn2, boolean[] active, int d, double[] out) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double s : sigma) {
            smallest = Math.min(smallest, s);
        }
        if ((nu != 1 && nu != 2) || !(smallest > 0) || Double.isInfinite(sigmaMax())) {
            super.probPositive(g, gn2, active, d, out);
            return;
        }
        final int n = gn2.length * d;
        for (int q = 0; q < n; q++) {
            out[q] = g[q] / sigma[sigma.length == 1 ? 0 : q % d];
        }
        if (nu == 1) {
            MeanSign.cauchy(out, n);
        } else {
            for (int q = 0; q < n; q++) {
                out[q] = MeanSign.studentT2(out[q]);
            }
        }
        for (int q = 0; q < n; q++) {
            out[q] = 0.5 + 0.5 * out[q];
        }
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
