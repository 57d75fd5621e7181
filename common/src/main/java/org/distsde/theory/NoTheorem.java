package org.distsde.theory;

import java.util.List;

/**
 * The check of an optimizer without a theorem in seed 002 (the adaptive optimizers): no
 * condition, no bound, reported as not applicable with the reason.
 */
final class NoTheorem implements TheoremCheck {
    private final String optimizer;
    private final String reason;

    NoTheorem(String optimizer, String reason) {
        this.optimizer = optimizer;
        this.reason = reason;
    }

    @Override public String theorem() { return "no theorem (" + optimizer + ")"; }
    @Override public String conditionEquation() { return "-"; }
    @Override public double condition(double gradNorm) { return Double.POSITIVE_INFINITY; }
    @Override public boolean strictCondition() { return false; }
    @Override public TimeAverages.Weight weight() { return new TimeAverages.Weight(1, 0); }
    @Override public String weighting() { return "-"; }
    @Override public List<BoundForm> bounds() { return List.of(); }
    @Override public List<String> notes() { return List.of(); }
    @Override public String notApplicable() { return reason; }
}
