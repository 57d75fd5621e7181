package org.distsde.verify;

import java.io.Serializable;
import java.util.Locale;
import org.distsde.theory.Verdict;

/**
 * A statement's verdict with its numbers: {@code measured} against {@code predicted}, the Monte
 * Carlo standard error of the decisive comparison, its discretisation error D (0 for a discrete
 * process or a deterministic computation, NaN when unknown), the k used and notes.
 *
 * <p>The decision rules (e = measured − predicted, s = k·mcError + D):
 * <ul>
 * <li>{@link #bound}: HOLDS iff e + s ≤ 0, VIOLATED iff e − s &gt; 0, else UNRESOLVED (as
 *     {@link Verdict#at});</li>
 * <li>{@link #equal}: VIOLATED iff |e| − s &gt; 0 (the closed form is refuted); HOLDS iff |e| ≤ s and
 *     s ≤ {@code resolution}·|predicted| (the comparison could have seen a relative deviation of that
 *     size: an equality is never "confirmed" by errors wider than it); else UNRESOLVED.</li>
 * </ul>
 * An unknown error (NaN) never decides.
 */
public record Outcome(Verdict verdict, double measured, double predicted, double mcError, double discError, double k,
                      String notes) implements Serializable {
    /** Default relative resolution an equality must reach to read HOLDS. */
    public static final double RESOLUTION = 0.1;

    /** measured ≤ predicted. */
    public static Outcome bound(double measured, double predicted, double se, double disc, double k, String notes) {
        return new Outcome(Verdict.at(measured - predicted, se, disc, k), measured, predicted, se, disc, k, notes);
    }

    /** measured = predicted within the errors, with the default relative resolution. */
    public static Outcome equal(double measured, double predicted, double se, double disc, double k, String notes) {
        return equal(measured, predicted, se, disc, k, RESOLUTION, notes);
    }

    /** measured = predicted within the errors; HOLDS needs k·se + D ≤ resolution·|predicted|. */
    public static Outcome equal(double measured, double predicted, double se, double disc, double k, double resolution,
                                String notes) {
        final double e = Math.abs(measured - predicted), s = k * se + disc;
        final Verdict v;
        String n = notes;
        if (e - s > 0) {
            v = Verdict.VIOLATED;
        } else if (e <= s && s <= resolution * Math.abs(predicted)) {
            v = Verdict.HOLDS;
        } else {
            v = Verdict.UNRESOLVED;
            if (!(s <= resolution * Math.abs(predicted))) {
                n = join(n, String.format(Locale.ROOT, "the errors (k*SE + D = %.3g) exceed %.0f%% of the prediction: "
                        + "no equality can be confirmed at this precision", s, 100 * resolution));
            }
        }
        return new Outcome(v, measured, predicted, se, disc, k, n);
    }

    /** A verdict decided otherwise (NOT CLAIMED, a deterministic computation, a qualitative test). */
    public static Outcome of(Verdict v, double measured, double predicted, double se, double disc, double k,
                             String notes) {
        return new Outcome(v, measured, predicted, se, disc, k, notes);
    }

    /** This outcome with a note appended. */
    public Outcome withNote(String note) {
        return new Outcome(verdict, measured, predicted, mcError, discError, k, join(notes, note));
    }

    static String join(String a, String b) {
        return a == null || a.isEmpty() ? b : b == null || b.isEmpty() ? a : a + "; " + b;
    }
}
