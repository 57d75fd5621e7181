package org.distsde.sde.refine;

import org.distsde.sim.RoundStats;

/** The per-path means that the theorem checks read, and that the Δt refinement must settle. */
public enum Statistic {
    LOSS_MEAN("loss_mean"),
    GRAD_NORM_SQ_MEAN("grad_norm_sq_mean"),
    PHI1("phi1"),
    PHI2("phi2"),
    INT_ETA_GRAD_NORM_SQ("int_eta_grad_norm_sq"),
    INT_ETA2_GRAD_NORM_SQ("int_eta2_grad_norm_sq");

    public static final int COUNT = values().length;
    private final String column;

    Statistic(String column) {
        this.column = column;
    }

    /** The metrics-table column. */
    public String column() {
        return column;
    }

    /** The value in a row. */
    public double of(RoundStats r) {
        return switch (this) {
            case LOSS_MEAN -> r.loss().mean();
            case GRAD_NORM_SQ_MEAN -> r.grad().normSqMean();
            case PHI1 -> r.integrals().phi1();
            case PHI2 -> r.integrals().phi2();
            case INT_ETA_GRAD_NORM_SQ -> r.integrals().etaGradNormSq();
            case INT_ETA2_GRAD_NORM_SQ -> r.integrals().eta2GradNormSq();
        };
    }
}
