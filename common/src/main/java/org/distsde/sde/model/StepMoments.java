package org.distsde.sde.model;

/**
 * The moments of one coordinate of DSGD / DCSGD over a fraction θ ∈ (0, 1] of a step, on the
 * local linear model of the step (the derivation behind {@link CurvatureCorrectedSde}).
 *
 * <p>On a quadratic with curvature h along coordinate j, one optimizer step with learning rate
 * lr maps the distance to the minimizer eⱼ to (1 − z)eⱼ + noise, z = lr·h, and the second
 * moment s = E eⱼ² by
 * <pre>
 *   s' = ρ·s + v₀ + v_X,   ρ = m + z²c₁,   m = (1 − z)²
 * </pre>
 * where c₁ = (ω̄ + bⱼ)/N is the coordinate's own multiplicative noise (Σ̃ⱼⱼ grows by c₁N·h²eⱼ²),
 * v₀ = lr²aⱼ/N the constant noise and v_X = lr²bⱼΣ_{l≠j}(∂_lf)²/N the part the other coordinates
 * feed in ({@link StepVariance}). A linear SDE dE = −λE dt + √(βE² + γ) dW integrated over time
 * θ·η from E₀ = e has
 * <pre>
 *   E[E_θ] = e^{−λθη} e,    E[E_θ²] = e^{κθη} e² + γ (e^{κθη} − 1)/κ,   κ = β − 2λ
 * </pre>
 * and reproduces the step exactly at θ = 1 (|mean| and second moment) iff e^{−λη} = |1 − z| and
 * e^{κη} = ρ, γη·(ρ − 1)/ln ρ = v₀. The conditional moments over θ are then
 * <pre>
 *   mean factor   |1 − z|^θ
 *   variance      e²·(ρ^θ − m^θ) + v₀ (ρ^θ − 1)/(ρ − 1) + v_X (ρ^θ − ρ̄^θ)/(ρ − ρ̄)
 * </pre>
 * where the last term treats the other coordinates' contribution as a source that itself decays
 * with multiplier ρ̄ (the first-order, Fréchet-derivative form of the matrix logarithm that the
 * exact coupled recursion would need; exact when d = 1 or bⱼ = 0). All three terms are
 * {@link #divided}(θ, a, b) = (a^θ − b^θ)/(a − b) times the step's own variance, so at θ = 1 the
 * variance is exactly the step's, lr²Σ̃ⱼⱼ/N.
 *
 * <p>Off quadratics z is the step's effective curvature w of {@link LocalPowerLaw}, measured over
 * the step the optimizer takes ({@link CurvatureProbe}), and e the distance to the minimizer of
 * the local power law. The functions are written to stay accurate as z → 0 (the first-order
 * SDE's limit) and at z = 1 (a step that lands on the minimizer).
 */
public final class StepMoments {
    private StepMoments() { }

    /** ln|1 − w|, −∞ at w = 1: the log of the step's factor on the distance to the minimizer. */
    public static double logFactor(double w) {
        return w < 1 ? Math.log1p(-w) : Math.log(w - 1);
    }

    /**
     * φ(w, θ) = (1 − |1 − w|^θ)/w, θ at w = 0: the mean displacement over θ of a step is −lr·∂ⱼf·φ
     * (at θ = 1 and w ≤ 1 exactly the optimizer's −lr·∂ⱼf).
     */
    public static double meanFraction(double w, double theta) {
        if (w == 0) {
            return theta;
        }
        return -Math.expm1(theta * logFactor(w)) / w;
    }

    /**
     * ψ(w) = −ln|1 − w|/w (1 at w = 0, +∞ at w = 1, negative for w &gt; 2): the drift of the
     * continuous model is −ψ·∇f.
     */
    public static double psi(double w) {
        if (Math.abs(w) < 1e-8) {
            return 1 + w / 2;
        }
        return -logFactor(w) / w;
    }

    /**
     * (a^θ − b^θ)/(a − b) for a, b ≥ 0 (θ·a^{θ−1} when a = b): the fraction of a step's variance
     * accumulated over θ by a term with target multiplier a and source multiplier b.
     */
    public static double divided(double theta, double a, double b) {
        final double hi = Math.max(a, b), lo = Math.min(a, b);
        if (theta == 1) {
            return 1;
        }
        if (lo == 0) {
            return hi == 0 ? Double.POSITIVE_INFINITY : Math.pow(hi, theta - 1);
        }
        final double l = Math.log(hi / lo);
        final double base = Math.pow(lo, theta - 1);
        if (l < 1e-8) {
            return base * theta * (1 + (theta - 1) * l / 2);
        }
        return base * Math.expm1(theta * l) / Math.expm1(l);
    }

    /**
     * (ln a − ln b)/(a − b) (1/a when a = b): the θ → 0 slope of {@link #divided}, the factor of a
     * variance term in the continuous model's diffusion.
     */
    public static double logDivided(double a, double b) {
        final double hi = Math.max(a, b), lo = Math.min(a, b);
        if (lo == 0) {
            return Double.POSITIVE_INFINITY;
        }
        final double l = Math.log(hi / lo);
        if (l < 1e-8) {
            return (1 - l / 2) / lo;
        }
        return l / (lo * Math.expm1(l));
    }
}
