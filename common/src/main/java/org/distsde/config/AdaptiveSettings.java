package org.distsde.config;

import java.io.Serializable;

/**
 * The hyperparameters in force of one adaptive series (seed 000, Eq. 11), as the optimizer's
 * server and its SDEs use them: β₁ = 0 without momentum (RMSprop), θ = 0 without decay.
 *
 * @param beta1          β₁ (0: no momentum, m = ḡ)
 * @param beta2          β₂
 * @param epsilon        ε
 * @param theta          decoupled weight decay θ (0 without)
 * @param biasCorrection Adam's m̂, v̂ (RMSprop has none)
 * @param v0             the initial second moment per coordinate
 */
public record AdaptiveSettings(double beta1, double beta2, double epsilon, double theta, boolean biasCorrection,
                               double[] v0) implements Serializable {
    /** ρ₁ = (1 − β₁)/η. */
    public double rho1(double eta) {
        return (1 - beta1) / eta;
    }

    /** ρ₂ = (1 − β₂)/η. */
    public double rho2(double eta) {
        return (1 - beta2) / eta;
    }
}
