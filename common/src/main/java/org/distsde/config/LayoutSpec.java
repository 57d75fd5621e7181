package org.distsde.config;

import java.io.Serializable;

/**
 * {@code layout}: how the work maps onto Spark tasks.
 * <ul>
 * <li>{@code mode}: {@code auto} (default) — runs when possible, else agents; {@code agents} —
 *     agents spread over partitions, one Spark job per round, the driver aggregates and steps;
 *     {@code runs} — each task carries whole trajectories of a block of runs with all agents, no
 *     per-round synchronisation (not possible with the "theorem" normalization, whose step uses
 *     E‖∇f‖ over all runs). All give bit-identical results.</li>
 * <li>{@code blocks}: agents are summed in this many contiguous blocks (default min(N, 16)), each
 *     block in agent order and the blocks in block order — the canonical order every layout
 *     reproduces.</li>
 * <li>{@code partitions}: Spark partitions for the agents (default: min(blocks, default
 *     parallelism)); {@code runBlocks}: tasks per series for the runs layout and the SDE (default: 2 ×
 *     default parallelism for one series; a sweep's series run in one Spark job of about 4 ×
 *     parallelism tasks, at least 2 per series). Neither changes any result.</li>
 * </ul>
 */
public record LayoutSpec(String mode, Integer blocks, Integer partitions, Integer runBlocks) implements Serializable {
    public LayoutSpec {
        mode = mode == null ? "auto" : mode;
        if (!mode.equals("agents") && !mode.equals("runs") && !mode.equals("auto")) {
            throw new ConfigException("layout.mode must be agents, runs or auto (got '" + mode + "')");
        }
        if (blocks != null) {
            Check.atLeast("layout.blocks", blocks, 1);
        }
        if (partitions != null) {
            Check.atLeast("layout.partitions", partitions, 1);
        }
        if (runBlocks != null) {
            Check.atLeast("layout.runBlocks", runBlocks, 1);
        }
    }

    public static LayoutSpec defaults() {
        return new LayoutSpec(null, null, null, null);
    }

    public int blocks(int agents) {
        return Math.min(agents, blocks == null ? 16 : blocks);
    }

    public int partitions(int agents, int parallelism) {
        return Math.max(1, Math.min(blocks(agents), partitions == null ? parallelism : partitions));
    }

    public int runBlocks(int runs, int parallelism) {
        return runBlocks(runs, parallelism, 1);
    }

    /**
     * Tasks for one of {@code seriesInJob} series sharing a Spark job: by default the job gets
     * about 4 × parallelism tasks in all, at least two per series (uneven series then still
     * spread over the slots).
     */
    public int runBlocks(int runs, int parallelism, int seriesInJob) {
        final int dflt = seriesInJob <= 1 ? 2 * parallelism
                : Math.max(2, (4 * parallelism + seriesInJob - 1) / seriesInJob);
        return Math.max(1, Math.min(runs, runBlocks == null ? dflt : runBlocks));
    }

    /** Whether this series runs in the runs layout. */
    public boolean byRuns(NormalizationSpec norm) {
        final boolean coupled = norm.couplesRuns();
        if (mode.equals("runs") && coupled) {
            throw new ConfigException("layout.mode runs is impossible with normalization.type theorem "
                    + "(its step uses E||grad f|| over all runs); use agents or auto");
        }
        return mode.equals("runs") || (mode.equals("auto") && !coupled);
    }
}
