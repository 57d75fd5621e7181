package org.distsde.sim;

import java.util.Arrays;
import org.distsde.config.ExperimentConfig;

/**
 * Sums all agents in this thread, in the canonical block order (reference for the Spark layouts,
 * and the runs layout's aggregator inside a task). The agents' memory, when their kernel keeps
 * one, lives here: one array per summation block for the runs of the {@link #sum} calls,
 * allocated at the first round, checkpointed block by block ({@link #saveMemory}).
 */
public final class LocalAggregator implements Aggregator {
    private final AgentWorker worker;
    private final Blocks blocks;
    private double[] scratch;
    /** The agents' memory, agent-major over all N agents (block b is one contiguous slice); null without. */
    private double[] memory;
    private int memoryRuns = -1;

    public LocalAggregator(ExperimentConfig cfg) {
        this(new AgentWorker(cfg), new Blocks(cfg.agents(), cfg.layout().blocks(cfg.agents())));
    }

    public LocalAggregator(AgentWorker worker, Blocks blocks) {
        this.worker = worker;
        this.blocks = blocks;
    }

    @Override
    public void sum(long round, int runOffset, double[] x, double[] grads, double[] gn2, boolean[] active, double[] out) {
        if (scratch == null || scratch.length != out.length) {
            scratch = new double[out.length];
        }
        final double[] mem = memory(gn2.length);
        Arrays.fill(out, 0);
        if (blocks.blocks() == blocks.agents()) {
            // one agent per block: each block sum is 0 + mᵢ = mᵢ exactly, so folding the blocks is
            // adding the messages in agent order, which accumulate does in a single pass
            worker.accumulate(0, blocks.agents(), round, runOffset, x, grads, gn2, active, out, mem, 0);
            return;
        }
        for (int b = 0; b < blocks.blocks(); b++) {
            Arrays.fill(scratch, 0);
            worker.accumulate(blocks.start(b), blocks.start(b + 1), round, runOffset, x, grads, gn2, active, scratch,
                    mem, offset(b, gn2.length));
            Blocks.fold(out, scratch);
        }
    }

    /** The memory for R runs (allocated once, zeros), or null when the agents keep none. */
    private double[] memory(int runs) {
        if (worker.memoryVectors() == 0) {
            return null;
        }
        if (memory == null) {
            final long n = worker.memoryLength(0, blocks.agents(), runs);
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("the agents' memory of " + n + " values does not fit in one array");
            }
            memory = new double[(int) n];
            memoryRuns = runs;
        } else if (runs != memoryRuns) {
            throw new IllegalStateException("the agents' memory holds " + memoryRuns + " runs, not " + runs);
        }
        return memory;
    }

    private int offset(int b, int runs) {
        return (int) worker.memoryLength(0, blocks.start(b), runs);
    }

    @Override
    public boolean keepsMemory() {
        return worker.memoryVectors() > 0;
    }

    @Override
    public void saveMemory(long round, MemoryStore store) {
        if (memory == null) {
            return;
        }
        for (int b = 0; b < blocks.blocks(); b++) {
            final int o = offset(b, memoryRuns);
            store.write(round, b, Arrays.copyOfRange(memory, o, offset(b + 1, memoryRuns)));
        }
    }

    @Override
    public void loadMemory(long round, int runs, MemoryStore store) {
        if (worker.memoryVectors() == 0) {
            return;
        }
        final double[] mem = memory(runs);
        for (int b = 0; b < blocks.blocks(); b++) {
            final int o = offset(b, runs);
            final double[] m = store.read(round, b);
            if (m.length != offset(b + 1, runs) - o) {
                throw new IllegalStateException("checkpointed memory of block " + b + " has " + m.length
                        + " values, expected " + (offset(b + 1, runs) - o));
            }
            System.arraycopy(m, 0, mem, o, m.length);
        }
    }
}
