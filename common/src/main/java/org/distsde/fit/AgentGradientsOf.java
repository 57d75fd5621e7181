package org.distsde.fit;

import org.distsde.config.ExperimentConfig;
import org.distsde.sim.AgentGradients;

/**
 * The agents' gradient sampler of a config: the one place that decides where the agents'
 * stochastic gradients come from.
 */
public final class AgentGradientsOf {
    private AgentGradientsOf() { }

    /**
     * The sampler of {@code cfg}'s agents. Today every objective is synthetic: ∇f(x) + Zᵢ(x) from the
     * config's objective and noise ({@link SyntheticGradients}). A data-defined objective (agent i's
     * minibatch gradients on its own shard) is to be returned here, from its config section, instead.
     */
    public static AgentGradients of(ExperimentConfig cfg) {
        return new SyntheticGradients(cfg);
    }
}
