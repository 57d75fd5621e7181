package org.distsde.sim;

import org.distsde.config.DataSpec;
import org.distsde.config.ExperimentConfig;
import org.distsde.data.AgentSplit;
import org.distsde.data.Dataset;
import org.distsde.data.MinibatchGradients;
import org.distsde.objective.DataObjective;

/**
 * The agents of a data-defined objective: the rows dealt to the N agents by {@code objective.data.split}
 * (deterministic from the seed) and each agent's minibatch gradient on its own shard. Built in
 * every task from the configuration and the broadcast rows, so nothing per agent is shipped.
 */
public final class DataAgents {
    private DataAgents() { }

    /** The split of the series' rows over its agents. */
    public static AgentSplit split(ExperimentConfig cfg) {
        final DataSpec spec = cfg.objective().data();
        final Dataset data = spec.handle().dataset();
        return switch (spec.splitKind()) {
            case IID -> AgentSplit.iid(data.rows(), cfg.agents(), cfg.seed());
            case LABEL -> AgentSplit.label(data, cfg.agents(), cfg.seed());
            case DIRICHLET -> AgentSplit.dirichlet(data, cfg.agents(), spec.alpha(), cfg.seed());
        };
    }

    /** Every agent's minibatch gradient (B rows of its shard, drawn with replacement). */
    public static MinibatchGradients minibatches(ExperimentConfig cfg) {
        return new MinibatchGradients((DataObjective) cfg.buildObjective(), split(cfg), cfg.objective().data().batch());
    }

    /** True when some agent's noise model is not zero (the agents then add injected noise to their data gradients). */
    public static boolean injectsNoise(ExperimentConfig cfg) {
        for (int i = 0; i < (cfg.noise().homogeneous() ? 1 : cfg.agents()); i++) {
            final var m = cfg.noise().build(i, cfg.agents());
            if (m.scale(0, 0) != 0 || m.scale(0, 1) != 0) {
                return true;
            }
        }
        return false;
    }
}
