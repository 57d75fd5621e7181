package org.distsde.theory;

import java.io.Serializable;
import java.util.List;
import org.distsde.sim.AgentAverages;

/**
 * One theorem's learning-rate condition and bound(s): {@link DsgdCheck} (Theorem 4),
 * {@link DcsgdCheck} (Theorems 5 and 6), {@link DsignSgdCheck} (Theorem 7). Built by
 * {@link TheoremChecker} from the series' config; the time averages are in {@link TimeAverages}
 * and the verdicts in {@link Verdict}.
 */
public interface TheoremCheck {
    /** The constants every check uses: agent averages, (L0, L1), d, N, η, ε. */
    record Setting(AgentAverages averages, double l0, double l1, int d, long agents, double eta, double epsilon)
            implements Serializable { }

    /**
     * One bound (gap + noise·φ²)/(d1·φ¹ − d2·φ²) on the weighted E‖∇f(X_t̂)‖²; {@code primary}: the
     * one the report's verdict uses; {@code formula}: the constant as written out for the reader.
     */
    record BoundForm(String equation, String label, boolean primary, double noise, double d1, double d2,
                     String formula) implements Serializable {
        /** The bound at (φ¹, φ²), NaN where its denominator is ≤ 0 (vacuous). */
        public double value(double phi1, double phi2, double gap) {
            final double den = d1 * phi1 - d2 * phi2;
            return den > 0 ? (gap + noise * phi2) / den : Double.NaN;
        }
    }

    /** E.g. "Theorem 4". */
    String theorem();

    /** E.g. "Eq. 1". */
    String conditionEquation();

    /** The largest ηηₜ the condition allows at gradient norm g (E‖∇f‖ or a path's ‖∇f‖). */
    double condition(double gradNorm);

    /** True when the condition is strict (&lt;), false for ≤. */
    boolean strictCondition();

    /** The weight of the random time t̂. */
    TimeAverages.Weight weight();

    /** The weight as text. */
    String weighting();

    /** The bounds, the primary one first. */
    List<BoundForm> bounds();

    /** The primary bound. */
    default BoundForm bound() {
        return bounds().get(0);
    }

    /** Assumptions and remarks (ε source, ℓ_ν, errata). */
    List<String> notes();

    /** Why the theorem does not apply; empty when it does. */
    String notApplicable();
}
