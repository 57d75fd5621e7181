package org.distsde.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.StableSampler;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.distsde.rng.KeyedStream;
import org.junit.jupiter.api.Test;

/**
 * The numerical CDF of the symmetric α-stable law (Nolan's integral and the series around it)
 * against closed forms (α = 2, α → 1), independent convergent series, itself (centre + tail = 1/2)
 * and samples of Commons RNG's StableSampler.
 */
class SymmetricStableTest {
    /** Points from 1e-4 to 1e4, 8 per decade. */
    static double[] grid(double from, double to) {
        final int n = (int) Math.round(8 * Math.log10(to / from)) + 1;
        final double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = from * Math.pow(10, i / 8.0);
        }
        return x;
    }

    /**
     * Nolan's integral evaluated at α = 2 (where the law uses the closed form) is the Gaussian of
     * variance 2: F(x) − 1/2 = erf(x/2)/2 and P(X &gt; x) = erfc(x/2)/2, relative error 1e-12 (the
     * quadrature's target is 1e-13) down to tails of 1e-100.
     */
    @Test
    void integralAtAlphaTwoIsTheVarianceTwoGaussian() {
        final NolanIntegral n = new NolanIntegral(2);
        double maxC = 0, maxT = 0;
        for (double x : grid(1e-4, 30)) {
            final double c = 0.5 * Erf.value(x / 2), t = 0.5 * Erfc.value(x / 2);
            maxC = Math.max(maxC, Math.abs(n.centre(x) - c) / c);
            maxT = Math.max(maxT, Math.abs(n.tail(x) - t) / t);
        }
        System.out.printf("alpha = 2 by the integral: max rel error centre %.3g, tail %.3g%n", maxC, maxT);
        assertTrue(maxC <= 1e-12 && maxT <= 1e-12, maxC + " " + maxT);
        final SymmetricStable g = SymmetricStable.of(2);
        assertEquals(NormalDistribution.of(0, Math.sqrt(2)).cumulativeProbability(1.3), g.cdf(1.3), 1e-15);
        assertEquals(2, g.variance());
    }

    /**
     * Next to α = 1, where Nolan's formula is singular (α/(α − 1) = ±1e9), the integral is the
     * Cauchy CDF 1/2 + atan(x)/π within 1e-8 (|∂F/∂α| is about 0.12, so the distance at
     * |α − 1| = 1e-9 is about 1e-10).
     */
    @Test
    void nextToAlphaOneIsCauchy() {
        for (double a : new double[] {1 - 1e-9, 1 + 1e-9, 1 - 1e-6, 1 + 1e-6}) {
            final SymmetricStable s = SymmetricStable.of(a);
            double max = 0;
            for (double x : grid(1e-4, 1e4)) {
                max = Math.max(max, Math.abs(s.cdf(x) - (0.5 + Math.atan(x) / Math.PI)));
                max = Math.max(max, Math.abs(s.cdf(-x) - (0.5 - Math.atan(x) / Math.PI)));
            }
            System.out.printf("alpha = 1 %+.0e: max |F - Cauchy| %.3g%n", a - 1, max);
            assertTrue(max <= Math.max(1e-8, 0.2 * Math.abs(a - 1)), a + ": " + max);
        }
        final SymmetricStable cauchy = SymmetricStable.of(1);
        assertEquals(0.75, cauchy.cdf(1), 1e-16);
        assertEquals(1 / Math.PI, cauchy.densityAtZero(), 1e-16);
    }

    /**
     * Small x, α &gt; 1: F(x) − 1/2 = (1/(πα)) Σₖ (−1)ᵏ Γ((2k+1)/α) x^{2k+1}/(2k+1)!, an entire
     * series, used where no term exceeds 100 times the sum (cancellation below 1e-14). Large x,
     * α &lt; 1: P(X &gt; x) = (1/π) Σ_{k≥1} (−1)^{k+1} Γ(αk)/k! sin(kπα/2) x^{−αk}, convergent,
     * under the same guard. Relative error 1e-12 on the integral's range.
     */
    @Test
    void integralMatchesTheConvergentSeries() {
        int compared = 0;
        double max = 0;
        for (double a : new double[] {1.1, 1.3, 1.7, 1.95}) {
            final SymmetricStable s = SymmetricStable.of(a);
            for (double x : grid(1e-4, 1e2)) {
                final double[] ref = centreSeries(a, x);
                if (x > s.xSmall() && ref[1] <= 100 * Math.abs(ref[0])) {
                    max = Math.max(max, Math.abs(s.centre(x) - ref[0]) / ref[0]);
                    compared++;
                }
            }
        }
        for (double a : new double[] {0.3, 0.7, 0.9}) {
            final SymmetricStable s = SymmetricStable.of(a);
            for (double x : grid(1e-2, 1e4)) {
                final double[] ref = tailSeries(a, x);
                if (x < s.xLarge() && ref[1] <= 100 * Math.abs(ref[0])) {
                    max = Math.max(max, Math.abs(s.tail(x) - ref[0]) / ref[0]);
                    compared++;
                }
            }
        }
        System.out.printf("integral against the convergent series: %d points, max rel error %.3g%n", compared, max);
        assertTrue(compared >= 100, "points " + compared);
        assertTrue(max <= 1e-12, "max rel error " + max);
    }

    /** {sum, largest |term|} of the small-x series of F(x) − 1/2 (α &gt; 1). */
    static double[] centreSeries(double a, double x) {
        double s = 0, big = 0;
        for (int k = 0; k < 2000; k++) {
            final double t = Math.exp(LogGamma.value((2 * k + 1) / a) + (2 * k + 1) * Math.log(x)
                    - LogGamma.value(2 * k + 2.0)) / (Math.PI * a);
            s += (k & 1) == 0 ? t : -t;
            big = Math.max(big, t);
            if (t < 1e-18 * Math.abs(s) && k > 2) {
                return new double[] {s, big};
            }
        }
        return new double[] {s, Double.POSITIVE_INFINITY};
    }

    /** {sum, largest |term|} of the tail series (α &lt; 1). */
    static double[] tailSeries(double a, double x) {
        double s = 0, big = 0;
        for (int k = 1; k < 2000; k++) {
            final double mag = Math.exp(LogGamma.value(a * k) - LogGamma.value(k + 1.0) - a * k * Math.log(x)) / Math.PI;
            final double t = mag * Math.sin(k * Math.PI * a / 2);
            s += (k & 1) == 1 ? t : -t;
            big = Math.max(big, Math.abs(t));
            if (mag < 1e-18 * Math.abs(s) && k > 2) { // on the magnitude: the sine vanishes for some k
                return new double[] {s, big};
            }
        }
        return new double[] {s, Double.POSITIVE_INFINITY};
    }

    /**
     * The centre and the tail are two different integrals (e^{−g} and 1 − e^{−g}, over different
     * variables): they add up to 1/2 within 1e-14.
     */
    @Test
    void centreAndTailAddUpToOneHalf() {
        double max = 0;
        for (double a : new double[] {0.2, 0.5, 0.9, 0.999, 1.001, 1.1, 1.5, 1.9, 1.999}) {
            final SymmetricStable s = SymmetricStable.of(a);
            for (double x : grid(1e-3, 1e3)) {
                max = Math.max(max, Math.abs(s.centre(x) + s.tail(x) - 0.5));
            }
        }
        System.out.printf("|centre + tail - 1/2| max %.3g%n", max);
        assertTrue(max <= 1e-14, "max " + max);
    }

    /**
     * Where the series take over (x_s: two-term Taylor; x_l: tail series), they agree with the
     * integral to 1e-12 relative: the switching points are inside the series' accurate range.
     */
    @Test
    void seriesAndIntegralAgreeWhereTheySwitch() {
        for (double a : new double[] {0.2, 0.5, 0.9, 1.05, 1.5, 1.9, 1.99}) {
            final SymmetricStable s = SymmetricStable.of(a);
            final NolanIntegral n = new NolanIntegral(a);
            final double xs = s.xSmall(), xl = s.xLarge();
            final double c = n.centre(xs), t = n.tail(xl);
            assertEquals(c, s.centre(xs), 1e-12 * c, "alpha " + a + " at x_s = " + xs);
            assertEquals(t, s.tailSeries(xl), 1e-12 * t, "alpha " + a + " at x_l = " + xl);
        }
    }

    /**
     * 200,000 draws of StableSampler at α = 1.3: the empirical CDF at 8 points is within
     * z·√(F(1 − F)/n) of the numerical CDF, z = 3.84 (two-sided 1e-3 family-wise over the 8
     * points, Bonferroni); the draws are fixed by the seed.
     */
    @Test
    void empiricalCdfOfSamplesMatchesAtAlpha13() {
        final double a = 1.3;
        final int n = 200_000;
        final double[] pts = {-10, -3, -1, -0.3, 0.3, 1, 3, 10};
        final long[] below = new long[pts.length];
        final KeyedStream rng = new KeyedStream(17, KeyedStream.Purpose.CHECK);
        rng.at(0, 0, 0);
        final ContinuousSampler z = StableSampler.of(rng, a, 0);
        for (int i = 0; i < n; i++) {
            final double v = z.sample();
            for (int p = 0; p < pts.length; p++) {
                below[p] += v <= pts[p] ? 1 : 0;
            }
        }
        final double zc = NormalDistribution.of(0, 1).inverseSurvivalProbability(1e-3 / (2 * pts.length));
        final SymmetricStable s = SymmetricStable.of(a);
        for (int p = 0; p < pts.length; p++) {
            final double f = s.cdf(pts[p]);
            final double se = Math.sqrt(f * (1 - f) / n);
            System.out.printf("alpha 1.3, x = %5.1f: F %.6f, empirical %.6f (+- %.6f)%n", pts[p], f, (double) below[p] / n, se);
            assertEquals(f, (double) below[p] / n, zc * se, "x = " + pts[p]);
        }
    }

    @Test
    void specialValuesAndSymmetry() {
        final SymmetricStable s = SymmetricStable.of(0.8);
        assertEquals(0.5, s.cdf(0));
        assertEquals(1.0, s.cdf(Double.POSITIVE_INFINITY));
        assertEquals(0.0, s.cdf(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(s.cdf(Double.NaN)) && Double.isNaN(s.meanSign(Double.NaN)));
        assertEquals(1.0, s.meanSign(Double.POSITIVE_INFINITY));
        for (double x : new double[] {1e-9, 0.01, 0.7, 5, 1e6}) {
            assertEquals(1.0, s.cdf(x) + s.cdf(-x), 1e-15);
            assertEquals(-s.meanSign(x), s.meanSign(-x));
        }
        // density at 0: Γ(1 + 1/α)/π; at α = 1/2 that is Γ(3)/π = 2/π
        assertEquals(2 / Math.PI, SymmetricStable.of(0.5).densityAtZero(), 1e-15);
        for (double bad : new double[] {0, -1, 2.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> SymmetricStable.of(bad));
        }
    }
}
