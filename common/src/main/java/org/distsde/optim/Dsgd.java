package org.distsde.optim;

import org.distsde.config.ExperimentConfig;
import org.distsde.config.OptimizerKind;
import org.distsde.sde.DsgdSde;
import org.distsde.sde.Sde;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.AgentKernel;
import org.distsde.sim.LearningRateConditions;

/** DSGD: mᵢ = ∇f(x) + Zᵢ(x), x ← x − (ηηₜ/N)Σmᵢ; SDE Eq. 8; condition Eq. 1 (Theorem 4). */
public final class Dsgd implements Optimizer {
    private static final long serialVersionUID = 1L;
    public static final Dsgd INSTANCE = new Dsgd();

    private Dsgd() { }

    @Override public OptimizerKind kind() { return OptimizerKind.DSGD; }

    @Override
    public AgentKernel kernel(ExperimentConfig cfg) {
        return Kernels.gradient(cfg);
    }

    @Override
    public Sde sde(ExperimentConfig cfg) {
        if (cfg.noise().correlated()) {
            return SdeInputs.correlated(cfg);
        }
        return switch (cfg.sde().modelKind()) {
            case MODIFIED, CURVATURE -> SdeInputs.higherOrder(cfg);
            default -> new DsgdSde(SdeInputs.drift(cfg), cfg.eta(), cfg.agents(), SdeInputs.covariance(cfg));
        };
    }

    @Override public Theorem theorem() { return Theorem.DSGD_4; }

    /** Eq. 1. */
    @Override
    public double ceiling(AgentAverages a, double l0, double l1, int d, double eps, double gradNorm) {
        return LearningRateConditions.dsgd(a, l0, l1, d, eps, gradNorm);
    }

    private Object readResolve() { return INSTANCE; }
}
