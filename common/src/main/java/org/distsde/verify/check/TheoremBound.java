package org.distsde.verify.check;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distsde.sim.Simulation;
import org.distsde.theory.Resolution;
import org.distsde.theory.Source;
import org.distsde.theory.TheoremChecker;
import org.distsde.theory.Verdict;
import org.distsde.verify.Check;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;

/**
 * A bound of Theorems 4–7 on the Δt-resolved SDE ({@link TheoremChecker} with the refinement's
 * coarser levels for D), re-decided with the catalogue's family-wise k over the claimed times: the
 * bound labelled {@code label} (null: the theorem's primary bound). Measured and predicted are the
 * weighted E‖∇f(X_t̂)‖² and the bound at the decisive time (the violating one, else the one closest to
 * failing), with its SE and D. NOT CLAIMED when the learning-rate condition fails from the start.
 */
public record TheoremBound(String label) implements Check {
    @Override
    public Set<Need> needs() {
        return Set.of(Need.SDE);
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final Evidence ev = series.get(0);
        if (ev.refinement() == null) {
            throw new IllegalArgumentException("TheoremBound needs a resolved SDE (sde.resolve true): " + ev.label());
        }
        final TheoremChecker.Report rep = TheoremChecker.checkLevels(ev.config(), Simulation.averages(ev.config()),
                ev.sde(), Source.SDE_RESOLVED, Resolution.of(ev.refinement()));
        final TheoremChecker.BoundCheck b = label == null ? rep.primaryBound() : rep.boundLabelled(label);
        final String cond = String.format(Locale.ROOT, "%s: condition %s held at %d of %d recorded times; %s (%s)",
                rep.theorem(), rep.condition().equation(), rep.condition().held(), rep.condition().points(), b.label(),
                b.equation());
        final List<TheoremChecker.BoundPoint> pts = b.values();
        if (pts.isEmpty()) {
            return Outcome.of(b.verdict() == Verdict.NOT_CLAIMED ? Verdict.NOT_CLAIMED : Verdict.UNRESOLVED, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, family.k(1), cond + "; " + b.note());
        }
        final double k = family.k(pts.size());
        final double[] e = pts.stream().mapToDouble(TheoremChecker.BoundPoint::excess).toArray();
        final double[] se = pts.stream().mapToDouble(TheoremChecker.BoundPoint::se).toArray();
        final double[] d = pts.stream().mapToDouble(TheoremChecker.BoundPoint::disc).toArray();
        final Verdict v = Verdict.over(e, se, d, k);
        int worst = 0;
        double score = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pts.size(); i++) { // the time closest to failing (or failing most)
            final double s = v == Verdict.VIOLATED ? e[i] - d[i] - k * se[i] : e[i] + d[i] + k * se[i];
            if (s > score || Double.isNaN(s) && score == Double.NEGATIVE_INFINITY) {
                score = Double.isNaN(s) ? Double.POSITIVE_INFINITY : s;
                worst = i;
            }
        }
        final TheoremChecker.BoundPoint p = pts.get(worst);
        String notes = cond + String.format(Locale.ROOT, "; decisive time t = %.4g of %d claimed (k family-wise over "
                + "the catalogue and the times)", p.time(), pts.size());
        if (!b.note().isEmpty()) {
            notes += "; " + b.note();
        }
        if (v == Verdict.UNRESOLVED) {
            notes += "; " + Verdict.settle(pts.stream().mapToDouble(TheoremChecker.BoundPoint::time).toArray(), e, se, d,
                    k);
        }
        return Outcome.of(v, p.excess() + p.bound(), p.bound(), p.se(), p.disc(), k, notes);
    }
}
