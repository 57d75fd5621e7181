package org.distsde.verify.check;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distsde.verify.Check;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;
import org.distsde.verify.TimeWindow;

/**
 * A scaling rule's claim that two hyperparameter settings reach the same asymptotic value (seed 000
 * Corollaries C.38, C.43, C.49, C.55 with Lemmas C.39, C.44, C.50, C.56): the optimizer's stationary
 * {@code quantity} of series 0 (rescaled) against series 1 (base), each a last-half time average with
 * its batch-means SE; equal within k·√(SE₀² + SE₁²) (Student's t with the smaller batch count − 1
 * degrees of freedom) to a resolution of 10% of the base value; {@code expected} the closed form both
 * should reach, for the notes. With {@code factor} ≠ 1 series 0 must reach factor × series 1's value
 * (e.g. a loss linear in σ: σ₀ = 10σ₁ and factor 10).
 */
public record SameStationary(Quantity quantity, ClosedForm expected, String what, double factor) implements Check {
    /** Equal values (factor 1). */
    public SameStationary(Quantity quantity, ClosedForm expected, String what) {
        this(quantity, expected, what, 1);
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.OPTIMIZER);
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final Evidence a = series.get(0), b = series.get(1);
        final TimeWindow wa = quantity.stationary(a), wb = quantity.stationary(b);
        final double se = Math.hypot(wa.se(), factor * wb.se());
        final double k = family.kT(1, Math.min(wa.batches(), wb.batches()) - 1);
        return Outcome.equal(wa.value(), factor * wb.value(), se, 0, k, String.format(Locale.ROOT, "%s of %s against "
                + "%s%s, stationary averages; %s = %.5g and %.5g for the two", quantity.describe(), a.label(),
                factor == 1 ? "" : String.format(Locale.ROOT, "%g x ", factor), b.label(), what, expected.of(a.config()),
                expected.of(b.config())));
    }
}
