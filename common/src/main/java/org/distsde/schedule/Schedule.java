package org.distsde.schedule;

import java.io.Serializable;

/**
 * A predetermined learning-rate scheduler ηₜ; the actual learning rate is η·ηₜ (Section 4:
 * "we parametrize our learning rate as a product"). Evaluated at the iteration index k; the SDE
 * at time t uses k = t/η. Normalization by the gradient is kept apart ({@code StepRule}).
 */
public interface Schedule extends Serializable {
    /** ηₖ at iteration index k ≥ 0 (k may be fractional for SDE times). */
    double at(double k);

    /** The Robbins–Monro verdict for this schedule. */
    RobbinsMonro robbinsMonro();

    /** Short description. */
    String describe();

    /** ηₜ = 1. */
    static Schedule constant() {
        return new PowerDecay(0);
    }
}
