package org.distsde.optim;

import org.distsde.config.ExperimentConfig;
import org.distsde.config.OptimizerKind;
import org.distsde.sde.Sde;
import org.distsde.sim.AgentKernel;

/**
 * EF21 (Richtárik, Sokolov, Fatkhullin 2021, "EF21: A New, Simpler, Theoretically Better, and
 * Practically Faster Error Feedback", Algorithm 1; with stochastic gradients, EF21-SGD of
 * Fatkhullin et al. 2021): agent i keeps gᵢ and sends cᵢ = C(∇f_{γᵢ}(x) − gᵢ), gᵢ ← gᵢ + cᵢ; the
 * server steps x ← x − (ηηₜ/N)Σᵢ gᵢ, keeping the mean of the gᵢ by adding the mean cᵢ. C is any
 * contractive compressor (top-k, scaled sign, natural compression, random sparsification with
 * p &gt; 1/2). The kernel is shifted compression with α = 1 ({@link ShiftedMessages}); its SDE the
 * shifted-compression SDE at α = 1 (unbiased C with a linear second moment only). No theorem
 * here (their Theorem 1 is for deterministic gradients and L-smooth f, not in the seeds).
 */
public final class Ef21 implements Optimizer {
    private static final long serialVersionUID = 1L;
    public static final Ef21 INSTANCE = new Ef21();

    private Ef21() { }

    @Override public OptimizerKind kind() { return OptimizerKind.EF21; }

    @Override
    public AgentKernel kernel(ExperimentConfig cfg) {
        return Kernels.shifted(cfg, 1);
    }

    @Override
    public Sde sde(ExperimentConfig cfg) {
        return SdeInputs.shifted(cfg, 1);
    }

    @Override public Theorem theorem() { return Theorem.NONE; }

    private Object readResolve() { return INSTANCE; }
}
