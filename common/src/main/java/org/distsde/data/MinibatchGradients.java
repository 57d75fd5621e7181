package org.distsde.data;

import org.apache.commons.rng.UniformRandomProvider;
import org.distsde.objective.DataObjective;
import org.distsde.sim.AgentGradients;

/**
 * Agent i's stochastic gradient: the average gradient over B rows drawn uniformly <em>with
 * replacement</em> from its own shard. With replacement, the B draws are iid, so the minibatch
 * gradient is an unbiased estimate of the shard's full gradient with covariance Σᵢ(x)/B exactly
 * (Σᵢ the per-row gradient covariance over the shard) for any B, including B larger than the
 * shard; sampling without replacement would shrink it by the finite-population factor
 * (nᵢ − B)/(nᵢ − 1). Thread-safe: the row indices go to a per-thread buffer.
 */
public final class MinibatchGradients implements AgentGradients {
    private final DataObjective objective;
    private final AgentSplit split;
    private final int[] rows;
    private final int batch;
    private final ThreadLocal<int[]> picks;

    /**
     * @param batch B ≥ 1
     * @throws IllegalArgumentException if B &lt; 1, the split is over another number of rows, or an agent has no rows
     */
    public MinibatchGradients(DataObjective objective, AgentSplit split, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1 (got " + batch + ")");
        }
        if (split.size() != objective.data().rows()) {
            throw new IllegalArgumentException("split is over " + split.size() + " rows, the dataset has "
                    + objective.data().rows());
        }
        for (int i = 0; i < split.agents(); i++) {
            if (split.shardSize(i) == 0) {
                throw new IllegalArgumentException("agent " + i + " owns no rows: use a split with minRows >= 1");
            }
        }
        this.objective = objective;
        this.split = split;
        this.rows = split.rows();
        this.batch = batch;
        this.picks = ThreadLocal.withInitial(() -> new int[batch]);
    }

    /** B. */
    public int batch() { return batch; }

    public AgentSplit split() { return split; }

    @Override public int agents() { return split.agents(); }

    @Override public int dim() { return objective.dim(); }

    @Override
    public void sample(int agent, double[] x, int off, UniformRandomProvider rng, double[] out) {
        final int[] pick = picks.get();
        final int start = split.start(agent), size = split.shardSize(agent);
        for (int b = 0; b < batch; b++) {
            pick[b] = rows[start + rng.nextInt(size)];
        }
        objective.minibatchGradient(x, off, pick, 0, batch, out, 0);
    }

    /** The full gradient of agent i's shard, ∇fᵢ(x) = (1/nᵢ) Σ_{r in shard i} ∇ℓ(x; r), into out[0 .. d). */
    public void shardGradient(int agent, double[] x, int off, double[] out) {
        objective.minibatchGradient(x, off, rows, split.start(agent), split.end(agent), out, 0);
    }
}
