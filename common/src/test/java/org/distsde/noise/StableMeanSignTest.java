package org.distsde.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.Erf;
import org.junit.jupiter.api.Test;

/** The tabulated mean sign against the numerical CDF it was built from, and the closed forms at α = 1, 2. */
class StableMeanSignTest {
    /**
     * Over u = 10^(−6 … 6), 40 points per decade (none of them a table node), plus the series ranges:
     * absolute error 1e-13 and relative 1e-11 against {@link SymmetricStable#meanSign} (the
     * reference itself is accurate to about 1e-12 relative, see SymmetricStableTest).
     */
    @Test
    void tableMatchesTheIntegral() {
        for (double a : new double[] {0.3, 0.7, 1.001, 1.3, 1.7, 1.99}) {
            final long t0 = System.nanoTime();
            final StableMeanSign t = StableMeanSign.of(a);
            final double build = (System.nanoTime() - t0) / 1e6;
            final SymmetricStable s = t.law();
            double maxAbs = 0, maxRel = 0;
            for (int i = 0; i <= 480; i++) {
                final double u = Math.pow(10, -6 + i / 40.0 + 0.0123);
                final double exact = s.meanSign(u);
                final double err = Math.abs(t.value(u) - exact);
                maxAbs = Math.max(maxAbs, err);
                maxRel = Math.max(maxRel, err / exact);
                assertEquals(-t.value(u), t.value(-u));
            }
            System.out.printf("alpha %.3f: table built in %.0f ms, max abs error %.3g, max rel error %.3g%n", a, build,
                    maxAbs, maxRel);
            assertTrue(maxAbs <= 1e-13 && maxRel <= 1e-11, a + ": " + maxAbs + " " + maxRel);
            // the lower tail of the CDF keeps its relative accuracy beyond x_l (tail series)
            final double far = 10 * s.xLarge();
            assertEquals(s.tail(far), t.cdf(-far), 1e-14 * s.tail(far));
            assertEquals(0.5 * (1 + s.meanSign(2.5)), t.cdf(2.5), 1e-14);
            assertEquals(1.0, t.value(Double.POSITIVE_INFINITY));
            assertEquals(0.0, t.value(0.0));
            assertTrue(Double.isNaN(t.value(Double.NaN)));
        }
    }

    @Test
    void closedFormsAtOneAndTwo() {
        final StableMeanSign c = StableMeanSign.of(1), g = StableMeanSign.of(2);
        for (double u : new double[] {-30, -1, -1e-8, 0, 0.4, 3, 1e5}) {
            assertEquals(MeanSign.cauchy(u), c.value(u));
            assertEquals(2 / Math.PI * Math.atan(u), c.value(u), 1e-15);
            assertEquals(Erf.value(u / 2), g.value(u));
        }
        assertSame(c, StableMeanSign.of(1.0)); // built once per alpha
    }

    /** Not an assertion: the cost of one value against one numerical integral. */
    @Test
    void timing() {
        final StableMeanSign t = StableMeanSign.of(1.5);
        double s = 0;
        final int n = 2_000_000;
        for (int rep = 0; rep < 2; rep++) {
            final long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                s += t.value(1e-3 + i * 1e-5);
            }
            if (rep == 1) {
                System.out.printf("table: %.1f ns per value%n", (System.nanoTime() - t0) / (double) n);
            }
        }
        final SymmetricStable law = t.law();
        final long t0 = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            s += law.meanSign(1e-3 + i * 0.1);
        }
        System.out.printf("integral: %.1f us per value (%s)%n", (System.nanoTime() - t0) / 200e3, s > 0 ? "ok" : "?");
    }
}
