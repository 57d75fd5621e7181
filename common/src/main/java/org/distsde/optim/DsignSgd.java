package org.distsde.optim;

import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.GradientSource;
import org.distsde.config.SdeModel;
import org.distsde.sde.CorrelatedSignSde;
import org.distsde.sde.DsignSde;
import org.distsde.sde.ShardSignSde;
import org.distsde.sde.Sde;
import org.distsde.sim.AgentKernel;

/**
 * DSignSGD: mᵢ = sign(∇f(x) + Zᵢ(x)); SDE Eq. 49–52 and seed 000's phase SDEs (Lemma 3.4);
 * Theorem 7 (its condition needs ℓ_ν, computed by the theorem check).
 */
public final class DsignSgd implements Optimizer {
    private static final long serialVersionUID = 1L;
    public static final DsignSgd INSTANCE = new DsignSgd();

    private DsignSgd() { }

    @Override public String id() { return "dsignsgd"; }

    @Override
    public AgentKernel kernel(ExperimentConfig cfg) {
        return Kernels.sign(cfg);
    }

    /** Eq. 49–52; with correlated noise the full model has a matrix diffusion (phase1 has none, phase3 is refused). */
    @Override
    public Sde sde(ExperimentConfig cfg) {
        if (cfg.objective().dataDefined() && cfg.objective().data().gradientKind() == GradientSource.LOCAL) {
            return new ShardSignSde(cfg); // each agent's own shard gradient
        }
        return cfg.noise().correlated() && cfg.sde().modelKind() == SdeModel.FULL ? new CorrelatedSignSde(cfg)
                : new DsignSde(cfg);
    }

    @Override public List<SdeModel> sdeModels() { return List.of(SdeModel.FULL, SdeModel.PHASE3, SdeModel.PHASE1); }
    @Override public Theorem theorem() { return Theorem.DSIGNSGD_7; }
    @Override public boolean correlatedNoise() { return true; }

    private Object readResolve() { return INSTANCE; }
}
