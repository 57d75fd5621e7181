package org.distsde.optim;

import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.SdeModel;
import org.distsde.sde.CorrelatedGradientSde;
import org.distsde.sde.DcsgdSde;
import org.distsde.sde.GradientSdeModels;
import org.distsde.sde.Sde;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.AgentKernel;
import org.distsde.sim.LearningRateConditions;

/**
 * DCSGD: mᵢ = C_{ξᵢ}(∇f(x) + Zᵢ(x)) with an unbiased compressor; SDE Eq. 27–28; condition Eq. 5
 * (Theorem 6; Eq. 3 of Theorem 5 at σ1 = 0).
 */
public final class Dcsgd implements Optimizer {
    private static final long serialVersionUID = 1L;
    public static final Dcsgd INSTANCE = new Dcsgd();

    private Dcsgd() { }

    @Override public String id() { return "dcsgd"; }

    @Override
    public AgentKernel kernel(ExperimentConfig cfg) {
        return Kernels.gradient(cfg);
    }

    @Override
    public Sde sde(ExperimentConfig cfg) {
        if (cfg.noise().correlated()) {
            return new CorrelatedGradientSde(cfg);
        }
        return cfg.sde().modelKind() == SdeModel.FULL ? new DcsgdSde(cfg) : GradientSdeModels.of(cfg);
    }

    @Override public List<SdeModel> sdeModels() { return List.of(SdeModel.FULL, SdeModel.MODIFIED, SdeModel.CURVATURE); }
    @Override public boolean compresses() { return true; }
    @Override public boolean hasCeiling() { return true; }
    @Override public boolean correlatedNoise() { return true; }

    /** Eq. 5. */
    @Override
    public double ceiling(AgentAverages a, double l0, double l1, int d, double eps, double gradNorm) {
        return LearningRateConditions.dcsgd(a, l0, l1, d, eps, gradNorm);
    }

    private Object readResolve() { return INSTANCE; }
}
