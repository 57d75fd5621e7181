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

    private static double trace(double[] h) {
        double s = 0;
        for (double v : h) {
            s += v;
        }
        return s;
    }

    private static double min(double[] h) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : h) {
            m = Math.min(m, v);
        }
        return m;
    }
}
