package org.distsde.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.distsde.rng.KeyedStream;
import org.junit.jupiter.api.Test;

/** Hill's estimator on exact Pareto samples and on hand-made data. */
class HillEstimatorTest {
    static final double[] ALPHAS = {1, 1.5, 3};

    /** n exact Pareto draws, P(Y &gt; y) = y^{−α} for y ≥ 1 (Y = U^{−1/α}), from the stream at (rep, a, 0). */
    static double[] pareto(double alpha, int n, KeyedStream rng, int rep, int a) {
        rng.at(rep, a, 0);
        final double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.pow(rng.nextOpenDouble(), -1 / alpha);
        }
        return y;
    }

    /**
     * Coverage of the 95% interval on exact Pareto samples, n = 2500 (k = 50), 200 fixed-seed
     * replications per α ∈ {1, 1.5, 3}. For an exact Pareto tail kα/α̂ ~ Gamma(k, 1), so the
     * interval α̂(1 ± z/√k) covers α with probability p = P(k − z√k ≤ G ≤ k + z√k) exactly
     * (0.944 at k = 50); the number of covering replications must lie in the two-sided
     * Binomial(200, p) range of probability 1 − 1e-3/3 (family-wise 1e-3 over the three α).
     */
    @Test
    void intervalCoversAlphaOfExactPareto() {
        final int n = 2500, reps = 200;
        final int k = HillEstimator.k(n);
        final double zk = HillEstimator.Z95 * Math.sqrt(k);
        final GammaDistribution g = GammaDistribution.of(k, 1);
        final double p = g.cumulativeProbability(k + zk) - g.cumulativeProbability(k - zk);
        final BinomialDistribution b = BinomialDistribution.of(reps, p);
        final double tail = 1e-3 / (2 * ALPHAS.length);
        final int lo = b.inverseCumulativeProbability(tail), hi = b.inverseSurvivalProbability(tail);
        final KeyedStream rng = new KeyedStream(2024, KeyedStream.Purpose.CHECK);
        for (int a = 0; a < ALPHAS.length; a++) {
            int covered = 0;
            double sum = 0;
            for (int r = 0; r < reps; r++) {
                final HillEstimator.Estimate e = HillEstimator.of(pareto(ALPHAS[a], n, rng, r, a));
                assertEquals(k, e.k());
                covered += e.lo() <= ALPHAS[a] && ALPHAS[a] <= e.hi() ? 1 : 0;
                sum += e.alpha();
            }
            System.out.printf("alpha %.1f: %d of %d intervals cover (exact coverage %.4f, accepted %d..%d), "
                    + "mean estimate %.4f%n", ALPHAS[a], covered, reps, p, lo, hi, sum / reps);
            assertTrue(covered >= lo && covered <= hi, "alpha " + ALPHAS[a] + ": " + covered);
        }
    }

    /**
     * One large sample per α (n = 10⁶, k = 1000, fixed seed), decided family-wise: for an exact Pareto
     * tail kα/α̂ ~ Gamma(k, 1), so each check accepts G = kα/α̂ between its Gamma quantiles 1e-3/6 and
     * 1 − 1e-3/6 (a false failure over the three α with probability 1e-3, not the 14% of three 95%
     * intervals); the acceptance band is about ±11% of α. Bugs caught: a k other than ⌊√n⌋, the
     * threshold taken as the k-th instead of the (k + 1)-th largest (bias 1/k), logs of x² (α/2).
     */
    @Test
    void largeSampleRecoversAlpha() {
        final KeyedStream rng = new KeyedStream(77, KeyedStream.Purpose.CHECK);
        final GammaDistribution g = GammaDistribution.of(1000, 1);
        final double tail = 1e-3 / (2 * ALPHAS.length);
        final double gLo = g.inverseCumulativeProbability(tail), gHi = g.inverseSurvivalProbability(tail);
        for (int a = 0; a < ALPHAS.length; a++) {
            final HillEstimator.Estimate e = HillEstimator.of(pareto(ALPHAS[a], 1_000_000, rng, 0, a));
            System.out.printf("alpha %.1f: estimate %.4f [%.4f, %.4f], k = %d%n", ALPHAS[a], e.alpha(), e.lo(), e.hi(), e.k());
            assertEquals(1000, e.k());
            final double gStat = 1000 * ALPHAS[a] / e.alpha();
            assertTrue(gStat >= gLo && gStat <= gHi, "alpha " + ALPHAS[a] + ": k alpha/estimate = " + gStat
                    + " outside [" + gLo + ", " + gHi + "]");
        }
    }

    /** 1, 2, …, 100: k = 10, threshold 90, H = (1/10)Σ_{i=91}^{100} ln(i/90). */
    @Test
    void handComputed() {
        final double[] x = new double[100];
        for (int i = 0; i < 100; i++) {
            x[i] = 100 - i; // order does not matter
        }
        double h = 0;
        for (int i = 91; i <= 100; i++) {
            h += Math.log(i / 90.0);
        }
        h /= 10;
        final HillEstimator.Estimate e = HillEstimator.of(x);
        assertEquals(1 / h, e.alpha(), 1e-12 / h);
        assertEquals(1 / h * (1 - 1.959963984540054 / Math.sqrt(10)), e.lo(), 1e-12 / h);
        assertEquals(1 / h * (1 + 1.959963984540054 / Math.sqrt(10)), e.hi(), 1e-12 / h);
        // |x| is used
        final double[] neg = x.clone();
        for (int i = 0; i < neg.length; i += 2) {
            neg[i] = -neg[i];
        }
        assertEquals(e, HillEstimator.of(neg));
    }

    /** The k + 1 largest values of a sample give the estimate of the whole sample, bit for bit. */
    @Test
    void largestValuesGiveTheSameEstimate() {
        final double[] y = pareto(2, 5000, new KeyedStream(5, KeyedStream.Purpose.CHECK), 0, 0);
        final double[] sorted = y.clone();
        java.util.Arrays.sort(sorted);
        final int k = HillEstimator.k(y.length);
        for (int extra : new int[] {0, 7}) {
            final double[] top = java.util.Arrays.copyOfRange(sorted, y.length - k - 1 - extra, y.length);
            assertEquals(HillEstimator.of(y), HillEstimator.ofLargest(top, y.length));
        }
        assertFalse(HillEstimator.ofLargest(new double[] {1, 2, 3}, 99).present()); // k < MIN_K
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> HillEstimator.ofLargest(java.util.Arrays.copyOfRange(sorted, y.length - k, y.length), y.length));
    }

    /** No estimate below 100 values, on a zero threshold, on ties (H = 0), on infinite values. */
    @Test
    void absentWhenItCannotBeComputed() {
        assertEquals(9, HillEstimator.k(99));
        assertEquals(10, HillEstimator.k(100));
        assertEquals(31, HillEstimator.k(1000));
        final double[] x = new double[99];
        java.util.Arrays.setAll(x, i -> i + 1.0);
        assertFalse(HillEstimator.of(x).present());
        assertTrue(Double.isNaN(HillEstimator.of(x).alpha()));
        final double[] zeros = new double[200];
        zeros[199] = 5;
        assertFalse(HillEstimator.of(zeros).present()); // threshold 0
        final double[] ties = new double[200];
        java.util.Arrays.fill(ties, 3);
        assertFalse(HillEstimator.of(ties).present()); // H = 0
        final double[] inf = new double[200];
        java.util.Arrays.setAll(inf, i -> i + 1.0);
        inf[0] = Double.POSITIVE_INFINITY;
        assertFalse(HillEstimator.of(inf).present());
        assertTrue(Double.isNaN(HillEstimator.of(new double[0]).alpha()));
    }
}
