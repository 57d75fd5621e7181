package org.distsde.sim;

/**
 * Sums the agents' messages of one round: {@code out[r·d + j] = Σᵢ mᵢ(r)ⱼ}. Implementations must
 * sum in the canonical order of {@link Blocks} so that every layout gives bit-identical sums, and
 * hold the agents' memory between rounds when their kernel keeps one ({@link AgentKernel}).
 */
public interface Aggregator extends AutoCloseable {
    /**
     * @param runOffset global index of the first run in these arrays (streams are keyed by it)
     * @param x         the runs' iterates, flat [R·d] (read only by agents whose messages depend
     *                  on x itself: agents holding data, {@link AgentKernel#needsIterates()})
     */
    void sum(long round, int runOffset, double[] x, double[] grads, double[] gn2, boolean[] active, double[] out);

    /** True when the agents keep memory between rounds (then checkpoints need a {@link MemoryStore}). */
    default boolean keepsMemory() { return false; }

    /**
     * Writes the agents' memory at the start of round {@code round} (after round − 1's messages) to
     * {@code store}, block by block; nothing when the agents keep none.
     */
    default void saveMemory(long round, MemoryStore store) { }

    /** Restores the agents' memory of R = {@code runs} runs written by {@link #saveMemory} at {@code round}. */
    default void loadMemory(long round, int runs, MemoryStore store) { }

    @Override
    default void close() { }
}
