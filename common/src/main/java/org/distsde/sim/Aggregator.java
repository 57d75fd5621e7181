package org.distsde.sim;

/**
 * Sums the agents' messages of one round: {@code out[r·d + j] = Σᵢ mᵢ(r)ⱼ}. Implementations must
 * sum in the canonical order of {@link Blocks} so that every layout gives bit-identical sums.
 */
public interface Aggregator extends AutoCloseable {
    void sum(long round, double[] grads, double[] gn2, boolean[] active, double[] out);

    @Override
    default void close() { }
}
