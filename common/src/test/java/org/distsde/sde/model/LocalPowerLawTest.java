package org.distsde.sde.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The local power law recovers w = lr·g/(x − x*) from (z, q) when the gradient is an exact power
 * law g = c·|e|^p·sign(e): z = p·w and q = (1 − w)^p·sign(1 − w) are computed here from (p, w) and
 * must give back w, on every branch (contracting 0 &lt; w &lt; 1, overshooting 1 &lt; w ≤ W_MAX,
 * negative curvature w &lt; 0, which a gradient growing away from a maximum produces). Bugs this
 * catches: the wrong branch of ψ (a root w = 2 − w for an overshoot), the trivial root w = 0, an
 * exponent applied to z instead of w.
 */
class LocalPowerLawTest {
    @ParameterizedTest(name = "p={0} w={1}")
    @CsvSource({
        "1, 0.3", "1, 0.999", "1, 1.5", "1, 1.99", "1, 2.0", "1, 3.0", "1, -0.7",
        "3, 0.2", "3, 0.9", "3, 1.2", "3, 2.06", "3, 4.0",
        "0.5, 0.4", "0.5, 1.7", "2, 1e-6", "2, 0.05", "7, 0.6", "1.5, -3.0", "3, -0.01",
    })
    void recoversTheStepOfAnExactPowerLaw(double p, double w) {
        final double z = p * w;
        final double q = Math.copySign(Math.pow(Math.abs(1 - w), p), 1 - w);
        assertEquals(w, LocalPowerLaw.effective(z, q), 1e-9 * Math.max(1, Math.abs(w)));
    }

    @ParameterizedTest(name = "z={0} q={1} -> {2}")
    @CsvSource({
        "0.0, 0.7, 0.3",      // no curvature: the secant 1 − q
        "0.5, 1.2, -0.2",     // positive curvature, growing gradient: the secant
        "-0.5, 0.5, 0.5",     // negative curvature, shrinking gradient: the secant
        "0.7, 0.0, 1.0",      // lands on the minimizer
        "0.5, 0.7, 0.0",      // −ln q/z = 0.71 < 1: contracts less than any power law, w → 0
    })
    void degenerateStepsFallBack(double z, double q, double expected) {
        assertEquals(expected, LocalPowerLaw.effective(z, q), 1e-12);
    }
}
