package org.distsde.verify.check;

import java.io.Serializable;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.RoundStats;

/**
 * A per-row quantity a stationary value is averaged from: the loss mean, the variance over the runs
 * of coordinate j, or f(x) = ½Σⱼhⱼxⱼ² of a quadratic other than the objective (Eq. 16 reports f without
 * the L² regulariser: from the recorded coordinate means and variances, E xⱼ² = mean² + var).
 */
public interface Quantity extends Serializable {
    double of(RoundStats r, ExperimentConfig c);

    /** What it is, for the notes. */
    String describe();

    /** Its stationary value on the optimizer of a series ({@link org.distsde.verify.TimeWindow#lastHalf}). */
    default org.distsde.verify.TimeWindow stationary(org.distsde.verify.Evidence e) {
        return org.distsde.verify.TimeWindow.lastHalf(e.optimizer(), r -> of(r, e.config()));
    }

    static Quantity loss() {
        return new Quantity() {
            @Override public double of(RoundStats r, ExperimentConfig c) { return r.loss().mean(); }
            @Override public String describe() { return "E f"; }
        };
    }

    static Quantity variance(int j) {
        return new Quantity() {
            @Override public double of(RoundStats r, ExperimentConfig c) { return r.x().var()[j]; }
            @Override public String describe() { return "Var[x" + (j + 1) + "]"; }
        };
    }

    /** ½Σⱼhⱼ(E xⱼ)² + ½Σⱼhⱼ Var xⱼ (needs recordCoordinates = d). */
    static Quantity quadratic(double[] h) {
        final double[] hh = h.clone();
        return new Quantity() {
            @Override
            public double of(RoundStats r, ExperimentConfig c) {
                double s = 0;
                for (int j = 0; j < hh.length; j++) {
                    s += hh[j] * (r.x().mean()[j] * r.x().mean()[j] + r.x().var()[j]) / 2;
                }
                return s;
            }

            @Override public String describe() { return "f = sum h_j E x_j^2 / 2 with h = " + java.util.Arrays.toString(hh); }
        };
    }
}
