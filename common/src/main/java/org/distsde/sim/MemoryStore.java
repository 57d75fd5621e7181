package org.distsde.sim;

import java.io.Serializable;

/**
 * Where the agents' memory ({@link AgentKernel#memoryVectors()}) is checkpointed: one array per
 * summation block and round, written and read wherever the block lives (a task on an executor,
 * the driver), so a store must be serializable and reachable from the tasks (the jobs use the
 * Hadoop file system next to the run's checkpoint). Keyed by block, not by partition: a resume
 * with another number of partitions reads the same blocks.
 */
public interface MemoryStore extends Serializable {
    /** Writes the memory of summation block {@code block} at the start of round {@code round} (atomically). */
    void write(long round, int block, double[] memory);

    /** The memory written by {@link #write}; an {@link IllegalStateException} when there is none. */
    double[] read(long round, int block);

    /** Deletes every round's memory but {@code round}'s (once a checkpoint at that round is committed). */
    void keepOnly(long round);
}
