package org.distsde.optim;

import java.util.function.Function;
import org.distsde.compress.AgentCompressors;
import org.distsde.compress.Compressor;
import org.distsde.noise.AgentNoise;
import org.distsde.sim.AgentKernel;

/**
 * A kernel whose agents keep one vector of d per run between rounds (EF-SGD's residual eᵢ, EF21's
 * gᵢ, DIANA's shift hᵢ; {@link AgentKernel}'s memory): the loop over the agents [a0, a1) and the
 * active runs, with the stream at (run, agent, round) and the offsets of the run's messages and of
 * the agent's memory, calling {@link #message} for each. Agents in increasing order, runs in
 * increasing order within an agent, as every kernel sums them.
 */
abstract class MemoryKernel extends DrawingKernel {
    private final String memoryName;

    /** @param memoryName what the memory is, for the message when a caller omits it */
    MemoryKernel(int d, AgentNoise noises, long seed, AgentCompressors compressors,
                 Function<AgentKernel, GradientDraws> draws, String memoryName) {
        super(d, noises, seed, compressors, draws);
        this.memoryName = memoryName;
    }

    @Override
    public final int memoryVectors() {
        return 1;
    }

    @Override
    public final void accumulate(int a0, int a1, long round, int runOffset, double[] grads, double[] gn2,
                                 boolean[] active, double[] acc) {
        throw new IllegalStateException("this kernel needs its agents' " + memoryName + " (the memory argument)");
    }

    @Override
    public final void accumulate(int a0, int a1, long round, int runOffset, double[] x, double[] grads, double[] gn2,
                                 boolean[] active, double[] acc, double[] memory, int memOff) {
        if (memory == null) {
            throw new IllegalStateException("this kernel needs its agents' " + memoryName + " (the memory argument)");
        }
        final int runs = gn2.length;
        for (int i = a0; i < a1; i++) {
            final Compressor comp = compressor(i);
            for (int r = 0; r < runs; r++) {
                if (!active[r]) {
                    continue;
                }
                rng.at(runOffset + r, i, round);
                final int off = r * d;
                message(comp, i, x, grads, off, gn2[r], acc, memory, memOff + ((i - a0) * runs + r) * d);
            }
        }
    }

    /**
     * Agent i's message for the run whose gradient is {@code grads[off .. off+d)}: added into
     * {@code acc[off ..)}, its memory at {@code memory[e .. e+d)} read and updated in place; the
     * stream is at the agent's key.
     */
    abstract void message(Compressor comp, int i, double[] x, double[] grads, int off, double gn2, double[] acc,
                          double[] memory, int e);
}
