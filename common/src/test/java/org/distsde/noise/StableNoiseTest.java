package org.distsde.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.distsde.rng.KeyedStream;
import org.junit.jupiter.api.Test;

/**
 * The draws of {@link StableNoise} (Commons RNG's StableSampler on the keyed stream) against the
 * law: variance 2σ² at α = 2, the Cauchy law at α = 1, the characteristic function exp(−|σt|^α)
 * at α ∈ {0.7, 1.5}. Each test states its Monte Carlo tolerance; the draws are fixed by the seed.
 */
class StableNoiseTest {
    static double z(double familyWise, int checks) {
        return NormalDistribution.of(0, 1).inverseSurvivalProbability(familyWise / (2 * checks));
    }

    /** n draws of σⱼ·T for coordinate j from the stream at (run 0, agent j, round 0). */
    static double[] draws(StableNoise noise, int j, int n, long seed) {
        final KeyedStream rng = new KeyedStream(seed, KeyedStream.Purpose.CHECK);
        final ContinuousSampler t = noise.standardSampler(rng);
        rng.at(0, j, 0);
        final double s = noise.scale(j, 0);
        final double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = s * t.sample();
        }
        return x;
    }

    /**
     * α = 2 with per-coordinate scales (0.5, 2): the sample variance of each coordinate is 2σⱼ²
     * within z = 4.06 standard errors 2σⱼ²·√(2/(n − 1)) (Gaussian fourth moment; two-sided 1e-4
     * family-wise over the 2 coordinates), n = 200,000.
     */
    @Test
    void alphaTwoHasVarianceTwoSigmaSquared() {
        final StableNoise noise = new StableNoise(2, new double[] {0.5, 2});
        final int n = 200_000;
        for (int j = 0; j < 2; j++) {
            final double[] x = draws(noise, j, n, 3);
            final double m = Arrays.stream(x).average().orElseThrow();
            double ss = 0;
            for (double v : x) {
                ss += (v - m) * (v - m);
            }
            final double var = ss / (n - 1);
            final double expected = 2 * noise.scale(j, 0) * noise.scale(j, 0);
            assertEquals(expected, noise.variance(j, 0), 1e-15);
            System.out.printf("alpha 2, sigma %.1f: sample variance %.5f, 2 sigma^2 = %.5f%n", noise.scale(j, 0), var, expected);
            assertEquals(expected, var, z(1e-4, 2) * expected * Math.sqrt(2.0 / (n - 1)), "coordinate " + j);
        }
    }

    /**
     * α = 1, σ = 1: Kolmogorov–Smirnov distance to the Cauchy CDF below 1.95/√n (asymptotic
     * 0.1% critical value), and the empirical CDF at the Cauchy quantiles tan(π(p − 1/2)),
     * p ∈ {0.05, 0.25, 0.5, 0.75, 0.95}, within z·√(p(1 − p)/n), z = 3.72 (two-sided 1e-3
     * family-wise over the 5); n = 100,000.
     */
    @Test
    void alphaOneIsCauchy() {
        final int n = 100_000;
        final double[] x = draws(StableNoise.of(1, 1), 0, n, 5);
        Arrays.sort(x);
        double ks = 0;
        for (int i = 0; i < n; i++) {
            final double f = 0.5 + Math.atan(x[i]) / Math.PI;
            ks = Math.max(ks, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        System.out.printf("alpha 1: KS distance %.5f (critical %.5f)%n", ks, 1.95 / Math.sqrt(n));
        assertTrue(ks < 1.95 / Math.sqrt(n), "KS " + ks);
        for (double p : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
            final double q = Math.tan(Math.PI * (p - 0.5));
            final int below = upperIndex(x, q);
            assertEquals(p, (double) below / n, z(1e-3, 5) * Math.sqrt(p * (1 - p) / n), "p = " + p);
        }
    }

    /** How many of the sorted values are ≤ q. */
    private static int upperIndex(double[] sorted, double q) {
        int i = Arrays.binarySearch(sorted, q);
        if (i < 0) {
            return -i - 1;
        }
        while (i < sorted.length && sorted[i] <= q) {
            i++;
        }
        return i;
    }

    /**
     * The empirical characteristic function of σT, σ = 1.3, at t ∈ {0.2, 0.7, 1.5}: the mean of
     * cos(tX) is exp(−|σt|^α) within z standard errors √((1 + φ(2t) − 2φ(t)²)/(2n)) and the mean of
     * sin(tX) is 0 within z·√((1 − φ(2t))/(2n)), z = 3.94 (two-sided 1e-3 family-wise over the 12
     * checks), n = 200,000 per α.
     */
    @Test
    void characteristicFunctionMatches() {
        final double sigma = 1.3;
        final int n = 200_000;
        final double zc = z(1e-3, 12);
        for (double a : new double[] {0.7, 1.5}) {
            final double[] x = draws(StableNoise.of(a, sigma), 0, n, 11);
            for (double t : new double[] {0.2, 0.7, 1.5}) {
                double c = 0, s = 0;
                for (double v : x) {
                    c += Math.cos(t * v);
                    s += Math.sin(t * v);
                }
                c /= n;
                s /= n;
                final double phi = Math.exp(-Math.pow(sigma * t, a)), phi2 = Math.exp(-Math.pow(2 * sigma * t, a));
                final double seC = Math.sqrt((1 + phi2 - 2 * phi * phi) / (2 * n)), seS = Math.sqrt((1 - phi2) / (2 * n));
                System.out.printf("alpha %.1f, t %.1f: E cos %.5f vs %.5f (+- %.5f), E sin %.5f (+- %.5f)%n",
                        a, t, c, phi, seC, s, seS);
                assertEquals(phi, c, zc * seC, "alpha " + a + " t " + t);
                assertEquals(0, s, zc * seS, "alpha " + a + " t " + t);
            }
        }
    }

    /** Draws depend only on the key (seed, run, agent, round): equal keys, equal draws; other keys, other draws. */
    @Test
    void drawsAreKeyed() {
        final StableNoise noise = StableNoise.of(1.5, 1);
        final KeyedStream a = new KeyedStream(9, KeyedStream.Purpose.OPTIMIZER);
        final KeyedStream b = new KeyedStream(9, KeyedStream.Purpose.OPTIMIZER);
        final ContinuousSampler sa = noise.standardSampler(a), sb = noise.standardSampler(b);
        final double[] x = new double[8], y = new double[8], w = new double[8];
        b.at(4, 2, 7);
        sb.sample(); // b's state moves on; re-positioning must restore it
        a.at(4, 2, 7);
        b.at(4, 2, 7);
        for (int i = 0; i < 8; i++) {
            x[i] = sa.sample();
            y[i] = sb.sample();
        }
        a.at(4, 3, 7);
        for (int i = 0; i < 8; i++) {
            w[i] = sa.sample();
        }
        assertArrayEquals(x, y);
        assertFalse(Arrays.equals(x, w));
    }

    @Test
    void lawFacts() {
        final StableNoise n = new StableNoise(1.5, new double[] {0.5, 2});
        assertEquals("stable(1.5)", n.standardLaw());
        assertEquals(Double.POSITIVE_INFINITY, n.variance(0, 0));
        assertEquals(Math.exp(org.apache.commons.numbers.gamma.LogGamma.value(1 + 1 / 1.5)) / Math.PI,
                n.standardDensityAtZero(), 1e-16);
        assertEquals(1 / (2 * Math.sqrt(Math.PI)), StableNoise.of(2, 1).standardDensityAtZero(), 1e-16);
        assertFalse(n.uniformScale());
        // E[sign(g + σT)] = 2F(g/σ) − 1 per coordinate, from the table
        assertEquals(SymmetricStable.of(1.5).meanSign(0.3 / 2), n.expectedSign(0.3, 1, 0), 1e-14);
        assertEquals(n.expectedSign(0.3, 0, 0), 2 * n.probPositive(0.3, 0, 0) - 1, 1e-15);
        assertEquals(1.0, StableNoise.of(1.5, 0).expectedSign(0.3, 0, 0));
        for (double bad : new double[] {0, 2.01, Double.NaN}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StableNoise.of(bad, 1));
            assertTrue(e.getMessage().contains("noise.alpha"), e.getMessage());
        }
    }
}
