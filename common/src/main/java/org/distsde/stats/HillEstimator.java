package org.distsde.stats;

import java.util.Arrays;

/**
 * Hill's (1975) estimator of the tail index α of a law with P(|X| &gt; x) ~ C·x^{−α}, from the k
 * largest order statistics of |X|. With |X|₍₁₎ ≥ |X|₍₂₎ ≥ … the order statistics of a sample of n,
 * <pre>
 *   H = (1/k) Σ_{i=1}^{k} ln(|X|₍ᵢ₎ / |X|₍ₖ₊₁₎),   α̂ = 1/H,
 * </pre>
 * and the asymptotic 95% interval α̂ ± 1.96·α̂/√k, from √k(α̂ − α) → N(0, α²) (Hall 1982; k → ∞,
 * k/n → 0, no second-order bias). For an exact Pareto tail above |X|₍ₖ₊₁₎ the interval is exact
 * up to the normal approximation of kH·α ~ Gamma(k, 1).
 *
 * <p>The number of order statistics is the rule k = ⌊√n⌋ (k → ∞ and k/n → 0 as n grows). No
 * estimate (NaN) when k &lt; {@link #MIN_K} (n &lt; 100), when |X|₍ₖ₊₁₎ is 0 or any of the k + 1
 * largest is not finite, or when the k largest all equal |X|₍ₖ₊₁₎ (H = 0).
 */
public final class HillEstimator {
    /** The fewest order statistics an estimate uses. */
    public static final int MIN_K = 10;
    /** The 0.975 quantile of the standard normal law. */
    public static final double Z95 = 1.959963984540054;

    private HillEstimator() { }

    /** α̂ with its asymptotic 95% interval [lo, hi] from k order statistics; all NaN (k = 0) when there is none. */
    public record Estimate(double alpha, double lo, double hi, int k) implements java.io.Serializable {
        public static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);

        public boolean present() {
            return k > 0;
        }
    }

    /** k = ⌊√n⌋. */
    public static int k(int n) {
        return (int) Math.floor(Math.sqrt(n));
    }

    /** The estimate from a sample (|x| is used; the array is not modified). */
    public static Estimate of(double[] x) {
        final double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = Math.abs(x[i]);
        }
        Arrays.sort(a);
        return ofSorted(a, a.length);
    }

    /**
     * The estimate from the first n values of {@code sorted}, non-negative and in increasing order
     * (as a sorted loss column is): the k largest are sorted[n − k .. n), the threshold sorted[n − k − 1].
     */
    public static Estimate ofSorted(double[] sorted, int n) {
        final int k = k(n);
        if (k < MIN_K) {
            return Estimate.NONE;
        }
        return fromTop(sorted, n, k);
    }

    /**
     * The estimate for a sample of n values of which only the largest are at hand: {@code largest}
     * holds (at least) the k + 1 largest |x| of the sample, k = {@link #k}(n), non-negative and in
     * increasing order (a sample too large to keep, reduced to its top values as it streams by).
     */
    public static Estimate ofLargest(double[] largest, int n) {
        final int k = k(n);
        if (k < MIN_K) {
            return Estimate.NONE;
        }
        if (largest.length < k + 1) {
            throw new IllegalArgumentException("need the k + 1 = " + (k + 1) + " largest of n = " + n
                    + " values (got " + largest.length + ")");
        }
        return fromTop(largest, largest.length, k);
    }

    /** Hill's estimate from sorted[n − k − 1 .. n): the threshold, then the k largest. */
    private static Estimate fromTop(double[] sorted, int n, int k) {
        final double t = sorted[n - k - 1];
        if (!(t > 0) || Double.isInfinite(t)) {
            return Estimate.NONE;
        }
        double s = 0;
        for (int i = n - k; i < n; i++) {
            s += Math.log(sorted[i] / t);
        }
        final double h = s / k;
        if (!(h > 0) || Double.isInfinite(h)) {
            return Estimate.NONE;
        }
        final double alpha = 1 / h;
        final double half = Z95 * alpha / Math.sqrt(k);
        return new Estimate(alpha, alpha - half, alpha + half, k);
    }
}
