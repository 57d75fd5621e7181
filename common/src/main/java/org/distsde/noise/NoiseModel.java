package org.distsde.noise;

import java.io.Serializable;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * The gradient noise Zᵢ(x) of one agent: ∇f_{γᵢ}(x) = ∇f(x) + Zᵢ(x) (Section 3).
 *
 * <p>Every model here is coordinate-wise a scaled symmetric standard law:
 * Zᵢⱼ(x) = sᵢⱼ(x)·Tⱼ with Tⱼ i.i.d. standard Gaussian, Student-t or symmetric α-stable, so the
 * quantities the SDEs need are known: the (diagonal) covariance Σᵢ(x) when it is finite, and
 * E[sign(∂ⱼf + Zᵢⱼ)] = 2F(∂ⱼf / sᵢⱼ) − 1 (Eq. 49–51; in closed form except for the stable law,
 * whose F is computed numerically). Immutable and thread-safe.
 *
 * <p>The exception is {@link CorrelatedGaussianNoise} (Σᵢ = sᵢ²C with a full C): as a NoiseModel it
 * describes the marginals only; its joint draws and covariance go through {@link Correlation}.
 */
public abstract class NoiseModel implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The scale sᵢⱼ(x) multiplying the standard draw for coordinate j, given ‖∇f(x)‖². */
    public abstract double scale(int j, double gradNormSq);

    /** A sampler of the standard law T, bound to {@code rng}. */
    public abstract ContinuousSampler standardSampler(UniformRandomProvider rng);

    /** Identifies the standard law T (e.g. "gaussian", "t(1.0)"): models with equal laws share a sampler. */
    public abstract String standardLaw();

    /** CDF F of the standard law T. */
    public abstract double standardCdf(double z);

    /** Density of the standard law T at 0: E[sign(g + sT)] ≈ 2·density(0)·g/s for |g| ≪ s (Phase 3). */
    public abstract double standardDensityAtZero();

    /** Variance of T (1 for Gaussian, ν/(ν−2) for Student-t with ν > 2, 2 for stable with α = 2, +∞ otherwise). */
    public abstract double standardVariance();

    /** True when the scale is the same for every coordinate (lets kernels hoist it out of the loop). */
    public abstract boolean uniformScale();

    /** Short description for tables. */
    public abstract String describe();

    /** Σᵢ(x)ⱼⱼ, the j-th diagonal entry of the covariance, +∞ when it does not exist. */
    public double variance(int j, double gradNormSq) {
        final double s = scale(j, gradNormSq);
        return s == 0 ? 0 : s * s * standardVariance();
    }

    /** P(∂ⱼf + Zᵢⱼ > 0) for ∂ⱼf = {@code gj}. */
    public double probPositive(double gj, int j, double gradNormSq) {
        final double s = scale(j, gradNormSq);
        if (s == 0) {
            return gj > 0 ? 1 : gj < 0 ? 0 : 0.5;
        }
        return standardCdf(gj / s);
    }

    /**
     * {@link #probPositive(double, int, double)} for a block of runs: {@code out[r·d + j]} for
     * ∂ⱼf = {@code g[r·d + j]} and ‖∇f‖² = {@code gn2[r]}, for every run with {@code active[r]}
     * (the others' entries are left as they are or overwritten). Laws with a closed form override it
     * with vectorisable loops (equal up to rounding).
     */
    public void probPositive(double[] g, double[] gn2, boolean[] active, int d, double[] out) {
        for (int r = 0; r < gn2.length; r++) {
            if (active[r]) {
                for (int j = 0, q = r * d; j < d; j++, q++) {
                    out[q] = probPositive(g[q], j, gn2[r]);
                }
            }
        }
    }

    /** E[sign(∂ⱼf + Zᵢⱼ)] = 1 − 2P(∂ⱼf_{γᵢ} < 0), the per-agent drift term of Eq. 49. */
    public double expectedSign(double gj, int j, double gradNormSq) {
        return 2 * probPositive(gj, j, gradNormSq) - 1;
    }
}
