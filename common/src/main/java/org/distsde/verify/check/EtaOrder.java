package org.distsde.verify.check;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distsde.sde.refine.WeakOrderFit;
import org.distsde.theory.Verdict;
import org.distsde.verify.Check;
import org.distsde.verify.EtaStudy;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;

/**
 * Weak order α in η (Definition 3 of seed 002, Definition 3.1 and Theorems C.16, C.34, C.41, C.47,
 * C.53 of seed 000): max_k |E g(x_k) − E g(X_{kη})| ≤ Cη^α, here with g = f at the final time T. The
 * order fitted on the η study's weak errors ({@link EtaStudy#fit}) must be at least α − {@code tol}:
 * HOLDS when the fit is in its asymptotic regime and its interval (widened to the catalogue's k)
 * lies above α − tol; VIOLATED when the interval lies below it (the error shrinks more slowly than the
 * claim allows); UNRESOLVED otherwise. An order above α does not contradict the statement.
 *
 * <p>The runs at η_i = η/2^i (i &lt; {@code etas}) keep T: rounds and recordEvery times 2^i, sde.dt
 * over 2^i ({@link #sets}); for the adaptive methods the moments' rates follow the theorems' scaling:
 * ρ₂ = (1 − β₂)/η fixed (β₂ = 1 − η_iρ₂) and ρ₁ = O(η^{−ζ}) (β₁ = 1 − η_iρ₁(η)(η_i/η)^{−ζ}).
 *
 * @param alpha the claimed order
 * @param tol   the tolerance below it
 * @param etas  K, the number of step sizes
 * @param zeta  ζ of ρ₁ = O(η^{−ζ}) for Adam(W) (NaN: the optimizer has no moments)
 */
public record EtaOrder(double alpha, double tol, int etas, double zeta) implements Check {
    /** The overrides (--set) of the run at η/2^i. */
    public java.util.List<String> sets(org.distsde.config.ExperimentConfig base, int i) {
        final long f = 1L << i;
        final double eta = base.eta() / f;
        final java.util.List<String> s = new java.util.ArrayList<>();
        s.add("eta=" + eta);
        s.add("rounds=" + base.rounds() * f);
        s.add("recordEvery=" + base.recordEvery() * f);
        if (base.sde().dt() != null) {
            s.add("sde.dt=" + base.sde().dt() / f);
        }
        if (base.optimizer().adaptive()) {
            final var a = base.adaptive() == null ? org.distsde.config.AdaptiveSpec.defaults() : base.adaptive();
            final double rho2 = (1 - a.beta2OrDefault()) / base.eta();
            s.add("adaptive.beta2=" + (1 - eta * rho2));
            if (!Double.isNaN(zeta)) {
                final double rho1 = (1 - a.beta1OrDefault()) / base.eta() * Math.pow((double) f, zeta);
                s.add("adaptive.beta1=" + (1 - eta * rho1));
            }
        }
        return s;
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.ETA_STUDY);
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        final EtaStudy st = series.get(0).eta();
        final WeakOrderFit fit = st.fit();
        final double k = family.k(1);
        final double lo = fit.order() - k * fit.se(), hi = fit.order() + k * fit.se();
        final Verdict v;
        if (Double.isNaN(fit.se()) || Double.isNaN(fit.order())) {
            v = Verdict.UNRESOLVED;
        } else if (hi < alpha - tol) {
            v = Verdict.VIOLATED;
        } else if (lo >= alpha - tol && fit.asymptotic()) {
            v = Verdict.HOLDS;
        } else {
            v = Verdict.UNRESOLVED;
        }
        String notes = String.format(Locale.ROOT, "weak order in eta %.3f, k*SE interval [%.3f, %.3f] against >= %.2g "
                + "(%.2g - %.2g); %s", fit.order(), lo, hi, alpha - tol, alpha, tol, st.describe());
        if (!fit.asymptotic()) {
            notes += "; not in the asymptotic regime: " + fit.regime();
        }
        return Outcome.of(v, fit.order(), alpha, fit.se(), 0, k, notes);
    }
}
