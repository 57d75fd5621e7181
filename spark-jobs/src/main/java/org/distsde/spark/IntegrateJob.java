package org.distsde.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.SdeSimulation;
import org.distsde.sim.RoundStats;

/**
 * The path-parallel Euler–Maruyama integration of a series' SDE (Eq. 8, 27–28, 49–52; Algorithm 1
 * of seed 000): paths are split into blocks, one Spark task each; every path draws its Brownian
 * increments from its own keyed stream (seed, path, step), so the statistics do not depend on the
 * blocking. The "theorem" normalization couples the paths through E‖∇f(X_t)‖ and is integrated as
 * a single block.
 */
public final class IntegrateJob {
    private IntegrateJob() { }

    /** Each series' rows, and its compute time: the sum of its tasks' times over the slots. */
    public record Result(List<RoundStats> rows, double seconds) { }

    /** A block of paths of one series, with its compute time. */
    record Timed(int series, SdeSimulation.Block block, long nanos) implements java.io.Serializable { }

    public static List<RoundStats> run(JavaSparkContext sc, ExperimentConfig cfg) {
        return runAll(sc, List.of(cfg)).get(0).rows();
    }

    /** Integrates every series' SDE in one Spark job; results in the order of {@code cfgs}. */
    public static List<Result> runAll(JavaSparkContext sc, List<ExperimentConfig> cfgs) {
        final int slots = sc.defaultParallelism();
        final List<int[]> ranges = new ArrayList<>();
        for (int s = 0; s < cfgs.size(); s++) {
            final SdeSimulation probe = new SdeSimulation(cfgs.get(s));
            final int paths = probe.paths();
            final int nb = probe.needsAllPaths() ? 1 : cfgs.get(s).layout().runBlocks(paths, slots, cfgs.size());
            for (int b = 0; b < nb; b++) {
                ranges.add(new int[] {s, (int) ((long) paths * b / nb), (int) ((long) paths * (b + 1) / nb)});
            }
        }
        final Broadcast<ArrayList<ExperimentConfig>> cfgB = sc.broadcast(new ArrayList<>(cfgs));
        final List<Timed> blocks = sc.parallelize(ranges, ranges.size()).mapPartitions((Iterator<int[]> it) -> {
            final List<Timed> out = new ArrayList<>();
            while (it.hasNext()) {
                final int[] r = it.next();
                final long t0 = System.nanoTime();
                final ExperimentConfig c = cfgB.value().get(r[0]);
                final SdeSimulation.Block b = ComputeThreads.call(() -> new SdeSimulation(c).runBlock(r[1], r[2]));
                out.add(new Timed(r[0], b, System.nanoTime() - t0));
            }
            return out.iterator();
        }).collect();
        cfgB.destroy();
        final List<Result> results = new ArrayList<>();
        for (int s = 0; s < cfgs.size(); s++) {
            final List<SdeSimulation.Block> mine = new ArrayList<>();
            long nanos = 0;
            for (Timed t : blocks) {
                if (t.series() == s) {
                    mine.add(t.block());
                    nanos += t.nanos();
                }
            }
            results.add(new Result(SdeSimulation.combine(mine), nanos / 1e9 / Math.max(1, Math.min(slots, mine.size()))));
        }
        return results;
    }
}
