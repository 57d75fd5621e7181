package org.distsde.sim;

import org.distsde.config.ExperimentConfig;
import org.distsde.noise.NoiseModel;

/**
 * The agents of one task: the series' optimizer's message kernel ({@link AgentKernel}), built
 * once per task and reused across rounds by the aggregators.
 */
public final class AgentWorker {
    private final AgentKernel kernel;

    public AgentWorker(ExperimentConfig cfg) {
        this.kernel = cfg.method().kernel(cfg);
    }

    /** The noise model of agent i. */
    public NoiseModel noise(int i) {
        return kernel.noise(i);
    }

    /** Adds the messages of agents [a0, a1) for every active run (runs start at global run 0). */
    public void accumulate(int a0, int a1, long round, double[] grads, double[] gn2, boolean[] active, double[] acc) {
        kernel.accumulate(a0, a1, round, 0, grads, gn2, active, acc);
    }

    /** See {@link AgentKernel#accumulate}. */
    public void accumulate(int a0, int a1, long round, int runOffset, double[] grads, double[] gn2, boolean[] active,
                           double[] acc) {
        kernel.accumulate(a0, a1, round, runOffset, grads, gn2, active, acc);
    }

    /** The dimension d. */
    public int dim() {
        return kernel.dim();
    }
}
