package org.distsde.frontier;

import java.io.Serializable;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Two-sided confidence intervals for a binomial proportion k/n (here: the fraction of runs that
 * diverged). Clopper–Pearson is the exact interval (Beta quantiles; coverage at least the nominal
 * level, conservative); Wilson is the score interval (closed form, coverage close to nominal).
 */
public final class BinomialInterval {
    private BinomialInterval() { }

    /** An interval [lo, hi] ⊂ [0, 1]. */
    public record Interval(double lo, double hi) implements Serializable {
        public boolean contains(double p) {
            return lo <= p && p <= hi;
        }
    }

    /**
     * The Clopper–Pearson interval: lo = B⁻¹(α/2; k, n − k + 1) (0 when k = 0), hi = B⁻¹(1 − α/2;
     * k + 1, n − k) (1 when k = n), α = 1 − confidence.
     */
    public static Interval clopperPearson(long k, long n, double confidence) {
        check(k, n, confidence);
        final double a = (1 - confidence) / 2;
        final double lo = k == 0 ? 0 : BetaDistribution.of(k, n - k + 1).inverseCumulativeProbability(a);
        final double hi = k == n ? 1 : BetaDistribution.of(k + 1, n - k).inverseSurvivalProbability(a);
        return new Interval(lo, hi);
    }

    /**
     * The Wilson score interval: (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), z the
     * (1 + confidence)/2 normal quantile.
     */
    public static Interval wilson(long k, long n, double confidence) {
        check(k, n, confidence);
        final double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - confidence) / 2);
        final double p = (double) k / n, z2 = z * z;
        final double den = 1 + z2 / n;
        final double centre = (p + z2 / (2.0 * n)) / den;
        final double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / den;
        return new Interval(k == 0 ? 0 : Math.max(0, centre - half), k == n ? 1 : Math.min(1, centre + half));
    }

    private static void check(long k, long n, double confidence) {
        if (n < 1 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, n >= 1 (got k = " + k + ", n = " + n + ")");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1) (got " + confidence + ")");
        }
    }
}
