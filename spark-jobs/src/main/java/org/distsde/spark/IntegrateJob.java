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

    public static List<RoundStats> run(JavaSparkContext sc, ExperimentConfig cfg) {
        final SdeSimulation probe = new SdeSimulation(cfg);
        final int paths = probe.paths();
        final int nb = probe.needsAllPaths() ? 1 : cfg.layout().runBlocks(paths, sc.defaultParallelism());
        final List<int[]> ranges = new ArrayList<>();
        for (int b = 0; b < nb; b++) {
            ranges.add(new int[] {(int) ((long) paths * b / nb), (int) ((long) paths * (b + 1) / nb)});
        }
        final Broadcast<ExperimentConfig> cfgB = sc.broadcast(cfg);
        final List<SdeSimulation.Block> blocks = sc.parallelize(ranges, nb).mapPartitions((Iterator<int[]> it) -> {
            final List<SdeSimulation.Block> out = new ArrayList<>();
            final SdeSimulation sim = new SdeSimulation(cfgB.value());
            while (it.hasNext()) {
                final int[] r = it.next();
                out.add(sim.runBlock(r[0], r[1]));
            }
            return out.iterator();
        }).collect();
        cfgB.destroy();
        return SdeSimulation.combine(blocks);
    }
}
