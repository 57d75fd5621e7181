package org.distsde.fit;

import java.io.Serializable;
import java.util.Locale;
import org.distsde.stats.HillEstimator;

/**
 * A constant estimated from data, never to be read as known: the estimate, its standard error and
 * an interval [lo, hi], and how they were obtained ({@code method}). {@code interval} says what the
 * interval is: {@link #CI95} (a 95% confidence interval) or {@link #RANGE} (the range of the
 * estimates with one point left out: a sensitivity range, not a confidence statement). NaN
 * throughout when the data do not identify the constant (the reason is in {@code method}).
 */
public record Estimated(double estimate, double se, double lo, double hi, String method, String interval)
        implements Serializable {
    /** A 95% confidence interval. */
    public static final String CI95 = "ci95";
    /** A leave-one-out range. */
    public static final String RANGE = "leave-one-out range";

    /** With a 95% confidence interval. */
    public Estimated(double estimate, double se, double lo, double hi, String method) {
        this(estimate, se, lo, hi, method, CI95);
    }

    /** estimate ± z·se with z the normal 0.975 quantile. */
    public static Estimated normal(double estimate, double se, String method) {
        final double h = HillEstimator.Z95 * se;
        return new Estimated(estimate, se, estimate - h, estimate + h, method);
    }

    /** True when [lo, hi] is a 95% confidence interval (not a range). */
    public boolean confidence() {
        return CI95.equals(interval);
    }

    /** Not identified by the data; {@code why} says why. */
    public static Estimated none(String why) {
        return new Estimated(Double.NaN, Double.NaN, Double.NaN, Double.NaN, why);
    }

    public boolean present() {
        return !Double.isNaN(estimate);
    }

    /** True when the interval contains v. */
    public boolean covers(double v) {
        return lo <= v && v <= hi;
    }

    /**
     * "estimated 0.0101 ± 0.00021 [0.0097, 0.0105]" (± one standard error, the 95% interval in
     * brackets), or "... range [a, b] (leave-one-out)" for a range.
     */
    public String text() {
        if (!present()) {
            return "not identified";
        }
        return confidence() ? String.format(Locale.ROOT, "estimated %.4g ± %.2g [%.4g, %.4g]", estimate, se, lo, hi)
                : String.format(Locale.ROOT, "estimated %.4g, %s [%.4g, %.4g]", estimate, interval, lo, hi);
    }
}
