package org.distsde.theory;

/**
 * Batch-size scaling rules for Adam(W) and RMSprop(W) (seed 000, Lemma 3.13 / C.56, Lemma C.39,
 * C.44, C.50 and Appendix F.8): when the batch grows from B to B̃ = δB, how to rescale
 * (η, β₁, β₂, θ). The SDE time is kept in units of the original η, so β = 1 − ηρ and ρ̃ = αρ give
 * β̃ = 1 − α(1 − β), and the X-dynamics is sped up by κ = η̃/η.
 */
public final class ScalingRules {
    private ScalingRules() { }

    /**
     * AdamW hyperparameters (RMSprop(W) reads β₂ as its β and ignores β₁; Adam and RMSprop have
     * θ = 0).
     *
     * @param eta   learning rate η
     * @param batch batch size B
     * @param beta1 momentum β₁
     * @param beta2 second-moment decay β₂
     * @param theta decoupled weight decay θ
     */
    public record Hyper(double eta, double batch, double beta1, double beta2, double theta) {
    }

    /**
     * A rescaled set of hyperparameters with the factors of Corollary C.55: η̃ = κη, B̃ = δB,
     * β̃ᵢ = 1 − αᵢ(1 − βᵢ), θ̃ = ξθ.
     */
    public record Scaled(Hyper hyper, double kappa, double delta, double alpha, double xi) {
    }

    /**
     * The novel rule of Lemma 3.13 / C.56: κ = √δ, ξ = κ (preserves Eq. 15), αᵢ = κ (preserves the
     * relative speeds of M_t, V_t and X_t), i.e. η̃ = √δη, B̃ = δB, β̃ᵢ = 1 − √δ(1 − βᵢ), θ̃ = √δθ.
     */
    public static Scaled novel(Hyper h, double delta) {
        final double kappa = Math.sqrt(delta);
        return scale(h, kappa, delta, kappa, kappa);
    }

    /**
     * The novel rule with θ left unchanged ("AdamW NR" of Figure 5): η̃ = √δη, B̃ = δB,
     * β̃ᵢ = 1 − √δ(1 − βᵢ), θ̃ = θ; it does not preserve Eq. 15 when θ &gt; 0.
     */
    public static Scaled novelNotRescaled(Hyper h, double delta) {
        final double kappa = Math.sqrt(delta);
        return scale(h, kappa, delta, kappa, 1);
    }

    /**
     * The rule of Malladi et al. (2022) as recalled in Section 3.2 and Appendix F.8: η̃ = √δη,
     * B̃ = δB, β̃ᵢ = 1 − κ²(1 − βᵢ) = 1 − δ(1 − βᵢ), θ unchanged (the rule has no weight decay).
     */
    public static Scaled malladi(Hyper h, double delta) {
        final double kappa = Math.sqrt(delta);
        return scale(h, kappa, delta, kappa * kappa, 1);
    }

    /**
     * η̃ = κη, B̃ = δB, β̃ᵢ = 1 − α(1 − βᵢ), θ̃ = ξθ; rejects α(1 − βᵢ) &gt; 1, where β̃ᵢ would be
     * negative.
     */
    public static Scaled scale(Hyper h, double kappa, double delta, double alpha, double xi) {
        final Hyper t = new Hyper(kappa * h.eta(), delta * h.batch(), beta(h.beta1(), alpha),
                beta(h.beta2(), alpha), xi * h.theta());
        return new Scaled(t, kappa, delta, alpha, xi);
    }

    private static double beta(double beta, double alpha) {
        final double b = 1 - alpha * (1 - beta);
        if (b < 0) {
            throw new IllegalArgumentException("rescaled beta " + b + " < 0 (beta " + beta + ", factor " + alpha + ")");
        }
        return b;
    }
}
