package org.distsde.optim;

import java.util.List;
import org.distsde.config.AdaptiveSpec;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.SdeModel;
import org.distsde.sde.AdaptiveSde;
import org.distsde.sde.Sde;
import org.distsde.sim.AgentKernel;
import org.distsde.sim.ServerUpdate;

/**
 * The adaptive family of seed 000, Eq. 11, distributed: the agents send their stochastic
 * gradients (optionally compressed, as in DCSGD), the server averages them, ḡ = (1/N)Σᵢ mᵢ, and
 * applies
 * <pre>
 *   v ← β₂v + (1 − β₂)ḡ²,  m ← β₁m + (1 − β₁)ḡ,
 *   x ← x − lr·m̂/(√v̂ + ε) − lr·θ·x,   m̂ = m/(1 − β₁^{k+1}), v̂ = v/(1 − β₂^{k+1})
 * </pre>
 * with lr = η·ηₖ. RMSprop (Eq. 133–134) has no momentum (m = ḡ) and no bias correction; the W
 * variants decay the weights (decoupled, Eq. 156, 218); N = 1 is seed 000's setting. SDEs:
 * seed 000's ({@code full}: Eq. 131 / 158, Eq. 169–171 / 219–221) and Malladi et al.'s
 * ({@code malladi}: Eq. 228–229, 233–235), with the agents' average covariance Σ̃/N as in Eq. 8 / 27.
 */
public final class Adaptive implements Optimizer {
    private static final long serialVersionUID = 1L;
    public static final Adaptive RMSPROP = new Adaptive("rmsprop", false, false);
    public static final Adaptive RMSPROPW = new Adaptive("rmspropw", false, true);
    public static final Adaptive ADAM = new Adaptive("adam", true, false);
    public static final Adaptive ADAMW = new Adaptive("adamw", true, true);

    private final String id;
    private final boolean momentum;
    private final boolean decay;

    private Adaptive(String id, boolean momentum, boolean decay) {
        this.id = id;
        this.momentum = momentum;
        this.decay = decay;
    }

    @Override public String id() { return id; }
    @Override public boolean compresses() { return true; }
    @Override public Theorem theorem() { return Theorem.ADAPTIVE; }
    @Override public boolean adaptive() { return true; }
    @Override public boolean normalizes() { return false; }
    @Override public List<SdeModel> sdeModels() { return List.of(SdeModel.FULL, SdeModel.MALLADI); }
    @Override public AgentKernel kernel(ExperimentConfig cfg) {
        return Kernels.gradient(cfg); // correlated noise is refused for the adaptive optimizers
    }

    /** Adam(W): momentum β₁ with bias correction; RMSprop(W): neither (Eq. 133). */
    public boolean momentum() { return momentum; }

    /** The W variants: decoupled weight decay θ. */
    public boolean decay() { return decay; }

    /** The settings in force: β₁ = 0 without momentum, θ = 0 without decay. */
    public Settings settings(ExperimentConfig cfg) {
        final AdaptiveSpec a = cfg.adaptive();
        return new Settings(momentum ? a.beta1OrDefault() : 0, a.beta2OrDefault(), a.epsilonOrDefault(),
                decay ? a.thetaOrDefault() : 0, momentum, a.v0(cfg.buildObjective().dim()));
    }

    @Override
    public ServerUpdate server(ExperimentConfig cfg, int runs) {
        return new AdaptiveServer(settings(cfg), cfg.agents(), cfg.buildObjective().dim(), runs);
    }

    @Override
    public Sde sde(ExperimentConfig cfg) {
        return new AdaptiveSde(cfg, settings(cfg), cfg.sde().modelKind() == SdeModel.MALLADI);
    }

    /**
     * The hyperparameters of one series.
     *
     * @param beta1          β₁ (0: no momentum, m = ḡ)
     * @param beta2          β₂
     * @param epsilon        ε
     * @param theta          decoupled weight decay θ (0 without)
     * @param biasCorrection Adam's m̂, v̂ (RMSprop has none)
     * @param v0             the initial second moment per coordinate
     */
    public record Settings(double beta1, double beta2, double epsilon, double theta, boolean biasCorrection,
                           double[] v0) implements java.io.Serializable {
        /** ρ₁ = (1 − β₁)/η. */
        public double rho1(double eta) { return (1 - beta1) / eta; }

        /** ρ₂ = (1 − β₂)/η. */
        public double rho2(double eta) { return (1 - beta2) / eta; }
    }

    private Object readResolve() {
        return Optimizers.parse(id);
    }
}
