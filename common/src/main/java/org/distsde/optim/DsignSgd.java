package org.distsde.optim;

import org.distsde.config.ExperimentConfig;
import org.distsde.config.OptimizerKind;
import org.distsde.config.SdeModel;
import org.distsde.noise.AgentNoise;
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

    @Override public OptimizerKind kind() { return OptimizerKind.DSIGNSGD; }

    @Override
    public AgentKernel kernel(ExperimentConfig cfg) {
        return Kernels.sign(cfg);
    }

    /** Eq. 49–52; with correlated noise the full model has a matrix diffusion (phase1 has none, phase3 is refused). */
    @Override
    public Sde sde(ExperimentConfig cfg) {
        final AgentNoise noises = cfg.noise().agentNoise(cfg.agents());
        if (SdeInputs.shardGradients(cfg)) {
            return new ShardSignSde(SdeInputs.shards(cfg), cfg.eta(), noises); // each agent's own shard gradient
        }
        if (cfg.noise().correlated() && cfg.sde().modelKind() == SdeModel.FULL) {
            return new CorrelatedSignSde(cfg.buildObjective(), cfg.eta(), cfg.noise().correlationModel(),
                    cfg.noise().sigma0()[0], cfg.noise().sigma1()[0], SdeInputs.factors(cfg), cfg.agents());
        }
        return new DsignSde(cfg.buildObjective(), cfg.eta(), noises, cfg.sde().modelKind());
    }

    /** One sign bit per coordinate and agent. */
    @Override
    public double bitsPerRound(ExperimentConfig cfg) {
        return (double) cfg.buildObjective().dim() * cfg.agents();
    }

    @Override public Theorem theorem() { return Theorem.DSIGNSGD_7; }

    private Object readResolve() { return INSTANCE; }
}
