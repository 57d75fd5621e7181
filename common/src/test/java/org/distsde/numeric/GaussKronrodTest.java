package org.distsde.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The adaptive Gauss–Kronrod rule on integrals with known values. */
class GaussKronrodTest {
    /** K15 integrates polynomials up to degree 22 exactly: one rule, no bisection. */
    @Test
    void polynomialsAreExact() {
        final double v = GaussKronrod.integrate(x -> Math.pow(x, 22) - 3 * x * x, -1, 2, 1e-15, 0, 1);
        assertEquals((Math.pow(2, 23) + 1) / 23 - (8 + 1), v, 1e-15 * Math.pow(2, 23) / 23);
    }

    /** √x has an endpoint singularity in its derivative: bisection towards 0 reaches 1e-13. */
    @Test
    void endpointSingularity() {
        assertEquals(2.0 / 3, GaussKronrod.integrate(Math::sqrt, 0, 1, 1e-13, 0, 500), 1e-13);
        assertEquals(2.0, GaussKronrod.integrate(x -> 1 / Math.sqrt(x), 0, 1, 1e-10, 0, 500), 1e-9);
    }

    /**
     * A Lorentzian peak of width 1e-6 on a break point (as the stable CDF puts one where g = 1):
     * bisection towards the break resolves it, to 1e-10 for a requested 1e-13 (the error estimate
     * of QK15 is a heuristic; here it is optimistic by about 50×).
     */
    @Test
    void breakPointsLocateANarrowPeak() {
        final double c = 0.3141, w = 1e-6;
        final double exact = Math.atan(c / w) + Math.atan((1 - c) / w); // ∫₀¹ w/((x−c)² + w²) dx
        final double v = GaussKronrod.integrate(x -> w / ((x - c) * (x - c) + w * w), new double[] {0, c, 1}, 3,
                1e-13, 0, 2000);
        assertEquals(exact, v, 1e-10 * exact);
    }
}
