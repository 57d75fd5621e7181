package org.distsde.fit;

import java.io.Serializable;
import java.util.Locale;
import org.distsde.stats.HillEstimator;

/**
 * A constant estimated from data, never to be read as known: the estimate, its standard error and
 * its 95% interval [lo, hi], and how they were obtained ({@code method}). NaN throughout when the
 * data do not identify the constant (the reason is in {@code method}).
 */
public record Estimated(double estimate, double se, double lo, double hi, String method) implements Serializable {
    /** estimate ± z·se with z the normal 0.975 quantile. */
    public static Estimated normal(double estimate, double se, String method) {
        final double h = HillEstimator.Z95 * se;
        return new Estimated(estimate, se, estimate - h, estimate + h, method);
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

    /** "estimated 0.0101 ± 0.00021 [0.0097, 0.0105]" (± one standard error, the 95% interval in brackets). */
    public String text() {
        if (!present()) {
            return "not identified";
        }
        return String.format(Locale.ROOT, "estimated %.4g ± %.2g [%.4g, %.4g]", estimate, se, lo, hi);
    }
}
