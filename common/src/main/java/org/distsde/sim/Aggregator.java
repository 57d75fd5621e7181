package org.distsde.sim;

/**
 * Sums the agents' messages of one round: {@code out[r·d + j] = Σᵢ mᵢ(r)ⱼ}. Implementations must
 * sum in the canonical order of {@link Blocks} so that every layout gives bit-identical sums.
 */
public interface Aggregator extends AutoCloseable {
    /**
     * @param runOffset global index of the first run in these arrays (streams are keyed by it)
     * @param x         the runs' iterates, flat [R·d] (read only by agents whose messages depend
     *                  on x itself: agents holding data, {@link AgentKernel#needsIterates()})
     */
    void sum(long round, int runOffset, double[] x, double[] grads, double[] gn2, boolean[] active, double[] out);

    @Override
    default void close() { }
}
