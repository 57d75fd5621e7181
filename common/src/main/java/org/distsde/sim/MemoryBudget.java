package org.distsde.sim;

import java.util.Locale;
import org.distsde.config.ConfigException;

/**
 * Refuses, before a run, agents' memory ({@link AgentKernel#memoryVectors()}: R × N × V × d doubles
 * in all) that would not fit where it lives: the task of a block of runs (runs layout), the
 * executor holding a partition of agents' blocks (agents layout; up to {@value #AGENTS_LAYOUT_COPIES}
 * copies of a block's memory at once: the previous round's, the new one and the lineage's anchor),
 * or one Java array per block. One line: the memory needed, the budget it was compared with and
 * how to split it.
 */
public final class MemoryBudget {
    /** Copies of a partition's memory an executor may hold at once in the agents layout. */
    public static final int AGENTS_LAYOUT_COPIES = 3;
    /** The largest Java array of doubles. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private MemoryBudget() { }

    /**
     * @param runs       R
     * @param agents     N
     * @param d          the dimension
     * @param vectors    V, vectors of d per agent and run
     * @param optimizer  the optimizer's id (for the message)
     * @param byRuns     runs layout (else agents layout)
     * @param runBlocks  tasks per series in the runs layout
     * @param blocks     the canonical summation blocks over the agents
     * @param partitions Spark partitions of the agents layout
     * @param budget     bytes one task (runs layout) or one executor's share of a partition (agents layout) may hold
     * @param source     where the budget comes from, for the message
     */
    public static void check(int runs, int agents, int d, int vectors, String optimizer, boolean byRuns,
                             int runBlocks, Blocks blocks, int partitions, long budget, String source) {
        if (vectors == 0) {
            return;
        }
        final double perValue = (double) vectors * d;
        final double total = 8 * perValue * runs * agents;
        final String need = String.format(Locale.ROOT, "the agents' memory of %s needs %s (runs %d x agents %d x d %d "
                + "x %d vector%s x 8 bytes)", optimizer, bytes(total), runs, agents, d, vectors, vectors == 1 ? "" : "s");
        if (byRuns) {
            final int perTask = (runs + runBlocks - 1) / runBlocks;
            final double values = perValue * perTask * agents;
            final double held = 8 * values;
            if (held > budget || values > MAX_ARRAY) {
                final int tasks = (int) Math.min(runs, Math.ceil(runBlocks * Math.max(held / budget, values / MAX_ARRAY)));
                throw new ConfigException(String.format(Locale.ROOT, "layout.runBlocks: %s, %s in one task of the runs "
                        + "layout (%d runs per task)%s, over the budget of %s per task (%s): use more tasks "
                        + "(layout.runBlocks >= %d), fewer runs, or more memory", need, bytes(held), perTask,
                        values > MAX_ARRAY ? " and more values than one Java array holds" : "", bytes(budget), source,
                        Math.max(tasks, runBlocks + 1)));
            }
            return;
        }
        int perPartition = 0, perBlock = 0;
        for (int p = 0; p < partitions; p++) {
            final int b0 = blocks.firstOfPartition(p, partitions), b1 = blocks.firstOfPartition(p + 1, partitions);
            perPartition = Math.max(perPartition, blocks.start(b1) - blocks.start(b0));
        }
        for (int b = 0; b < blocks.blocks(); b++) {
            perBlock = Math.max(perBlock, blocks.start(b + 1) - blocks.start(b));
        }
        final double held = 8 * perValue * runs * perPartition * AGENTS_LAYOUT_COPIES;
        final double blockValues = perValue * runs * perBlock;
        if (held > budget || blockValues > MAX_ARRAY) {
            throw new ConfigException(String.format(Locale.ROOT, "layout.partitions: %s, %s for one partition of the "
                    + "agents layout (%d agents x %d copies)%s, over the budget of %s per task (%s): use more "
                    + "partitions and blocks (layout.partitions, layout.blocks; at most N = %d), fewer runs, or more "
                    + "memory", need, bytes(held), perPartition, AGENTS_LAYOUT_COPIES,
                    blockValues > MAX_ARRAY ? " and a block of more values than one Java array holds" : "",
                    bytes(budget), source, agents));
        }
    }

    /** A byte count for people: 1.5 GB, 300 MB. */
    static String bytes(double b) {
        final String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB"};
        int u = 0;
        while (b >= 1000 && u < units.length - 1) {
            b /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
    }
}
