package org.distsde.optim;

import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.SdeModel;
import org.distsde.sde.CorrelatedGradientSde;
import org.distsde.sde.DsgdSde;
import org.distsde.sde.GradientSdeModels;
import org.distsde.sde.Sde;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.AgentKernel;
import org.distsde.sim.LearningRateConditions;

/** DSGD: mᵢ = ∇f(x) + Zᵢ(x), x ← x − (ηηₜ/N)Σmᵢ; SDE Eq. 8; condition Eq. 1 (Theorem 4). */
public final class Dsgd implements Optimizer {
    private static final long serialVersionUID = 1L;
    public static final Dsgd INSTANCE = new Dsgd();

    private Dsgd() { }

    @Override public String id() { return "dsgd"; }

    @Override
    public AgentKernel kernel(ExperimentConfig cfg) {
        return Kernels.gradient(cfg);
    }

    @Override
    public Sde sde(ExperimentConfig cfg) {
        if (cfg.noise().correlated()) {
            return new CorrelatedGradientSde(cfg);
        }
        return cfg.sde().modelKind() == SdeModel.FULL ? new DsgdSde(cfg) : GradientSdeModels.of(cfg);
    }

    @Override public List<SdeModel> sdeModels() { return List.of(SdeModel.FULL, SdeModel.MODIFIED, SdeModel.CURVATURE); }
    @Override public boolean hasCeiling() { return true; }
    @Override public boolean correlatedNoise() { return true; }

    /** Eq. 1. */
    @Override
    public double ceiling(AgentAverages a, double l0, double l1, int d, double eps, double gradNorm) {
        return LearningRateConditions.dsgd(a, l0, l1, d, eps, gradNorm);
    }

    private Object readResolve() { return INSTANCE; }
}
