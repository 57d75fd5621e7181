package org.distsde.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoxMullerTest {
    /** The exact transform, in StrictMath (correctly rounded to within 1 ulp per operation). */
    private static double exact(long w0, long w1, int half) {
        final double u = ((w0 >>> 11) + 1) * 0x1.0p-53;
        final double r = StrictMath.sqrt(-2 * StrictMath.log(u));
        final double theta = 2 * StrictMath.PI * (w1 * 0x1.0p-64);
        return half == 0 ? r * StrictMath.cos(theta) : r * StrictMath.sin(theta);
    }

    /**
     * Against StrictMath within 4·10⁻¹⁶·max(1, R) (a few ulps of R; θ itself carries one rounding of
     * 2π·w₁/2⁶⁴, 4.4·10⁻¹⁶ rad at |θ| ≈ π): catches a mistyped coefficient (errors ≥ 10⁻¹²), a wrong
     * quadrant rotation or sign (errors of order 1), the angle scale and the m ∈ [√½, √2) reduction.
     */
    @Test
    void theTransformIsBoxMullerToAFewUlps() {
        final SplittableRandom r = new SplittableRandom(3);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            final long w0 = r.nextLong(), w1 = r.nextLong();
            for (int h = 0; h < 2; h++) {
                final double want = exact(w0, w1, h);
                final double rad = BoxMuller.radius(w0);
                final double err = Math.abs(BoxMuller.gaussian(w0, w1, h) - want) / Math.max(1, rad);
                worst = Math.max(worst, err);
            }
        }
        assertTrue(worst < 4e-16 * Math.PI, "worst error " + worst);
    }

    /** The ends: u = 1 gives R = 0; u = 2⁻⁵³ gives R = √(106 ln 2); the quadrant boundaries give exact axes. */
    @Test
    void theEndsOfTheWordsGiveTheEndsOfTheTransform() {
        assertEquals(0.0, BoxMuller.radius(-1L), 0.0); // −0.0: √(−2·0)
        assertEquals(Math.sqrt(106 * Math.log(2)), BoxMuller.radius(0L), 1e-15);
        final double rmax = BoxMuller.radius(0L);
        assertEquals(rmax, BoxMuller.gaussian(0L, 0L, 0), 1e-15); // θ = 0
        assertEquals(0.0, BoxMuller.gaussian(0L, 0L, 1), 0.0);
        assertEquals(rmax, BoxMuller.gaussian(0L, 1L << 62, 1), 1e-15); // θ = π/2
        assertEquals(0.0, BoxMuller.gaussian(0L, 1L << 62, 0), 0.0);
        assertEquals(-rmax, BoxMuller.gaussian(0L, Long.MIN_VALUE, 0), 1e-15); // θ = −π
        assertEquals(-rmax, BoxMuller.gaussian(0L, -(1L << 62), 1), 1e-15); // θ = −π/2
        // a remainder exactly −π/4 (the interval's open end is on the other side)
        assertEquals(exact(0L, 1L << 61, 0), BoxMuller.gaussian(0L, 1L << 61, 0), 1e-15 * rmax);
    }

    /** (⌊w/2¹²⌋ + ½)·2⁻⁵² never reaches 0 or 1 (a (k + ½)·2⁻⁵³ version rounds to 1 at the top). */
    @Test
    void uniformsStayInsideTheOpenInterval() {
        assertEquals(0x1.0p-53, BoxMuller.uniform(0L));
        assertEquals(1 - 0x1.0p-53, BoxMuller.uniform(-1L));
        assertTrue(BoxMuller.uniform(-1L) < 1);
    }
}
