package org.distsde.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/** The branch-free mean signs against the library functions. */
class MeanSignTest {
    /** The accuracy stated in {@link MeanSign#cauchy}: 1e-15 absolute and relative (measured 6.7e-16, 7.0e-16). */
    @Test
    void cauchyMatchesTwoOverPiAtan() {
        double maxAbs = 0, maxRel = 0;
        for (int e = -300; e <= 300; e++) {
            for (int k = 0; k < 200; k++) {
                final double u = Math.pow(10, e + k / 200.0);
                for (double v : new double[] {u, -u}) {
                    final double exact = 2 / Math.PI * Math.atan(v);
                    final double got = MeanSign.cauchy(v);
                    maxAbs = Math.max(maxAbs, Math.abs(got - exact));
                    maxRel = Math.max(maxRel, Math.abs(got - exact) / Math.abs(exact));
                }
            }
        }
        // the range the SDE sees most (|u| up to a few hundred), densely
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            final double v = i * 1e-4;
            final double exact = 2 / Math.PI * Math.atan(v);
            final double got = MeanSign.cauchy(v);
            maxAbs = Math.max(maxAbs, Math.abs(got - exact));
            if (v != 0) {
                maxRel = Math.max(maxRel, Math.abs(got - exact) / Math.abs(exact));
            }
        }
        System.out.printf("cauchy mean sign: max abs error %.3g, max rel error %.3g%n", maxAbs, maxRel);
        assertTrue(maxAbs <= 1e-15, "abs " + maxAbs);
        assertTrue(maxRel <= 1e-15, "rel " + maxRel);
        assertEquals(0.0, MeanSign.cauchy(0.0));
        assertEquals(1.0, MeanSign.cauchy(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, MeanSign.cauchy(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(MeanSign.cauchy(Double.NaN)));
    }

    @Test
    void studentT2MatchesTheCdf() {
        final TDistribution t = TDistribution.of(2);
        double maxAbs = 0;
        for (int i = -20_000; i <= 20_000; i++) {
            final double v = i * 1e-2;
            maxAbs = Math.max(maxAbs, Math.abs(MeanSign.studentT2(v) - (2 * t.cumulativeProbability(v) - 1)));
        }
        System.out.printf("t2 mean sign: max abs error %.3g%n", maxAbs);
        assertTrue(maxAbs <= 1e-14, "abs " + maxAbs);
        assertEquals(1.0, MeanSign.studentT2(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, MeanSign.studentT2(Double.NEGATIVE_INFINITY));
    }
}
