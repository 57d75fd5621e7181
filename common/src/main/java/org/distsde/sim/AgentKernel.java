package org.distsde.sim;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseSpec;
import org.distsde.noise.NoiseModel;
import org.distsde.rng.KeyedStream;

/**
 * The agents' side of one optimizer: computes the messages mᵢ of agents [a0, a1) for every active
 * run and adds them up ({@link #accumulate}). Subclasses are the optimizers' kernels; this base
 * holds what they share: the agents' noise models, one sampler per standard law, the keyed stream
 * (agent i's draws for run r at round k come from (seed, r, i, k)) and a per-round cache key.
 *
 * <p>One instance per task (not thread-safe); it holds only O(d) scratch besides the agents'
 * models, which are rebuilt from the configuration rather than shipped.
 */
public abstract class AgentKernel {
    protected final int d;
    protected final int agents;
    protected final NoiseSpec noiseSpec;
    /** The model of every agent when the noise is homogeneous, else null. */
    protected final NoiseModel shared;
    protected final KeyedStream rng;
    private final Map<String, ContinuousSampler> samplers = new HashMap<>();
    private long cRound = -1;
    private Object cInput;
    private int cOffset;

    protected AgentKernel(ExperimentConfig cfg) {
        this.d = cfg.buildObjective().dim();
        this.agents = cfg.agents();
        this.noiseSpec = cfg.noise();
        this.shared = noiseSpec.homogeneous() ? noiseSpec.build(0, agents) : null;
        this.rng = new KeyedStream(cfg.seed(), KeyedStream.Purpose.OPTIMIZER);
    }

    /**
     * Adds Σ_{i ∈ [a0, a1)} mᵢ(r) into {@code acc[r·d .. r·d+d)} for every active run r, summing
     * agents in increasing order; local run r is global run runOffset + r, which keys its streams.
     *
     * @param grads  ∇f(x_r) for all runs, flat [R·d]
     * @param gn2    ‖∇f(x_r)‖² for all runs
     * @param active runs still being simulated (diverged runs are skipped)
     * @param acc    accumulator [R·d]
     */
    public abstract void accumulate(int a0, int a1, long round, int runOffset, double[] grads, double[] gn2,
                                    boolean[] active, double[] acc);

    /**
     * As {@link #accumulate(int, int, long, int, double[], double[], boolean[], double[])}, given
     * also the runs' iterates x (flat [R·d]); kernels whose messages depend on x itself (agents
     * holding data) override this and {@link #needsIterates()}.
     */
    public void accumulate(int a0, int a1, long round, int runOffset, double[] x, double[] grads, double[] gn2,
                           boolean[] active, double[] acc) {
        accumulate(a0, a1, round, runOffset, grads, gn2, active, acc);
    }

    /** True when {@link #accumulate} reads the iterates x (then the aggregators must ship them). */
    public boolean needsIterates() {
        return false;
    }

    /** The noise model of agent i. */
    public final NoiseModel noise(int i) {
        return shared != null ? shared : noiseSpec.build(i, agents);
    }

    /** The sampler of m's standard law, drawing from {@link #rng}. */
    protected final ContinuousSampler sampler(NoiseModel m) {
        return samplers.computeIfAbsent(m.standardLaw(), k -> m.standardSampler(rng));
    }

    /**
     * True, and remembered, when (round, input array, run offset) differs from the last call: the
     * blocks of agents of one round share the round's arrays (not copies), so per-round values
     * are computed once for all of them.
     */
    protected final boolean newRound(long round, Object input, int runOffset) {
        if (round == cRound && input == cInput && runOffset == cOffset) {
            return false;
        }
        cRound = round;
        cInput = input;
        cOffset = runOffset;
        return true;
    }

    /** The dimension d. */
    public final int dim() {
        return d;
    }
}
