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
 * k is family-wise over the m times a bound is evaluated at ({@link #familyK}): Bonferroni at the
 * one-sided level {@link #ALPHA} of one decision with k = {@link #K} = 3, so a bound that holds is
 * called VIOLATED at some time with probability at most {@link #ALPHA} however many times are
 * recorded (k = 3 at one time, 4.2 at 100, 4.6 at 1000). The same k decides HOLDS (conservative: an
 * intersection-union test would allow the per-time k there). For sources that are not the resolved SDE ({@link Source#aboutTheorem()}
 * false) HOLDS reads {@link #WITHIN} and VIOLATED reads {@link #EXCEEDED}: the theorem claims
 * nothing about a discrete process. {@link #NOT_CLAIMED}: the learning-rate condition failed at
 * every checked time, so the theorem claims no bound; {@link #NOT_APPLICABLE}: the theorem's
 * assumptions do not hold (no (L0, L1) pair, infinite variance, …).
 */
public enum Verdict {
    HOLDS, VIOLATED, UNRESOLVED, WITHIN, EXCEEDED, NOT_CLAIMED, NOT_APPLICABLE;

    /** Standard errors of margin of a single decision (one time). */
    public static final double K = 3;

    /** The one-sided error level of a single decision with k = {@link #K}: 1 − Φ(3) = 0.00135. */
    public static final double ALPHA = org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
            .survivalProbability(K);

    /**
     * The family-wise k over m decisions: Φ⁻¹(1 − {@link #ALPHA}/m) (Bonferroni; valid under any
     * dependence between the times, which are strongly correlated); {@link #K} for m ≤ 1.
     */
    public static double familyK(int m) {
        return m <= 1 ? K : org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
                .inverseSurvivalProbability(ALPHA / m);
    }

    /** How k was chosen, for every verdict line: "k = 4.20 (Bonferroni over 100 times)". */
    public static String describeK(double k, int m) {
        return String.format(java.util.Locale.ROOT, "k = %.2f (%s)", k,
                m <= 1 ? "one time" : "Bonferroni over " + m + " times");
    }

    /** The verdict at one time with k = {@link #K}. */
    public static Verdict at(double e, double se, double disc) {
        return at(e, se, disc, K);
    }

    /** The verdict at one time with k standard errors of margin. */
    public static Verdict at(double e, double se, double disc, double k) {
        if (e - disc - k * se > 0) {
            return VIOLATED;
        }
        if (e + disc + k * se <= 0) {
            return HOLDS;
        }
        return UNRESOLVED;
    }

    /** The verdict over all times with the family-wise {@link #familyK}(times). */
    public static Verdict over(double[] e, double[] se, double[] disc) {
        return over(e, se, disc, familyK(e.length));
    }

    /** The verdict over all times (arrays of equal length, at least one time) with k standard errors. */
    public static Verdict over(double[] e, double[] se, double[] disc, double k) {
        if (e.length == 0) {
            throw new IllegalArgumentException("no times");
        }
        boolean allHold = true;
        for (int i = 0; i < e.length; i++) {
            final Verdict v = at(e[i], se[i], disc[i], k);
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
        return settle(t, e, se, disc, familyK(e.length));
    }

    /** {@link #settle(double[], double[], double[], double[])} with k standard errors. */
    public static String settle(double[] t, double[] e, double[] se, double[] disc, double k) {
        int worst = -1;
        double width = -1;
        for (int i = 0; i < e.length; i++) {
            if (at(e[i], se[i], disc[i], k) == UNRESOLVED) {
                final double w = Double.isNaN(se[i]) || Double.isNaN(disc[i]) ? Double.POSITIVE_INFINITY
                        : disc[i] + k * se[i];
                if (w > width) {
                    width = w;
                    worst = i;
                }
            }
        }
        if (worst < 0) {
            return "";
        }
        final double a = Math.abs(e[worst]), s = k * se[worst], d = disc[worst];
        final String at = String.format(Locale.ROOT, "at t = %.4g: excess %.3g, k*SE = %.3g, D = %.3g",
                t[worst], e[worst], s, d);
        if (Double.isNaN(s)) {
            return at + "; no Monte Carlo standard error (per-run integrals not recorded, or fewer than 2 runs): "
                    + "record the per-run sums with at least 2 runs";
        }
        if (Double.isNaN(d)) {
            return at + "; the discretisation error is unknown (no coarser level): integrate with sde.resolve "
                    + "(Euler-Maruyama) or at least two refinements (Talay-Tubaro)";
        }
        if (d == Double.POSITIVE_INFINITY) {
            return at + "; the discretisation error is not bounded (a level diverged, or the differences between "
                    + "levels do not shrink as dt halves): integrate with a smaller dt";
        }
        if (a <= d || d >= s) {
            return at + "; D dominates: integrate with a smaller dt";
        }
        return at + String.format(Locale.ROOT, "; k*SE dominates: about %.2gx more paths would settle it",
                Math.pow(s / (a - d), 2));
    }
}
