package org.distsde.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.SdeSimulation;
import org.distsde.sim.RoundStats;

/**
 * The path-parallel Euler–Maruyama integration of a series' SDE (Eq. 8, 27–28, 49–52; Algorithm 1
 * of seed 000): paths are split into blocks, dealt to Spark tasks (one block per task for long
 * sweeps, several per task for short ones, {@link #tasks}); every path draws the Brownian increments
 * of each level-0 step from the stream keyed by (seed, path, step), so the statistics do not depend
 * on the blocking or the tasks. The "theorem" normalization couples the paths through E‖∇f(X_t)‖
 * and is integrated as a single block.
 */
public final class IntegrateJob {
    private IntegrateJob() { }

    public static List<RoundStats> run(JavaSparkContext sc, ExperimentConfig cfg) {
        return runAll(sc, List.of(cfg)).get(0).rows();
    }

    /** Path-step·d per Spark task below which blocks are grouped into fewer tasks (about 0.2–0.5 s of work). */
    static final double TASK_WORK = 4e7;

    /**
     * Spark tasks for a sweep of {@code work} path-steps·d: short sweeps get one task per slot
     * (several blocks each), longer ones whole waves of slots tasks of about {@link #TASK_WORK}; each task's
     * Spark scheduling, serialisation and hand-off cost is then paid fewer times. Results are
     * independent of it (each block depends only on its paths).
     */
    static int tasks(double work, int slots) {
        final double waves = Math.max(1, Math.ceil(work / (TASK_WORK * slots))); // whole waves: no idle slot at the end
        return (int) Math.min(Integer.MAX_VALUE, waves * slots);
    }

    /** Integrates every series' SDE in one Spark job ({@link SweepJob}); results in the order of {@code cfgs}. */
    public static List<SeriesRows> runAll(JavaSparkContext sc, List<ExperimentConfig> cfgs) {
        final List<SeriesRows> results = new ArrayList<>();
        for (SweepJob.Series<SdeSimulation.Block> s : blocks(sc, cfgs, 0)) {
            results.add(new SeriesRows(SdeSimulation.combine(s.blocks()), s.seconds(), s.dispatch()));
        }
        return results;
    }

    /**
     * Refinement level {@code level} (Δt₀/2^level) of every series in one Spark job: the path blocks
     * of each series, in path order, and its compute time.
     */
    static List<SweepJob.Series<SdeSimulation.Block>> blocks(JavaSparkContext sc, List<ExperimentConfig> cfgs,
                                                            int level) {
        final int slots = sc.defaultParallelism();
        final int[] paths = new int[cfgs.size()], blocks = new int[cfgs.size()];
        double work = 0;
        boolean pinned = false;
        for (int s = 0; s < cfgs.size(); s++) {
            final SdeSimulation probe = new SdeSimulation(cfgs.get(s), level);
            paths[s] = probe.paths();
            blocks[s] = probe.needsAllPaths() ? 1 : cfgs.get(s).layout().runBlocks(paths[s], slots, cfgs.size());
            work += (double) paths[s] * probe.steps() * cfgs.get(s).buildObjective().dim();
            pinned |= cfgs.get(s).layout().runBlocks() != null;
        }
        return SweepJob.run(sc, cfgs, paths, blocks, pinned ? 0 : tasks(work, slots), work,
                level == 0 ? "SDE" : "SDE level " + level, (c, p0, p1) -> new SdeSimulation(c, level).runBlock(p0, p1));
    }
}
