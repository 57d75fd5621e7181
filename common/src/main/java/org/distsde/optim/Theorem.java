package org.distsde.optim;

/**
 * Which theorem an optimizer is checked against ({@link Optimizer#theorem()}); the checks
 * ({@code theory.TheoremChecker}) map every constant with an exhaustive switch, so an optimizer
 * added without a case does not compile there rather than being checked against the wrong theorem.
 */
public enum Theorem {
    /** DSGD: Theorem 4 of seed 002 (condition Eq. 1, bound Eq. 2). */
    DSGD_4,
    /** DCSGD: Theorems 5 and 6 of seed 002 (conditions Eq. 3, 5; bounds Eq. 4, 6). */
    DCSGD_5_6,
    /** DSignSGD: Theorem 7 of seed 002. */
    DSIGNSGD_7,
    /** RMSprop(W), Adam(W): no theorem of seed 002; seed 000's closed forms on quadratics (drawn by the report). */
    ADAPTIVE,
    /** No theorem in either seed (error feedback). */
    NONE
}
