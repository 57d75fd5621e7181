package org.distsde.verify.check;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distsde.sim.RoundStats;
import org.distsde.verify.Check;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;
import org.distsde.verify.TimeWindow;

/**
 * A stationary value of seed 000 (Lemmas 3.6, 3.8, 3.13/3.14, C.39–C.57, Eq. 15, 16): the optimizer's
 * time average of {@code quantity} over the last half of the run ({@link TimeWindow}, batch-means SE,
 * Student's t for k), as in the paper's validation (Appendix F.6–F.7: the optimizer is run and
 * compared with the lemma), against the closed form, as an upper {@code bound} or an equality. The
 * optimizer is the discrete process measured: D = 0; the lemmas are derived for the SDE, whose own
 * time-averaged value (at Δt = η, when the config integrates it) is given in the notes.
 *
 * @param quantity  what is averaged
 * @param predicted the closed form
 * @param bound     true: measured ≤ predicted; false: measured = predicted within the errors
 * @param what      the closed form's name, for the notes
 */
public record Stationary(Quantity quantity, ClosedForm predicted, boolean bound, String what) implements Check {
    @Override
    public Set<Need> needs() {
        return Set.of(Need.OPTIMIZER); // the SDE too when the config enables it (for the notes)
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final Evidence ev = series.get(0);
        final TimeWindow w = quantity.stationary(ev);
        final double p = predicted.of(ev.config());
        final double k = family.kT(1, w.batches() - 1);
        String notes = String.format(Locale.ROOT, "%s of the optimizer averaged over t >= %.4g (%d rows, %d batch "
                + "means) against %s", quantity.describe(), w.from(), w.rows(), w.batches(), what);
        if (ev.sde() != null) {
            final TimeWindow s = window(ev.sde(), ev);
            notes += String.format(Locale.ROOT, "; the SDE's own value (dt = %.4g): %.5g +- %.2g (%.3g x the closed "
                    + "form)", ev.refinement() != null ? ev.refinement().finestDt() : sdeDt(ev), s.value(), s.se(),
                    s.value() / p);
        }
        return bound ? Outcome.bound(w.value(), p, w.se(), 0, k, notes) : Outcome.equal(w.value(), p, w.se(), 0, k, notes);
    }

    TimeWindow window(List<RoundStats> rows, Evidence ev) {
        return TimeWindow.lastHalf(rows, r -> quantity.of(r, ev.config()));
    }

    static double sdeDt(Evidence ev) {
        final Double dt = ev.config().sde().dt();
        return dt == null ? ev.config().eta() : dt;
    }
}
