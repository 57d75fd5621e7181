package org.distsde.theory;

import java.util.Locale;

/**
 * The verdict of a bound over the recorded times t &gt; 0, from the excess e(t) = measured(t) −
 * bound(t), its Monte Carlo standard error SE(t) and the discretisation error D(t):
 * <ul>
 * <li>{@link #VIOLATED} iff some t has e − D − k·SE &gt; 0;</li>
 * <li>{@link #HOLDS} iff every t has e + D + k·SE ≤ 0;</li>
 * <li>{@link #UNRESOLVED} otherwise (including an unknown SE or D).</li>
 * </ul>
 * k = {@link #K}. For sources that are not the resolved SDE ({@link Source#aboutTheorem()}
 * false) HOLDS reads {@link #WITHIN} and VIOLATED reads {@link #EXCEEDED}: the theorem claims
 * nothing about a discrete process. {@link #NOT_CLAIMED}: the learning-rate condition failed at
 * every checked time, so the theorem claims no bound; {@link #NOT_APPLICABLE}: the theorem's
 * assumptions do not hold (no (L0, L1) pair, infinite variance, …).
 */
public enum Verdict {
    HOLDS, VIOLATED, UNRESOLVED, WITHIN, EXCEEDED, NOT_CLAIMED, NOT_APPLICABLE;

    /** Standard errors of margin in every decision. */
    public static final double K = 3;

    /** The verdict at one time. */
    public static Verdict at(double e, double se, double disc) {
        if (e - disc - K * se > 0) {
            return VIOLATED;
        }
        if (e + disc + K * se <= 0) {
            return HOLDS;
        }
        return UNRESOLVED;
    }

    /** The verdict over all times (arrays of equal length, at least one time). */
    public static Verdict over(double[] e, double[] se, double[] disc) {
        if (e.length == 0) {
            throw new IllegalArgumentException("no times");
        }
        boolean allHold = true;
        for (int i = 0; i < e.length; i++) {
            final Verdict v = at(e[i], se[i], disc[i]);
            if (v == VIOLATED) {
                return VIOLATED;
            }
            allHold &= v == HOLDS;
        }
        return allHold ? HOLDS : UNRESOLVED;
    }

    /** This verdict as reported for a series of the given source (HOLDS/VIOLATED renamed off the SDE). */
    public Verdict on(Source s) {
        if (s.aboutTheorem()) {
            return this;
        }
        return this == HOLDS ? WITHIN : this == VIOLATED ? EXCEEDED : this;
    }

    /** The bound failed (VIOLATED, or EXCEEDED on a discrete process). */
    public boolean failed() {
        return this == VIOLATED || this == EXCEEDED;
    }

    /** The word the report prints ("within" in lower case: it is not a verdict on the theorem). */
    public String word() {
        return this == WITHIN ? "within" : name().replace('_', ' ');
    }

    /**
     * For an UNRESOLVED result, what would settle it, from the time whose interval e ± (D + k·SE)
     * straddles 0 with the largest k·SE + D: more paths when k·SE dominates (about
     * (k·SE / (|e| − D))² times as many), a smaller Δt when D dominates (|e| ≤ D: no number of
     * paths settles it). Empty when nothing is unresolved.
     */
    public static String settle(double[] t, double[] e, double[] se, double[] disc) {
        int worst = -1;
        double width = -1;
        for (int i = 0; i < e.length; i++) {
            if (at(e[i], se[i], disc[i]) == UNRESOLVED) {
                final double w = Double.isNaN(se[i]) || Double.isNaN(disc[i]) ? Double.POSITIVE_INFINITY
                        : disc[i] + K * se[i];
                if (w > width) {
                    width = w;
                    worst = i;
                }
            }
        }
        if (worst < 0) {
            return "";
        }
        final double a = Math.abs(e[worst]), s = K * se[worst], d = disc[worst];
        final String at = String.format(Locale.ROOT, "at t = %.4g: excess %.3g, k*SE = %.3g, D = %.3g",
                t[worst], e[worst], s, d);
        if (Double.isNaN(s)) {
            return at + "; no Monte Carlo standard error (per-run integrals not recorded, or fewer than 2 runs): "
                    + "record the per-run sums with at least 2 runs";
        }
        if (Double.isNaN(d)) {
            return at + "; no discretisation error: integrate a coarser level at the same recorded times";
        }
        if (a <= d || d >= s) {
            return at + "; D dominates: integrate with a smaller dt";
        }
        return at + String.format(Locale.ROOT, "; k*SE dominates: about %.2gx more paths would settle it",
                Math.pow(s / (a - d), 2));
    }
}
