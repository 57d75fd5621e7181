package org.distsde.sim;

/**
 * The canonical summation order over agents: N agents split into B contiguous blocks
 * (block b holds agents [start(b), start(b+1))); each block is summed from zero in agent order and
 * the block sums are added left to right. Any partitioning that keeps blocks whole reproduces it.
 */
public record Blocks(int agents, int blocks) implements java.io.Serializable {
    public Blocks {
        if (agents < 1 || blocks < 1 || blocks > agents) {
            throw new IllegalArgumentException("need 1 <= blocks <= agents (got " + blocks + ", " + agents + ")");
        }
    }

    public int start(int b) {
        return (int) ((long) agents * b / blocks);
    }

    /** The first block of partition p of {@code partitions}: partition p holds blocks [first(p), first(p + 1)). */
    public int firstOfPartition(int p, int partitions) {
        return (int) ((long) blocks * p / partitions);
    }

    /** Adds {@code blockSum} into {@code total}: the fold step, in block order. */
    public static void fold(double[] total, double[] blockSum) {
        for (int i = 0; i < total.length; i++) {
            total[i] += blockSum[i];
        }
    }
}
