package org.distsde.sim;

import org.distsde.config.ExperimentConfig;
import org.distsde.noise.NoiseModel;
import org.distsde.optim.Optimizers;

/**
 * The agents of one task: the series' optimizer's message kernel ({@link AgentKernel}), built
 * once per task and reused across rounds by the aggregators.
 */
public final class AgentWorker {
    private final AgentKernel kernel;

    public AgentWorker(ExperimentConfig cfg) {
        this(Optimizers.of(cfg).kernel(cfg));
    }

    public AgentWorker(AgentKernel kernel) {
        this.kernel = kernel;
    }

    /** The noise model of agent i. */
    public NoiseModel noise(int i) {
        return kernel.noise(i);
    }

    /** Adds the messages of agents [a0, a1) for every active run (runs start at global run 0; agents not holding data). */
    public void accumulate(int a0, int a1, long round, double[] grads, double[] gn2, boolean[] active, double[] acc) {
        accumulate(a0, a1, round, 0, null, grads, gn2, active, acc);
    }

    /** Adds the messages of agents [a0, a1) for every active run at iterates x (runs start at global run 0). */
    public void accumulate(int a0, int a1, long round, double[] x, double[] grads, double[] gn2, boolean[] active,
                           double[] acc) {
        accumulate(a0, a1, round, 0, x, grads, gn2, active, acc);
    }

    /** See {@link AgentKernel#accumulate(int, int, long, int, double[], double[], double[], boolean[], double[])}. */
    public void accumulate(int a0, int a1, long round, int runOffset, double[] x, double[] grads, double[] gn2,
                           boolean[] active, double[] acc) {
        if (kernel.memoryVectors() > 0) {
            throw new IllegalStateException("the agents of this optimizer keep memory: pass it (accumulate with memory)");
        }
        kernel.accumulate(a0, a1, round, runOffset, x, grads, gn2, active, acc, null, 0);
    }

    /**
     * As above, with the memory of agents [a0, a1) for the R = gn2.length runs (layout in
     * {@link AgentKernel}), updated in place; null when {@link #memoryVectors()} is 0.
     */
    public void accumulate(int a0, int a1, long round, int runOffset, double[] x, double[] grads, double[] gn2,
                           boolean[] active, double[] acc, double[] memory, int memOff) {
        kernel.accumulate(a0, a1, round, runOffset, x, grads, gn2, active, acc, memory, memOff);
    }

    /** True when the messages depend on the iterates x themselves, not only on ∇f(x) (agents holding data). */
    public boolean needsIterates() {
        return kernel.needsIterates();
    }

    /** Vectors of d each agent keeps per run between rounds (0: none). */
    public int memoryVectors() {
        return kernel.memoryVectors();
    }

    /** Memory values of agents [a0, a1) for R runs: (a1 − a0)·R·V·d. */
    public long memoryLength(int a0, int a1, int runs) {
        return (long) (a1 - a0) * runs * memoryVectors() * kernel.dim();
    }

    /** The dimension d. */
    public int dim() {
        return kernel.dim();
    }
}
