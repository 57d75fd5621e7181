package org.distsde.compress;

/**
 * Scratch arrays of d values that a message kernel lends to its compressors (one per kernel, not
 * thread-safe), so that compressing allocates nothing per agent and round.
 */
public final class Workspace {
    /** The vector to compress, or the values of its selected coordinates. */
    public final double[] v;
    /** The compressed vector. */
    public final double[] c;
    /** Coordinate indices. */
    public final int[] idx;
    /** Scratch of a compressor's own (top-k's magnitudes, a composition's inner vector). */
    public final double[] s;

    public Workspace(int d) {
        this.v = new double[d];
        this.c = new double[d];
        this.idx = new int[d];
        this.s = new double[d];
    }
}
