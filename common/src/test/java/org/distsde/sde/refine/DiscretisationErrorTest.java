package org.distsde.sde.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * D on sequences S_ℓ = S* + e_ℓ whose errors e_ℓ are known, for Δt_ℓ = 2^−ℓ: the estimate of the
 * finest level's error must equal it in the asymptotic regime of the scheme's order and not fall
 * below it before.
 */
class DiscretisationErrorTest {
    static final double S = 1.7;

    /** S_ℓ for the error e_ℓ = c·rate^−ℓ. */
    static double level(double c, double rate, int l) {
        return S + c * Math.pow(rate, -l);
    }

    /**
     * Weak order 1 (ratio 2): the finest level's error is exactly |S_{L−1} − S_L|, and with order 2
     * (ratio 4) a third of it. Bug caught: the difference taken as the error of the coarser level
     * (factor 2 too large for p = 1) or the same factor used for p = 2 (3x too large).
     */
    @Test
    void asymptoticSequencesGiveTheFinerLevelsError() {
        for (int p = 1; p <= 2; p++) {
            final double rate = Math.pow(2, p), c = 0.3;
            final int l = 4;
            final DiscretisationError d = DiscretisationError.of(level(c, rate, l), level(c, rate, l - 1),
                    level(c, rate, l - 2), p);
            assertEquals(c * Math.pow(rate, -l), d.value(), 1e-12, "order " + p);
        }
    }

    /**
     * Slower than the scheme's order (a pre-asymptotic ratio 1.5 for Euler–Maruyama): D is the geometric
     * tail at the observed ratio, the true error of the finest level; the bare difference would be a
     * third of it too small. Bug caught: no margin for pre-asymptotic levels.
     */
    @Test
    void slowerThanTheOrderUsesTheObservedRatio() {
        final double c = -0.8, rate = 1.5;
        final int l = 3;
        final double truth = Math.abs(c * Math.pow(rate, -l));
        final DiscretisationError d = DiscretisationError.of(level(c, rate, l), level(c, rate, l - 1),
                level(c, rate, l - 2), 1);
        assertEquals(truth, d.value(), 1e-12);
        assertTrue(Math.abs(level(c, rate, l - 1) - level(c, rate, l)) < 0.6 * truth);
        // two levels only: the factor-2 margin covers any ratio >= 1.5 for p = 1
        final DiscretisationError two = DiscretisationError.of(level(c, rate, l), level(c, rate, l - 1), Double.NaN, 1);
        assertTrue(two.value() >= truth - 1e-12, two.toString());
    }

    /**
     * Differences that grow as Δt halves, or that change sign, are no power law: D is +∞ or the larger
     * difference; a missing coarser level is NaN (unknown), never 0.
     */
    @Test
    void nonConvergentOrSignChangingLevelsAndUnknownLevels() {
        assertEquals(Double.POSITIVE_INFINITY, DiscretisationError.of(1.0, 1.1, 1.15, 1).value());
        // errors +0.1, +0.2, −0.05 (coarsest to finest): differences −0.1 then +0.25: the larger over (2^p − 1)
        assertEquals(0.25, DiscretisationError.of(S - 0.05, S + 0.2, S + 0.1, 1).value(), 1e-12);
        assertEquals(0.25 / 3, DiscretisationError.of(S - 0.05, S + 0.2, S + 0.1, 2).value(), 1e-12);
        assertTrue(Double.isNaN(DiscretisationError.of(1.0, Double.NaN, Double.NaN, 1).value()));
        assertEquals(Double.POSITIVE_INFINITY, DiscretisationError.of(1.0, Double.POSITIVE_INFINITY, 1, 1).value());
        // both differences within the Monte Carlo resolution: the two-level rule on the larger one
        assertEquals(2 * 0.003, DiscretisationError.of(1.0, 1.001, 1.004, 1, 0.01).value(), 1e-12);
    }
}
