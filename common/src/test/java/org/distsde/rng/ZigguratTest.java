package org.distsde.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The ziggurat against the normal law: its tables (equal areas), the law of its output (bins,
 * tails, moments), and its slow path (the wedges' acceptance and the tail) on words built to
 * reach it. Every statistical check is at 5 standard errors or a χ² quantile of 1 − 10⁻⁶: over the
 * whole family (χ² 10⁻⁶, the two Poisson tail counts 5.9·10⁻⁷ and 2.7·10⁻⁶ exactly, mean and
 * variance 1.1·10⁻⁶, six wedges 3.4·10⁻⁶, the tail's median 5.7·10⁻⁷) a correct ziggurat fails
 * by chance with probability about 10⁻⁵, whatever the random stream.
 */
class ZigguratTest {
    private static final NormalDistribution PHI = NormalDistribution.of(0, 1);
    /** ∫ₐᵇ exp(−x²/2) dx. */
    private static double integral(double a, double b) {
        return Math.sqrt(2 * Math.PI) * (PHI.survivalProbability(a) - PHI.survivalProbability(b));
    }

    /**
     * Every layer has area V: X[i]·(f(X[i+1]) − f(X[i])) for the layers above the base, and the base
     * R·f(R) plus the tail ∫_R^∞ f; the top layer closes at f = 1. Catches a recursion that skips a
     * layer or uses the wrong edge, a mistyped R or V.
     */
    @Test
    void everyLayerHasTheSameArea() {
        final double[] x = Ziggurat.X, f = Ziggurat.F;
        for (int i = 1; i < Ziggurat.LAYERS; i++) {
            assertTrue(x[i] > x[i + 1], "decreasing at " + i);
            assertEquals(Ziggurat.V, x[i] * (f[i + 1] - f[i]), 1e-9 * Ziggurat.V, "layer " + i);
        }
        assertEquals(Ziggurat.V, Ziggurat.R * f[1] + integral(Ziggurat.R, Double.POSITIVE_INFINITY), 1e-9 * Ziggurat.V);
        assertEquals(Ziggurat.V, x[0] * f[1], 1e-12 * Ziggurat.V); // the base layer's width folds the tail in
        assertEquals(1.0, f[Ziggurat.LAYERS], 0.0);
    }

    /**
     * 2²³ values from random words in 512 equiprobable bins of the normal law (χ², 511 degrees of
     * freedom), the two tails beyond R and beyond 4.5 (Poisson counts), the mean and the variance.
     * Catches the wedge test reversed or on the wrong layer (a few 10⁻³ of the mass moved), the sign
     * taken from a layer bit (asymmetric layers), a wrong tail scale.
     */
    @Test
    void theValuesFollowTheNormalLaw() {
        final int n = 1 << 23, bins = 512;
        final double[] edges = new double[bins - 1];
        for (int b = 1; b < bins; b++) {
            edges[b - 1] = PHI.inverseCumulativeProbability(b / (double) bins);
        }
        final long[] count = new long[bins];
        final SplittableRandom r = new SplittableRandom(20261208);
        long beyondR = 0;
        long beyond45 = 0;
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            final double z = Ziggurat.gaussian(r.nextLong());
            int b = java.util.Arrays.binarySearch(edges, z);
            count[b >= 0 ? b + 1 : -b - 1]++;
            beyondR += Math.abs(z) > Ziggurat.R ? 1 : 0;
            beyond45 += Math.abs(z) > 4.5 ? 1 : 0;
            sum += z;
            sum2 += z * z;
        }
        double chi2 = 0;
        final double e = n / (double) bins;
        for (long c : count) {
            chi2 += (c - e) * (c - e) / e;
        }
        final double crit = ChiSquaredDistribution.of(bins - 1).inverseSurvivalProbability(1e-6);
        assertTrue(chi2 < crit, "chi2 " + chi2 + " >= " + crit);
        for (double[] t : new double[][] {{Ziggurat.R, beyondR}, {4.5, beyond45}}) {
            final double want = 2 * PHI.survivalProbability(t[0]) * n;
            assertEquals(want, t[1], 5 * Math.sqrt(want), "beyond " + t[0]);
        }
        assertEquals(0, sum / n, 5 / Math.sqrt(n), "mean");
        assertEquals(1, sum2 / n, 5 * Math.sqrt(2.0 / n), "variance");
    }

    /**
     * Words whose candidate is in a layer's wedge: the candidate is kept with probability
     * (∫ f over the wedge's width − width·f(X[j])) / (width·(f(X[j+1]) − f(X[j]))), the area under the
     * curve over the wedge's box. Catches F[j] and F[j+1] swapped, the exp without the ½, a retry that
     * reuses the rejected word.
     */
    @Test
    void aWedgeKeepsItsCandidateWithTheAreaUnderTheCurve() {
        final SplittableRandom r = new SplittableRandom(11);
        for (int j : new int[] {1, 37, 128, 200, 254, 255}) {
            final double hi = Ziggurat.X[j], lo = Ziggurat.INNER[j];
            final double box = (hi - lo) * (Ziggurat.F[j + 1] - Ziggurat.F[j]);
            final double p = (integral(lo, hi) - (hi - lo) * Ziggurat.F[j]) / box;
            final int n = 100_000;
            int kept = 0;
            int tried = 0;
            while (tried < n) {
                final long top = r.nextLong(1L << 53);
                final double x = top * 0x1.0p-53 * hi;
                if (x < lo) {
                    continue;
                }
                final long w = top << 11 | (long) r.nextInt(2) << 8 | j;
                tried++;
                kept += Ziggurat.gaussian(w) == Ziggurat.signed(x, w) ? 1 : 0;
            }
            assertEquals(p, kept / (double) n, 5 * Math.sqrt(p * (1 - p) / n), "layer " + j);
        }
    }

    /**
     * Base-layer words beyond R give R + a with a ~ the normal law's tail beyond R (its median
     * excess, in closed form, splits them in halves), with the word's sign. Catches a tail drawn
     * from the wrong scale (−ln u instead of −ln(u)/R) or not shifted by R.
     */
    @Test
    void theBaseLayerBeyondRSamplesTheTail() {
        final SplittableRandom r = new SplittableRandom(12);
        final double median = PHI.inverseSurvivalProbability(PHI.survivalProbability(Ziggurat.R) / 2);
        final int n = 100_000;
        int above = 0;
        int tried = 0;
        while (tried < n) {
            final long top = r.nextLong(1L << 53);
            if (top * 0x1.0p-53 * Ziggurat.X[0] < Ziggurat.R) {
                continue;
            }
            final long sign = r.nextInt(2);
            final double z = Ziggurat.gaussian(top << 11 | sign << 8);
            tried++;
            assertTrue(Math.abs(z) > Ziggurat.R && (z < 0) == (sign == 1), "z " + z);
            above += Math.abs(z) > median ? 1 : 0;
        }
        assertEquals(0.5, above / (double) n, 5 * Math.sqrt(0.25 / n));
    }
}
