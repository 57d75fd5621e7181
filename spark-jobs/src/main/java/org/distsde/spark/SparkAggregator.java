package org.distsde.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.Aggregator;
import org.distsde.sim.AgentWorker;
import org.distsde.sim.Blocks;

/**
 * The agent-parallel layout: agents live in Spark partitions (whole summation blocks per
 * partition). Each round the driver ships ∇f(x_r) and ‖∇f(x_r)‖² of all R runs (agents do not
 * need x itself; inside the tasks when small, else as a broadcast), every partition computes the
 * block sums of its agents for all runs, and the driver folds the block sums in block order — the canonical order of {@link Blocks}, so the
 * result is bit-identical whatever the number of partitions or the task completion order.
 * The series configuration is broadcast once; agents' models are rebuilt from it in the tasks.
 */
public final class SparkAggregator implements Aggregator {
    private final JavaSparkContext sc;
    private final Blocks blocks;
    private final Broadcast<ExperimentConfig> cfgB;
    private final JavaRDD<Integer> parts;
    private final boolean needsIterates;

    public SparkAggregator(JavaSparkContext sc, ExperimentConfig cfg) {
        this.sc = sc;
        this.blocks = new Blocks(cfg.agents(), cfg.layout().blocks(cfg.agents()));
        final int p = cfg.layout().partitions(cfg.agents(), sc.defaultParallelism());
        this.cfgB = sc.broadcast(cfg);
        final List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            ids.add(i);
        }
        this.parts = sc.parallelize(ids, p);
        this.needsIterates = new AgentWorker(cfg).needsIterates();
    }

    /** Round inputs up to this many gradient coordinates (R·d) are shipped inside the tasks. */
    static final int INLINE_MAX = 1 << 15;

    /** What a round ships to the tasks (x only when the agents' messages depend on it: agents holding data). */
    record RoundInput(long round, double[] x, double[] grads, double[] gn2, boolean[] active) implements Serializable { }

    /** Block sums of one partition: block index and its R·d sums. */
    record BlockSum(int block, double[] sum) implements Serializable { }

    @Override
    public void sum(long round, int runOffset, double[] x, double[] grads, double[] gn2, boolean[] active, double[] out) {
        // a small round input travels inside the tasks (no broadcast to create and tear down every
        // round); a large one (R·d above INLINE_MAX doubles) is broadcast once to each executor
        final RoundInput input = new RoundInput(round, needsIterates ? x : null, grads, gn2, active);
        final boolean inline = grads.length * (needsIterates ? 2 : 1) <= INLINE_MAX;
        final Broadcast<RoundInput> in = inline ? null : sc.broadcast(input);
        final RoundInput inlined = inline ? input : null;
        final RoundTask task = new RoundTask(cfgB, in, inlined, blocks, parts.getNumPartitions());
        // runJob with a plain (non-lambda) function: Spark's closure cleaner has nothing to analyse,
        // which saves about a third of the per-round job cost
        final Object[] parted = (Object[]) sc.sc().runJob(parts.rdd(), task,
                scala.reflect.ClassTag$.MODULE$.apply(BlockSum[].class));
        final List<BlockSum> res = new ArrayList<>();
        for (Object o : parted) {
            res.addAll(Arrays.asList((BlockSum[]) o));
        }
        if (in != null) {
            in.destroy();
        }
        Arrays.fill(out, 0);
        if (runOffset != 0) {
            throw new IllegalStateException("the agents layout always holds all runs");
        }
        final Blocks bl = blocks;
        final BlockSum[] ordered = new BlockSum[bl.blocks()];
        for (BlockSum s : res) {
            ordered[s.block()] = s;
        }
        for (BlockSum s : ordered) {
            Blocks.fold(out, s.sum());
        }
    }

    @Override
    public void close() {
        cfgB.destroy();
    }

    /** One round on one partition: the block sums of its agents for all runs. */
    static final class RoundTask extends scala.runtime.AbstractFunction2<org.apache.spark.TaskContext,
            scala.collection.Iterator<Integer>, BlockSum[]> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<ExperimentConfig> cfg;
        private final Broadcast<RoundInput> in;
        private final RoundInput inlined;
        private final Blocks bl;
        private final int nParts;

        RoundTask(Broadcast<ExperimentConfig> cfg, Broadcast<RoundInput> in, RoundInput inlined, Blocks bl, int nParts) {
            this.cfg = cfg;
            this.in = in;
            this.inlined = inlined;
            this.bl = bl;
            this.nParts = nParts;
        }

        @Override
        public BlockSum[] apply(org.apache.spark.TaskContext ctx, scala.collection.Iterator<Integer> it) {
            final List<BlockSum> r = new ArrayList<>();
            while (it.hasNext()) {
                final int p = it.next();
                final RoundInput ri = inlined != null ? inlined : in.value();
                final AgentWorker w = Workers.get(cfg.value());
                // partition p holds blocks [p·B/P, (p+1)·B/P)
                final int b0 = (int) ((long) bl.blocks() * p / nParts);
                final int b1 = (int) ((long) bl.blocks() * (p + 1) / nParts);
                for (int b = b0; b < b1; b++) {
                    final double[] acc = new double[ri.grads().length];
                    w.accumulate(bl.start(b), bl.start(b + 1), ri.round(), 0, ri.x(), ri.grads(), ri.gn2(), ri.active(), acc);
                    r.add(new BlockSum(b, acc));
                }
            }
            return r.toArray(new BlockSum[0]);
        }
    }

    /** One AgentWorker per executor thread and configuration, reused across rounds. */
    static final class Workers {
        private static final ThreadLocal<Object[]> CACHE = new ThreadLocal<>();

        private Workers() { }

        static AgentWorker get(ExperimentConfig cfg) {
            final Object[] c = CACHE.get();
            if (c != null && c[0] == cfg) {
                return (AgentWorker) c[1];
            }
            final AgentWorker w = new AgentWorker(cfg);
            CACHE.set(new Object[] {cfg, w});
            return w;
        }
    }
}
