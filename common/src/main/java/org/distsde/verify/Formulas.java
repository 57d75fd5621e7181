package org.distsde.verify;

import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.LogGamma;
import org.distsde.numeric.GaussKronrod;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.LearningRateConditions;

/**
 * The closed forms the deterministic statements compare, written as the papers print them:
 * Ξ_ν of seed 002 Corollary 11 (and of seed 000 Lemma 3.10, which prints Γ(ν/2)²), Ξ_ν as a numerical
 * integral of the Student-t density, the learning-rate ceilings of the remark after Theorem 5, and
 * Lemma 3.4's Phase 2 constants (Lemma C.21).
 */
public final class Formulas {
    private Formulas() { }

    /**
     * ₂F₁(a, b; c; z) for z ≤ 0 by Pfaff's transformation ₂F₁(a, b; c; z) = (1 − z)^{−a}
     * ₂F₁(a, c − b; c; z/(z − 1)) and the power series at w = z/(z − 1) ∈ [0, 1), summed until a term
     * is below 1e-17 of the sum (at most 10⁷ terms).
     */
    public static double hyp2f1(double a, double b, double c, double z) {
        if (z > 0) {
            throw new IllegalArgumentException("z must be <= 0 (got " + z + ")");
        }
        final double w = z / (z - 1), bb = c - b;
        double term = 1, sum = 1;
        for (int n = 0; n < 10_000_000; n++) {
            term *= (a + n) * (bb + n) / ((c + n) * (n + 1)) * w;
            sum += term;
            if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return Math.pow(1 - z, -a) * sum;
    }

    /**
     * Ξ_ν(x) = x Γ((ν+1)/2)/(√(πν) Γ(ν/2)^p) ₂F₁(1/2, (ν+1)/2; 3/2; −x²/ν): p = 1 as seed 002's
     * Corollary 11 prints it, p = 2 as seed 000's Lemma 3.10 does.
     */
    public static double xi(double nu, double x, int gammaPower) {
        final double logC = LogGamma.value((nu + 1) / 2) - 0.5 * Math.log(Math.PI * nu) - gammaPower
                * LogGamma.value(nu / 2);
        return x * Math.exp(logC) * hyp2f1(0.5, (nu + 1) / 2, 1.5, -x * x / nu);
    }

    /** ∫₀ˣ of the Student-t density with ν degrees of freedom (Gauss–Kronrod to 1e-13): F_ν(x) − 1/2. */
    public static double xiIntegral(double nu, double x) {
        final double logC = LogGamma.value((nu + 1) / 2) - 0.5 * Math.log(Math.PI * nu) - LogGamma.value(nu / 2);
        return GaussKronrod.integrate(s -> Math.exp(logC - (nu + 1) / 2 * Math.log1p(s * s / nu)), 0, x, 1e-13, 0,
                2000);
    }

    /**
     * The remark after Theorem 5: Eq. 1 (DSGD) with (σ0², σ1²) against Eq. 3 (DCSGD, bounded variance
     * σ², rate ω), ηηₜ ceilings at E‖∇f‖ = g, N agents, ε, (L0, L1), d. Returns {Eq. 1, Eq. 3}.
     */
    public static double[] remarkAfterTheorem5(double sigma0Sq, double sigma1Sq, double sigmaSq, double omega, int d,
                                               int n, double eps, double l0, double l1, double g) {
        final double eq1 = LearningRateConditions.dsgd(AgentAverages.ofMeans(n, sigma0Sq, sigma1Sq, 0, 0, 0, 1), l0, l1,
                d, eps, g);
        final double eq3 = LearningRateConditions.dcsgd(AgentAverages.ofMeans(n, sigmaSq, 0, omega, sigmaSq * omega, 0,
                1), l0, l1, d, eps, g);
        return new double[] {eq1, eq3};
    }

    /**
     * Lemma C.21's constants of Lemma 3.4, Phase 2: m and q₁ the slope and intercept of the secant of
     * Erf through (1, Erf 1) and (3/2, Erf 3/2), q₂ the intercept of the tangent to Erf with slope m.
     * Returns {m, q1, q2, the tangent point}.
     */
    public static double[] phase2Constants() {
        final double m = (Erf.value(1.5) - Erf.value(1)) / 0.5;
        final double q1 = Erf.value(1) - m;
        final double y = Math.sqrt(-Math.log(m * Math.sqrt(Math.PI) / 2)); // Erf'(y) = 2e^{-y²}/√π = m
        return new double[] {m, q1, Erf.value(y) - m * y, y};
    }
}
