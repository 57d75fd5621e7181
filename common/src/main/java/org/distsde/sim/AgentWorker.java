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

    /** Adds the messages of agents [a0, a1) for every active run (runs start at global run 0; agents not holding data). */
    public void accumulate(int a0, int a1, long round, double[] grads, double[] gn2, boolean[] active, double[] acc) {
        kernel.accumulate(a0, a1, round, 0, null, grads, gn2, active, acc);
    }

    /** Adds the messages of agents [a0, a1) for every active run at iterates x (runs start at global run 0). */
    public void accumulate(int a0, int a1, long round, double[] x, double[] grads, double[] gn2, boolean[] active,
                           double[] acc) {
        kernel.accumulate(a0, a1, round, 0, x, grads, gn2, active, acc);
    }

    /** See {@link AgentKernel#accumulate(int, int, long, int, double[], double[], double[], boolean[], double[])}. */
    public void accumulate(int a0, int a1, long round, int runOffset, double[] x, double[] grads, double[] gn2,
                           boolean[] active, double[] acc) {
        kernel.accumulate(a0, a1, round, runOffset, x, grads, gn2, active, acc);
    }

    /** True when the messages depend on the iterates x themselves, not only on ∇f(x) (agents holding data). */
    public boolean needsIterates() {
        return kernel.needsIterates();
    }

    /** The dimension d. */
    public int dim() {
        return kernel.dim();
    }
}
