package org.distsde.compress;

import java.util.Map;

/**
 * The factory of a compressor with one parameter, an integer {@code k} in [1, d] (rand-k, top-k,
 * rand-k ∘ natural): its checks naming {@code compression.k}, and the compressor of a k.
 */
abstract class KFactory implements CompressorFactory {
    private static final long serialVersionUID = 1L;
    private final String type;

    /** @param type the value of {@code compression.type} */
    KFactory(String type) {
        this.type = type;
    }

    /** The compressor keeping k coordinates. */
    abstract Compressor of(int k);

    @Override public final String type() { return type; }
    @Override public final Map<String, Shape> parameters() { return Map.of("k", Shape.INTEGER); }

    /** k ≥ 1 (an integer: the reader refuses a fraction). */
    @Override
    public final void check(Arguments a) {
        final int k = a.integer("k");
        if (k < 1) {
            throw new IllegalArgumentException(a.field("k") + " must be >= 1 (got " + k + ")");
        }
    }

    /** k ≤ d. */
    @Override
    public final void checkDimension(Arguments a, int d) {
        final int k = a.integer("k");
        if (k > d) {
            throw new IllegalArgumentException(a.field("k") + " must be at most d = " + d + " (got " + k + ")");
        }
    }

    @Override
    public final Compressor build(Arguments a, int agent) {
        return of(a.integer("k"));
    }
}
