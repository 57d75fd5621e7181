package org.distsde.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/** The special functions the deterministic statements use, against independent closed forms. */
class FormulasTest {
    /** ₂F₁(1, 1; 2; z) = −ln(1 − z)/z and ₂F₁(1/2, 1; 3/2; −x²) = atan(x)/x. Bug caught: a wrong Pfaff step. */
    @Test
    void hypergeometricSpecialValues() {
        for (double z : new double[] {-0.1, -0.9, -3, -40}) {
            assertEquals(-Math.log1p(-z) / z, Formulas.hyp2f1(1, 1, 2, z), 1e-12);
        }
        for (double x : new double[] {0.2, 1, 5}) {
            assertEquals(Math.atan(x) / x, Formulas.hyp2f1(0.5, 1, 1.5, -x * x), 1e-12);
        }
    }

    /**
     * Corollary 11's Ξ_ν is F_ν − 1/2 (Cauchy: atan(x)/π in closed form), Lemma 3.10's with Γ(ν/2)² is
     * Γ(ν/2) times smaller. Bug caught: the Γ power, √(πν) for √π.
     */
    @Test
    void xiIsTheStudentCdfMinusOneHalf() {
        assertEquals(Math.atan(2.5) / Math.PI, Formulas.xi(1, 2.5, 1), 1e-12);
        for (double nu : new double[] {2, 3, 7.5}) {
            for (double x : new double[] {0.5, 2, 9}) {
                final double want = TDistribution.of(nu).cumulativeProbability(x) - 0.5;
                assertEquals(want, Formulas.xi(nu, x, 1), 1e-10);
                assertEquals(want, Formulas.xiIntegral(nu, x), 1e-10);
                assertEquals(want / org.apache.commons.numbers.gamma.Gamma.value(nu / 2), Formulas.xi(nu, x, 2), 1e-10);
            }
        }
    }

    /** Lemma C.21's constants: the secant through (1, Erf 1), (3/2, Erf 3/2) and the parallel tangent. */
    @Test
    void phase2Constants() {
        final double[] k = Formulas.phase2Constants();
        final double e1 = 0.8427007929497149, e15 = 0.9661051464753108;
        assertEquals(2 * (e15 - e1), k[0], 1e-12);
        assertEquals(e1 - k[0], k[1], 1e-12);
        assertEquals(k[0], 2 / Math.sqrt(Math.PI) * Math.exp(-k[3] * k[3]), 1e-12); // Erf'(y*) = m
        assertEquals(org.apache.commons.numbers.gamma.Erf.value(k[3]) - k[0] * k[3], k[2], 1e-12);
    }
}
