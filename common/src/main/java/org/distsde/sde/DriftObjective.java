package org.distsde.sde;

import org.distsde.config.ExperimentConfig;
import org.distsde.config.GradientSource;
import org.distsde.data.ShardMean;
import org.distsde.objective.DataObjective;
import org.distsde.objective.Objective;
import org.distsde.sim.DataAgents;

/** The function whose gradient the SDEs' drift follows: f, or for agents sending their shards' gradients, F̄ ({@link ShardMean}). */
final class DriftObjective {
    private DriftObjective() { }

    static Objective of(ExperimentConfig cfg) {
        if (cfg.objective().dataDefined() && cfg.objective().data().gradientKind() == GradientSource.LOCAL) {
            return new ShardMean((DataObjective) cfg.buildObjective(), DataAgents.split(cfg));
        }
        return cfg.buildObjective();
    }
}
