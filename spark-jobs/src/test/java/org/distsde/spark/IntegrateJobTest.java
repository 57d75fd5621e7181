package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.Series;
import org.distsde.sde.SdeSimulation;
import org.distsde.sim.RoundStats;
import org.junit.jupiter.api.Test;

/** The SDE job gives bit-identical rows whatever the blocks per series and the tasks they are grouped into. */
class IntegrateJobTest extends SparkTestBase {
    private static List<ExperimentConfig> sweep(String... sets) {
        final List<String> all = new ArrayList<>(List.of(sets));
        final List<ExperimentConfig> out = new ArrayList<>();
        for (Series s : ConfigLoader.parse("""
                {"name": "sde-blocks", "seed": 7, "runs": 45, "rounds": 120, "recordEvery": 20, "optimizer": "dsgd",
                 "agents": 4, "eta": 0.05, "objective": {"type": "quartic", "dim": 2}, "x0": [2.0, -1.0],
                 "noise": {"type": "gaussian", "sigma0": 0.3, "sigma1": 1.5},
                 "normalization": {"type": "grad-norm", "floor": 1}, "sde": {"enabled": true, "dt": 0.025},
                 "sweep": {"noise.sigma1": [0.5, 1.5, 6.0]}}
                """, all).series()) {
            out.add(s.config());
        }
        return out;
    }

    @Test
    void rowsDoNotDependOnBlocksOrTasks() {
        final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        final List<ExperimentConfig> base = sweep();
        final List<List<RoundStats>> local = new ArrayList<>();
        for (ExperimentConfig c : base) {
            local.add(new SdeSimulation(c).run()); // one block, no Spark
        }
        final List<SeriesRows> grouped = IntegrateJob.runAll(jsc, sweep("layout.engine=spark")); // blocks grouped into few tasks
        for (String rb : new String[] {"1", "3", "7", "45"}) {
            final List<SeriesRows> r = IntegrateJob.runAll(jsc, sweep("layout.runBlocks=" + rb, "layout.partitions=3",
                    "layout.engine=spark"));
            for (int s = 0; s < base.size(); s++) {
                assertEquals(local.get(s), r.get(s).rows(), "runBlocks " + rb + ", series " + s);
                assertEquals(local.get(s), grouped.get(s).rows(), "grouped tasks, series " + s);
            }
        }
        for (int tasks : new int[] {1, 2, 5}) { // the same blocks dealt to 1, 2 or 5 tasks
            final int[] paths = {45, 45, 45}, blocks = {4, 3, 5};
            final List<SweepJob.Series<SdeSimulation.Block>> r = SweepJob.run(jsc, sweep("layout.engine=spark"), paths, blocks, tasks,
                    1, "SDE", (c, p0, p1) -> new SdeSimulation(c).runBlock(p0, p1));
            for (int s = 0; s < base.size(); s++) {
                assertEquals(local.get(s), SdeSimulation.combine(r.get(s).blocks()), tasks + " tasks, series " + s);
            }
        }
    }
}
