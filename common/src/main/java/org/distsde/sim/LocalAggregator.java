package org.distsde.sim;

import java.util.Arrays;
import org.distsde.config.ExperimentConfig;

/** Sums all agents in this thread, in the canonical block order (reference for the Spark layouts). */
public final class LocalAggregator implements Aggregator {
    private final AgentWorker worker;
    private final Blocks blocks;
    private double[] scratch;

    public LocalAggregator(ExperimentConfig cfg) {
        this.worker = new AgentWorker(cfg);
        this.blocks = new Blocks(cfg.agents(), cfg.layout().blocks(cfg.agents()));
    }

    @Override
    public void sum(long round, int runOffset, double[] x, double[] grads, double[] gn2, boolean[] active, double[] out) {
        if (scratch == null || scratch.length != out.length) {
            scratch = new double[out.length];
        }
        Arrays.fill(out, 0);
        if (blocks.blocks() == blocks.agents()) {
            // one agent per block: each block sum is 0 + mᵢ = mᵢ exactly, so folding the blocks is
            // adding the messages in agent order, which accumulate does in a single pass
            worker.accumulate(0, blocks.agents(), round, runOffset, x, grads, gn2, active, out);
            return;
        }
        for (int b = 0; b < blocks.blocks(); b++) {
            Arrays.fill(scratch, 0);
            worker.accumulate(blocks.start(b), blocks.start(b + 1), round, runOffset, x, grads, gn2, active, scratch);
            Blocks.fold(out, scratch);
        }
    }
}
