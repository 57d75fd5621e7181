package org.distsde.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.distsde.config.ExperimentConfig;
import org.distsde.optim.Optimizers;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.distsde.sim.UpdateTail;
import org.distsde.stats.Largest;

/**
 * The runs layout: each task simulates whole trajectories of a block of runs with all N agents
 * (summed in the canonical block order, as {@link SparkAggregator} does), so there is one Spark
 * job per sweep ({@link SweepJob}) instead of one per round. Streams are keyed by the global run
 * index, so the result does not depend on the blocking and equals the agents layout bit for bit.
 * Agents with memory (error feedback's residuals) keep it inside the task, for the task's runs
 * ({@link LocalAggregator}); it is never shipped.
 */
public final class RunParallel {
    private RunParallel() { }

    /** Raw per-run values of one block at every recorded round. */
    record BlockResult(int r0, int[] rounds, double[][] loss, double[][] gn2, double[][] lr, boolean[][] alive,
                       double[][] phi1, double[][] phi2, double[][] i1, double[][] i2, double[][] x,
                       Largest[] update)
            implements Serializable { }

    public static List<RoundStats> run(JavaSparkContext sc, ExperimentConfig cfg) {
        return runAll(sc, List.of(cfg)).get(0).rows();
    }

    /**
     * Simulates every series in one Spark job (one task per block of runs of each series), so a
     * sweep pays the job launch once; results in the order of {@code cfgs}.
     */
    public static List<SeriesRows> runAll(JavaSparkContext sc, List<ExperimentConfig> cfgs) {
        final int slots = sc.defaultParallelism();
        final int[] runs = new int[cfgs.size()], blocks = new int[cfgs.size()];
        double work = 0;
        for (int s = 0; s < cfgs.size(); s++) {
            runs[s] = cfgs.get(s).runs();
            blocks[s] = cfgs.get(s).layout().runBlocks(runs[s], slots, cfgs.size());
            work += Dispatch.optimizerWork(cfgs.get(s));
        }
        final List<SeriesRows> results = new ArrayList<>();
        final List<SweepJob.Series<BlockResult>> series = SweepJob.run(sc, cfgs, runs, blocks, 0, work, "runs layout",
                RunParallel::block);
        for (int s = 0; s < cfgs.size(); s++) {
            results.add(new SeriesRows(combine(cfgs.get(s), series.get(s).blocks()), series.get(s).seconds(),
                    series.get(s).dispatch()));
        }
        return results;
    }

    /** Runs [r0, r1) of one series through all rounds, keeping the raw values of every recorded round. */
    static BlockResult block(ExperimentConfig c, int r0, int r1) {
        final List<Integer> ks = new ArrayList<>();
        final List<double[]> l = new ArrayList<>(), g = new ArrayList<>(), r = new ArrayList<>();
        final List<boolean[]> a = new ArrayList<>();
        final List<double[]> j1 = new ArrayList<>(), j2 = new ArrayList<>();
        final List<double[]> p1 = new ArrayList<>(), p2 = new ArrayList<>(), xs = new ArrayList<>();
        final List<Largest> up = new ArrayList<>();
        final int kc = c.recordCoordinates();
        final int d = c.buildObjective().dim();
        new Simulation(c).run(new LocalAggregator(c), r0, r1, (k, loss, gn2, lr, alive, in, x, update) -> {
            // the block's largest update magnitudes, enough for Hill's estimate over all runs
            up.add(update == null ? null : topOf(update, alive, d, c.runs()));
            final double[] lead = new double[loss.length * kc];
            for (int q = 0; q < loss.length; q++) {
                System.arraycopy(x, q * d, lead, q * kc, kc);
            }
            xs.add(lead);
            ks.add(k);
            l.add(loss.clone());
            g.add(gn2.clone());
            r.add(lr.clone());
            a.add(alive.clone());
            j1.add(in.i1().clone());
            j2.add(in.i2().clone());
            p1.add(in.phi1().clone());
            p2.add(in.phi2().clone());
        });
        return new BlockResult(r0, ks.stream().mapToInt(Integer::intValue).toArray(),
                l.toArray(new double[0][]), g.toArray(new double[0][]), r.toArray(new double[0][]),
                a.toArray(new boolean[0][]), p1.toArray(new double[0][]), p2.toArray(new double[0][]),
                j1.toArray(new double[0][]), j2.toArray(new double[0][]), xs.toArray(new double[0][]),
                up.toArray(new Largest[0]));
    }

    /** The largest |Σᵢmᵢ| of a block, as many as Hill's estimator over all R runs can use. */
    private static Largest topOf(double[] update, boolean[] alive, int d, int runs) {
        return UpdateTail.into(Largest.forHill((long) runs * d), update, alive, d);
    }

    /** Concatenates the blocks in run order and computes each recorded round's statistics. */
    static List<RoundStats> combine(ExperimentConfig cfg, List<BlockResult> blocks) {
        final List<BlockResult> sorted = new ArrayList<>(blocks);
        sorted.sort((x, y) -> Integer.compare(x.r0(), y.r0()));
        final int runs = cfg.runs();
        final int nRec = sorted.get(0).rounds().length;
        final List<RoundStats> rows = new ArrayList<>(nRec);
        final double[] loss = new double[runs], gn2 = new double[runs], lr = new double[runs];
        final boolean[] alive = new boolean[runs];
        final double[] i1 = new double[runs], i2 = new double[runs], q1 = new double[runs], q2 = new double[runs];
        final int kc = cfg.recordCoordinates();
        final long values = (long) runs * cfg.buildObjective().dim(); // R·d update magnitudes per round
        final double[] x = new double[runs * kc];
        final double bits = Optimizers.of(cfg).bitsPerRound(cfg); // the rows' cumulative bits column
        for (int i = 0; i < nRec; i++) {
            Arrays.fill(alive, false);
            for (BlockResult b : sorted) {
                final int n = b.loss()[i].length;
                System.arraycopy(b.loss()[i], 0, loss, b.r0(), n);
                System.arraycopy(b.gn2()[i], 0, gn2, b.r0(), n);
                System.arraycopy(b.lr()[i], 0, lr, b.r0(), n);
                System.arraycopy(b.alive()[i], 0, alive, b.r0(), n);
                System.arraycopy(b.i1()[i], 0, i1, b.r0(), n);
                System.arraycopy(b.i2()[i], 0, i2, b.r0(), n);
                System.arraycopy(b.phi1()[i], 0, q1, b.r0(), n);
                System.arraycopy(b.phi2()[i], 0, q2, b.r0(), n);
                System.arraycopy(b.x()[i], 0, x, b.r0() * kc, n * kc);
            }
            final BlockResult f = sorted.get(0);
            final int k = f.rounds()[i];
            final RoundStats row = RoundStats.of(k, k * cfg.eta(), loss, gn2, lr, alive, q1, q2, i1, i2, x, kc, kc)
                    .withBits(k * bits);
            Largest upd = null;
            for (BlockResult b : sorted) {
                if (b.update()[i] != null) {
                    if (upd == null) {
                        upd = Largest.forHill(values);
                    }
                    upd.addAll(b.update()[i]);
                }
            }
            rows.add(upd == null ? row : row.withUpdateTail(upd.hill()));
        }
        return rows;
    }
}
