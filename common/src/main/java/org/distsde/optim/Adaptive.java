package org.distsde.optim;

import org.distsde.config.AdaptiveSettings;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.OptimizerKind;
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
    public static final Adaptive RMSPROP = new Adaptive(OptimizerKind.RMSPROP);
    public static final Adaptive RMSPROPW = new Adaptive(OptimizerKind.RMSPROPW);
    public static final Adaptive ADAM = new Adaptive(OptimizerKind.ADAM);
    public static final Adaptive ADAMW = new Adaptive(OptimizerKind.ADAMW);

    private final OptimizerKind kind;

    private Adaptive(OptimizerKind kind) {
        this.kind = kind;
    }

    @Override public OptimizerKind kind() { return kind; }
    @Override public Theorem theorem() { return Theorem.ADAPTIVE; }
    @Override public AgentKernel kernel(ExperimentConfig cfg) {
        return Kernels.gradient(cfg); // correlated noise is refused for the adaptive optimizers
    }

    /** Adam(W): momentum β₁ with bias correction; RMSprop(W): neither (Eq. 133). */
    public boolean momentum() { return kind.momentum(); }

    /** The W variants: decoupled weight decay θ. */
    public boolean decay() { return kind.decay(); }

    /** The settings in force: β₁ = 0 without momentum, θ = 0 without decay. */
    public AdaptiveSettings settings(ExperimentConfig cfg) {
        return cfg.adaptive().settings(kind, cfg.buildObjective().dim());
    }

    @Override
    public ServerUpdate server(ExperimentConfig cfg, int runs) {
        return new AdaptiveServer(settings(cfg), cfg.agents(), cfg.buildObjective().dim(), runs);
    }

    @Override
    public Sde sde(ExperimentConfig cfg) {
        return new AdaptiveSde(SdeInputs.drift(cfg), cfg.eta(), cfg.agents(), SdeInputs.covariance(cfg), settings(cfg),
                cfg.sde().modelKind() == SdeModel.MALLADI);
    }

    private Object readResolve() {
        return Optimizers.of(kind);
    }
}
