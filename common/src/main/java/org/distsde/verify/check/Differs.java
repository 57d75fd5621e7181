package org.distsde.verify.check;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distsde.theory.Verdict;
import org.distsde.verify.Check;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;
import org.distsde.verify.TimeWindow;

/**
 * A claim that a change does NOT preserve an asymptotic value (Figure 5's "AdamW NR": the novel rule
 * without rescaling θ): the stationary {@code quantity} of series 0 against series 1 differs by the
 * closed forms' difference Δ = expected(0) − expected(1). HOLDS when the measured difference has Δ's
 * sign and exceeds k·SE; VIOLATED when it is within k·SE of 0 although k·SE &lt; |Δ|/2 (the test could
 * see half the predicted change and did not), or has the opposite sign beyond k·SE; else UNRESOLVED.
 */
public record Differs(Quantity quantity, ClosedForm expected, String what) implements Check {
    @Override
    public Set<Need> needs() {
        return Set.of(Need.OPTIMIZER);
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final Evidence a = series.get(0), b = series.get(1);
        final TimeWindow wa = quantity.stationary(a), wb = quantity.stationary(b);
        final double diff = wa.value() - wb.value(), se = Math.hypot(wa.se(), wb.se());
        final double delta = expected.of(a.config()) - expected.of(b.config());
        final double k = family.kT(1, Math.min(wa.batches(), wb.batches()) - 1);
        final Verdict v;
        if (Math.signum(diff) == Math.signum(delta) && Math.abs(diff) > k * se) {
            v = Verdict.HOLDS;
        } else if (Math.abs(diff) <= k * se && k * se < Math.abs(delta) / 2
                || Math.signum(diff) == -Math.signum(delta) && Math.abs(diff) > k * se) {
            v = Verdict.VIOLATED;
        } else {
            v = Verdict.UNRESOLVED;
        }
        return Outcome.of(v, diff, delta, se, 0, k, String.format(Locale.ROOT, "%s of %s minus %s (stationary "
                + "averages %.5g and %.5g) against the difference of %s", quantity.describe(), a.label(), b.label(),
                wa.value(), wb.value(), what));
    }
}
