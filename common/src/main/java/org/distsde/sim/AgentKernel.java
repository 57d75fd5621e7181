package org.distsde.sim;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.noise.AgentNoise;
import org.distsde.noise.NoiseModel;
import org.distsde.rng.GaussianBlocks;
import org.distsde.rng.KeyedStream;

/**
 * The agents' side of one optimizer: computes the messages mᵢ of agents [a0, a1) for every active
 * run and adds them up ({@link #accumulate}). Subclasses are the optimizers' kernels; this base
 * holds what they share: the agents' noise models, one sampler per standard law, the keyed stream
 * (agent i's draws for run r at round k come from (seed, r, i, k)), the counter-based source of
 * the Gaussians and uniforms ({@link #blocks}) and a per-round cache key.
 *
 * <p><b>Keys.</b> Gaussian noise (and the uniforms of CDF sign sampling) come from
 * {@link GaussianBlocks} at key (seed, {@code OPTIMIZER}, 0, agent i, round k), counter
 * R·w + s for global run R and slot s of the w values a run needs (w = d for coordinate-wise
 * noise): a block of runs is one contiguous range of counters, and the numbers do not depend on
 * how the runs are blocked. Everything else — a compressor's own draws, Student-t and α-stable
 * noise, minibatch rows — comes from the {@link KeyedStream} at (run, agent, round).
 *
 * <p><b>Memory.</b> A kernel may keep {@link #memoryVectors()} vectors of d per agent and run
 * between rounds (error feedback's residual eᵢ). It does not own them: the aggregator that calls it
 * does, wherever the agents live (the task of a block of runs, the executor holding a block of
 * agents, the driver's reference), and passes them to {@link #accumulate(int, int, long, int,
 * double[], double[], double[], boolean[], double[], double[], int)}, which updates them in place.
 * The memory of agents [a0, a1) for R runs is laid out agent-major: agent i, run r, vector v at
 * {@code memOff + (((i − a0)·R + r)·V + v)·d}, all zeros before round 0.
 *
 * <p>One instance per task (not thread-safe); it holds only O(d) scratch besides the agents'
 * models, which are rebuilt from their parameters rather than shipped.
 */
public abstract class AgentKernel {
    protected final int d;
    protected final int agents;
    protected final AgentNoise noises;
    /** The model of every agent when the noise is homogeneous, else null. */
    protected final NoiseModel shared;
    protected final KeyedStream rng;
    /** The counter-based Gaussians and uniforms (see the class comment). */
    protected final GaussianBlocks blocks;
    private final Map<String, ContinuousSampler> samplers = new HashMap<>();
    private long cRound = -1;
    private Object cInput;
    private int cOffset;
    private int lastAgent = -1;
    private NoiseModel lastModel;

    /**
     * @param d      the dimension
     * @param noises the agents' noise models
     * @param seed   the experiment seed (the optimizer's streams are keyed under it)
     */
    protected AgentKernel(int d, AgentNoise noises, long seed) {
        this.d = d;
        this.agents = noises.agents();
        this.noises = noises;
        this.shared = noises.homogeneous() ? noises.of(0) : null;
        this.rng = new KeyedStream(seed, KeyedStream.Purpose.OPTIMIZER);
        this.blocks = new GaussianBlocks(seed, KeyedStream.Purpose.OPTIMIZER);
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

    /**
     * The entry the aggregators call: as above, with the memory of agents [a0, a1) (null for a
     * kernel without memory; layout in the class comment), which a kernel with memory reads and
     * updates in place.
     */
    public void accumulate(int a0, int a1, long round, int runOffset, double[] x, double[] grads, double[] gn2,
                           boolean[] active, double[] acc, double[] memory, int memOff) {
        accumulate(a0, a1, round, runOffset, x, grads, gn2, active, acc);
    }

    /** True when {@link #accumulate} reads the iterates x (then the aggregators must ship them). */
    public boolean needsIterates() {
        return false;
    }

    /** Vectors of d each agent keeps per run between rounds (0: no memory). */
    public int memoryVectors() {
        return 0;
    }

    /** The noise model of agent i (the last heterogeneous one is kept: callers go agent by agent). */
    public final NoiseModel noise(int i) {
        if (shared != null) {
            return shared;
        }
        if (i != lastAgent) {
            lastModel = noises.of(i);
            lastAgent = i;
        }
        return lastModel;
    }

    /** The keyed stream the agents draw from (positioned by the kernel at (run, agent, round)). */
    public final KeyedStream stream() {
        return rng;
    }

    /** The counter-based source of the agents' Gaussians and uniforms (keys in the class comment). */
    public final GaussianBlocks blocks() {
        return blocks;
    }

    /** The sampler of m's standard law, drawing from {@link #stream()}. */
    public final ContinuousSampler sampler(NoiseModel m) {
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
