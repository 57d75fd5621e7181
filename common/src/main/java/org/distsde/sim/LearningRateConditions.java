package org.distsde.sim;

/**
 * The learning-rate ceilings of Theorems 4–7: the largest η·ηₜ each theorem allows, given the
 * agent averages, (L0, L1), d, N, ε and the current E‖∇f(Xₜ)‖ (the practical forms Eq. 26 / 45
 * use the expectation over runs).
 */
public final class LearningRateConditions {
    private LearningRateConditions() { }

    /** Eq. 1 (Theorem 4, DSGD): ηηₜ ≤ 2Nε / (d(σ̄1²L0 + σ̄0²L1 + L1σ̄1²E‖∇f‖)). */
    public static double dsgd(AgentAverages a, double l0, double l1, int d, double eps, double meanGradNorm) {
        final double den = d * (a.sigma1Sq() * l0 + a.sigma0Sq() * l1 + l1 * a.sigma1Sq() * meanGradNorm);
        return ceiling(2 * a.agents() * eps, den);
    }

    /**
     * Eq. 5 (Theorem 6, DCSGD, (σ0², σ1²)-variance): ηηₜ ≤ 2Nε / (L0(ω̄ + d(σ̄1²ω + σ̄1²))
     * + L1 d(σ̄0² + σ̄0²ω) + L1(ω̄ + d(σ̄1²ω + σ̄1²))E‖∇f‖). With σ1 = 0 it is Eq. 3 (Theorem 5).
     */
    public static double dcsgd(AgentAverages a, double l0, double l1, int d, double eps, double meanGradNorm) {
        final double c1 = a.omega() + d * (a.sigma1SqOmega() + a.sigma1Sq());
        final double den = l0 * c1 + l1 * d * (a.sigma0Sq() + a.sigma0SqOmega()) + l1 * c1 * meanGradNorm;
        return ceiling(2 * a.agents() * eps, den);
    }

    /**
     * Theorem 7 (DSignSGD): ηηₜ &lt; 2Nℓ_ν / (σ_H,1 L1 d). ℓ_ν comes from [7], Prop. C.11 and is not
     * given in the paper: the caller supplies it.
     */
    public static double dsignsgd(AgentAverages a, double l1, int d, double ellNu) {
        return ceiling(2 * a.agents() * ellNu, a.sigmaHarmonic() * l1 * d);
    }

    private static double ceiling(double num, double den) {
        if (Double.isNaN(den)) {
            return Double.NaN;
        }
        return den <= 0 ? Double.POSITIVE_INFINITY : num / den;
    }
}
