package org.distsde.theory;

/**
 * Asymptotic expected losses S_∞ = lim E[f(X_t) − f*] on f(x) = ½xᵀHx with Gaussian noise
 * Σ = σ²I (seed 000, Section 3.1), with μ = min eig H (strong convexity) and L_τ = Tr H.
 */
public final class QuadraticLimits {
    private QuadraticLimits() { }

    /** Lemma 3.6 (SGD): E[S_t] ≤ S₀e^{−2μt} + (η/2)·L_τσ²/(2μ)·(1 − e^{−2μt}), so S_∞ = ηL_τσ²/(4μ). */
    public static double sgd(double eta, double[] h, double sigma) {
        return eta / 2 * trace(h) * sigma * sigma / (2 * min(h));
    }

    /**
     * The exact stationary loss of the discrete SGD iteration x ← x − η(Hx + σZ), coordinate-wise
     * Var = ησ²/(hⱼ(2 − ηhⱼ)), so E f = Σⱼ ησ²/(2(2 − ηhⱼ)); it tends to Lemma 3.6's value for
     * isotropic H as η → 0.
     */
    public static double sgdDiscrete(double eta, double[] h, double sigma) {
        double s = 0;
        for (double hj : h) {
            s += eta * sigma * sigma / (2 * (2 - eta * hj));
        }
        return s;
    }

    /**
     * Lemma 3.5, Phase 3 (SignSGD), Eq. 7: E[S_t] ≤ S₀e^{−2μΔt} + (η/2)·L_τ/(2μΔ)·(1 − e^{−2μΔt}) with
     * Δ = √(2/π)/σ_max + (η/π)·μ/σ²_max, so S_∞ = ηL_τ/(4μΔ) — about linear in σ.
     */
    public static double signSgd(double eta, double[] h, double sigma) {
        final double mu = min(h);
        final double delta = Math.sqrt(2 / Math.PI) / sigma + eta / Math.PI * mu / (sigma * sigma);
        return eta / 2 * trace(h) / (2 * mu * delta);
    }

    /**
     * Lemma 3.5, Phase 1: S_t ≤ ¼(√μ·t − 2√S₀)² while t ≤ t* = 2√(S₀/μ) (then 0, SignGD has
     * reached the minimum).
     */
    public static double phase1Bound(double s0, double mu, double t) {
        final double r = Math.sqrt(mu) * t - 2 * Math.sqrt(s0);
        return t >= phase1Duration(s0, mu) ? 0 : r * r / 4;
    }

    /** Lemma 3.5: SignSGD stays in Phase 1 at most t* = 2√(S₀/μ). */
    public static double phase1Duration(double s0, double mu) {
        return 2 * Math.sqrt(s0 / mu);
    }

    /** Lemma 3.5, Phase 3: Δ = √(2/π)/σ_max + (η/π)·μ/σ²_max. */
    public static double phase3Delta(double eta, double mu, double sigmaMax) {
        return Math.sqrt(2 / Math.PI) / sigmaMax + eta / Math.PI * mu / (sigmaMax * sigmaMax);
    }

    /** Lemma 3.5, Phase 3, Eq. 7: E[S_t] ≤ S₀e^{−2μΔt} + (η/2)·L_τ/(2μΔ)·(1 − e^{−2μΔt}). */
    public static double phase3Bound(double s0, double eta, double mu, double trace, double sigmaMax, double t) {
        final double delta = phase3Delta(eta, mu, sigmaMax);
        final double e = Math.exp(-2 * mu * delta * t);
        return s0 * e + eta / 2 * trace / (2 * mu * delta) * (1 - e);
    }

    /** Lemma 3.6 (SGD): E[S_t] ≤ S₀e^{−2μt} + (η/2)·L_τσ²_max/(2μ)·(1 − e^{−2μt}). */
    public static double sgdBound(double s0, double eta, double mu, double trace, double sigmaMax, double t) {
        final double e = Math.exp(-2 * mu * t);
        return s0 * e + eta / 2 * trace * sigmaMax * sigmaMax / (2 * mu) * (1 - e);
    }

    /**
     * Lemma 3.9 (Eq. 8): with a scheduler ηₜ → 0, ∫ηₜ = ∞, E[S_t] ≲ η·L_τσ_max√(π/2)·ηₜ/(4μ). Eq. 8
     * as printed drops the factor η that Eq. 112 carries (the diffusion is √η·ηₜ); it is kept here.
     */
    public static double lemma39(double eta, double trace, double mu, double sigmaMax, double etaT) {
        return eta * trace * sigmaMax * Math.sqrt(Math.PI / 2) * etaT / (4 * mu);
    }

    /**
     * The SignGD ODE (Eq. 4) on a diagonal quadratic after travelling a distance D = ∫ηₛds:
     * xⱼ = sign(x₀ⱼ)·max(|x₀ⱼ| − D, 0).
     */
    public static double[] signGd(double[] x0, double travelled) {
        final double[] x = new double[x0.length];
        for (int j = 0; j < x0.length; j++) {
            x[j] = Math.signum(x0[j]) * Math.max(Math.abs(x0[j]) - travelled, 0);
        }
        return x;
    }

    /**
     * The distance SignGD (Eq. 4) travels from x₀ before every coordinate is in Phase 3 of Lemma
     * 3.4, |Yⱼ| = λⱼ|xⱼ|/(√2σⱼ) ≤ 1: maxⱼ (|x₀ⱼ| − √2σⱼ/λⱼ)⁺.
     */
    public static double phase3Entry(double[] x0, double[] lambda, double[] sigma) {
        double dmax = 0;
        for (int j = 0; j < x0.length; j++) {
            final double s = sigma.length == 1 ? sigma[0] : sigma[j];
            dmax = Math.max(dmax, Math.abs(x0[j]) - Math.sqrt(2) * s / lambda[j]);
        }
        return dmax;
    }

    /** L_τ = Tr H of a diagonal H. */
    public static double trace(double[] h) {
        double s = 0;
        for (double v : h) {
            s += v;
        }
        return s;
    }

    /** μ = min eig H of a diagonal H. */
    public static double min(double[] h) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : h) {
            m = Math.min(m, v);
        }
        return m;
    }
}
