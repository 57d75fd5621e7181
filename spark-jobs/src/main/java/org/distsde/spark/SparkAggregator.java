package org.distsde.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.Aggregator;
import org.distsde.sim.AgentWorker;
import org.distsde.sim.Blocks;
import org.distsde.sim.MemoryStore;

/**
 * The agent-parallel layout: agents live in Spark partitions (whole summation blocks per
 * partition). Each round the driver ships ∇f(x_r) and ‖∇f(x_r)‖² of all R runs (agents do not
 * need x itself; inside the tasks when small, else as a broadcast), every partition computes the
 * block sums of its agents for all runs, and the driver folds the block sums in block order — the canonical order of {@link Blocks}, so the
 * result is bit-identical whatever the number of partitions or the task completion order.
 * The series configuration is broadcast once; agents' models are rebuilt from it in the tasks.
 *
 * <p><b>Agents with memory</b> (error feedback's residuals, {@code AgentKernel#memoryVectors}) keep
 * it on the executors across rounds, never on the driver: as in GraphX's Pregel, round k's job
 * maps the previous round's state RDD (one element per summation block: its memory) to a new one
 * (a copy of each block's memory, updated; a cached partition is never mutated, so a recomputation
 * from lineage gives the same result), persisted and materialised when the block sums are
 * collected; the previous one is then unpersisted. Every {@value #LINEAGE_ROUNDS} rounds the new
 * RDD is checkpointed (reliably when the SparkContext has a checkpoint directory, else locally) and
 * the round inputs its lineage needed are released. Checkpoints for {@code --resume} are written by
 * the tasks, block by block ({@link #saveMemory}), and a resume re-roots the state on those files.
 */
public final class SparkAggregator implements Aggregator {
    private final JavaSparkContext sc;
    private final Blocks blocks;
    private final Broadcast<ExperimentConfig> cfgB;
    private final JavaRDD<Integer> parts;
    private final boolean needsIterates;
    private final boolean memory;
    /** The agents' memory after the last round (persisted), the last truncation point, and the round inputs in between. */
    private JavaRDD<BlockState> state;
    private JavaRDD<BlockState> anchor;
    private final List<Broadcast<RoundInput>> lineageInputs = new ArrayList<>();
    private int sinceAnchor;

    /** Rounds between two truncations of the memory's lineage. */
    static final int LINEAGE_ROUNDS = 10;

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
        final AgentWorker w = new AgentWorker(cfg);
        this.needsIterates = w.needsIterates();
        this.memory = w.memoryVectors() > 0;
    }

    /** Round inputs up to this many gradient coordinates (R·d) are shipped inside the tasks. */
    static final int INLINE_MAX = 1 << 15;

    /** What a round ships to the tasks (x only when the agents' messages depend on it: agents holding data). */
    record RoundInput(long round, double[] x, double[] grads, double[] gn2, boolean[] active) implements Serializable { }

    /** Block sums of one partition: block index and its R·d sums. */
    record BlockSum(int block, double[] sum) implements Serializable { }

    /** One summation block's agents' memory (null: zeros, before round 0) and the block sum of the round that made it. */
    record BlockState(int block, double[] memory, double[] sum) implements Serializable { }

    @Override
    public void sum(long round, int runOffset, double[] x, double[] grads, double[] gn2, boolean[] active, double[] out) {
        if (runOffset != 0) {
            throw new IllegalStateException("the agents layout always holds all runs");
        }
        // a small round input travels inside the tasks (no broadcast to create and tear down every
        // round); a large one (R·d above INLINE_MAX doubles) is broadcast once to each executor
        final RoundInput input = new RoundInput(round, needsIterates ? x : null, grads, gn2, active);
        final boolean inline = grads.length * (needsIterates ? 2 : 1) <= INLINE_MAX;
        final Broadcast<RoundInput> in = inline ? null : sc.broadcast(input);
        final RoundInput inlined = inline ? input : null;
        final List<BlockSum> res = new ArrayList<>();
        if (memory) {
            res.addAll(stateful(in, inlined));
        } else {
            final RoundTask task = new RoundTask(cfgB, in, inlined, blocks, parts.getNumPartitions());
            // runJob with a plain (non-lambda) function: Spark's closure cleaner has nothing to analyse,
            // which saves about a third of the per-round job cost
            final Object[] parted = (Object[]) sc.sc().runJob(parts.rdd(), task,
                    scala.reflect.ClassTag$.MODULE$.apply(BlockSum[].class));
            for (Object o : parted) {
                res.addAll(Arrays.asList((BlockSum[]) o));
            }
            if (in != null) {
                in.destroy();
            }
        }
        Arrays.fill(out, 0);
        final Blocks bl = blocks;
        final BlockSum[] ordered = new BlockSum[bl.blocks()];
        for (BlockSum s : res) {
            ordered[s.block()] = s;
        }
        for (BlockSum s : ordered) {
            Blocks.fold(out, s.sum());
        }
    }

    /**
     * One round of agents with memory: the next state RDD from the current one (the memory's
     * lineage), persisted, its block sums collected (which materialises it), the previous state
     * unpersisted; every {@link #LINEAGE_ROUNDS} rounds the new state is checkpointed and becomes
     * the anchor.
     */
    private List<BlockSum> stateful(Broadcast<RoundInput> in, RoundInput inlined) {
        final JavaRDD<BlockState> prev = state != null ? state : initialState();
        final JavaRDD<BlockState> next = prev.mapPartitions(new StepTask(cfgB, in, inlined, blocks), true);
        next.persist(StorageLevel.MEMORY_AND_DISK());
        if (in != null) {
            lineageInputs.add(in);
        }
        final boolean truncate = ++sinceAnchor >= LINEAGE_ROUNDS;
        if (truncate) {
            if (sc.getCheckpointDir().isPresent()) {
                next.checkpoint();
            } else {
                next.rdd().localCheckpoint();
            }
        }
        final List<BlockSum> sums = next.map(s -> new BlockSum(s.block(), s.sum())).collect();
        if (prev != anchor && state != null) {
            prev.unpersist(false);
        }
        if (truncate) {
            if (anchor != null && anchor != prev) {
                anchor.unpersist(false);
            }
            anchor = next;
            sinceAnchor = 0;
            // the rounds before this one are off every lineage now; this round's input stays: the
            // checkpointed RDD keeps its function, which every later task that reads it serializes
            for (Broadcast<RoundInput> b : lineageInputs) {
                if (b != in) {
                    b.destroy();
                }
            }
            lineageInputs.clear();
            if (in != null) {
                lineageInputs.add(in);
            }
        }
        state = next;
        return sums;
    }

    /** The agents' memory before round 0: one element per block, in the partitions of {@link #parts}, memory null (zeros). */
    private JavaRDD<BlockState> initialState() {
        return parts.mapPartitions(new BlocksOf(blocks, parts.getNumPartitions(), null, -1), true);
    }

    /** Writes every block's memory from the executors that hold it (the state after round − 1). */
    @Override
    public void saveMemory(long round, MemoryStore store) {
        if (!memory || state == null) {
            return;
        }
        state.foreachPartition(new SaveTask(store, round));
    }

    /** Re-roots the agents' memory on the blocks written at {@code round}: each task reads its own blocks. */
    @Override
    public void loadMemory(long round, int runs, MemoryStore store) {
        if (!memory) {
            return;
        }
        releaseState();
        state = parts.mapPartitions(new BlocksOf(blocks, parts.getNumPartitions(), store, round), true);
        state.persist(StorageLevel.MEMORY_AND_DISK());
        anchor = state; // its lineage is the files
        sinceAnchor = 0;
    }

    @Override
    public boolean keepsMemory() {
        return memory;
    }

    private void releaseState() {
        if (state != null) {
            state.unpersist(false);
        }
        if (anchor != null && anchor != state) {
            anchor.unpersist(false);
        }
        for (Broadcast<RoundInput> b : lineageInputs) {
            b.destroy();
        }
        lineageInputs.clear();
        state = null;
        anchor = null;
    }

    @Override
    public void close() {
        releaseState();
        cfgB.destroy();
    }

    /** The blocks of partition p, [p·B/P, (p+1)·B/P), as states: zeros, or read from a store. */
    static final class BlocksOf implements FlatMapFunction<Iterator<Integer>, BlockState> {
        private static final long serialVersionUID = 1L;
        private final Blocks bl;
        private final int nParts;
        private final MemoryStore store;
        private final long round;

        BlocksOf(Blocks bl, int nParts, MemoryStore store, long round) {
            this.bl = bl;
            this.nParts = nParts;
            this.store = store;
            this.round = round;
        }

        @Override
        public Iterator<BlockState> call(Iterator<Integer> it) {
            final List<BlockState> r = new ArrayList<>();
            while (it.hasNext()) {
                final int p = it.next();
                final int b0 = bl.firstOfPartition(p, nParts), b1 = bl.firstOfPartition(p + 1, nParts);
                for (int b = b0; b < b1; b++) {
                    r.add(new BlockState(b, store == null ? null : store.read(round, b), null));
                }
            }
            return r.iterator();
        }
    }

    /** One round on the blocks of a partition with their memory: a copy of each block's memory, updated, and its sum. */
    static final class StepTask implements FlatMapFunction<Iterator<BlockState>, BlockState> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<ExperimentConfig> cfg;
        private final Broadcast<RoundInput> in;
        private final RoundInput inlined;
        private final Blocks bl;

        StepTask(Broadcast<ExperimentConfig> cfg, Broadcast<RoundInput> in, RoundInput inlined, Blocks bl) {
            this.cfg = cfg;
            this.in = in;
            this.inlined = inlined;
            this.bl = bl;
        }

        @Override
        public Iterator<BlockState> call(Iterator<BlockState> it) {
            final RoundInput ri = inlined != null ? inlined : in.value();
            final AgentWorker w = Workers.get(cfg.value());
            final int runs = ri.gn2().length;
            final List<BlockState> r = new ArrayList<>();
            while (it.hasNext()) {
                final BlockState s = it.next();
                final int a0 = bl.start(s.block()), a1 = bl.start(s.block() + 1);
                final long len = w.memoryLength(a0, a1, runs);
                if (len > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("block " + s.block() + "'s memory of " + len + " values does not "
                            + "fit in one array: use more layout.blocks");
                }
                final double[] mem = s.memory() == null ? new double[(int) len] : s.memory().clone();
                if (mem.length != len) {
                    throw new IllegalStateException("block " + s.block() + "'s memory has " + mem.length
                            + " values, expected " + len);
                }
                final double[] acc = new double[ri.grads().length];
                w.accumulate(a0, a1, ri.round(), 0, ri.x(), ri.grads(), ri.gn2(), ri.active(), acc, mem, 0);
                r.add(new BlockState(s.block(), mem, acc));
            }
            return r.iterator();
        }
    }

    /** Writes the memory of a partition's blocks at a round. */
    static final class SaveTask implements VoidFunction<Iterator<BlockState>> {
        private static final long serialVersionUID = 1L;
        private final MemoryStore store;
        private final long round;

        SaveTask(MemoryStore store, long round) {
            this.store = store;
            this.round = round;
        }

        @Override
        public void call(Iterator<BlockState> it) {
            while (it.hasNext()) {
                final BlockState s = it.next();
                store.write(round, s.block(), s.memory());
            }
        }
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
                final int b0 = bl.firstOfPartition(p, nParts), b1 = bl.firstOfPartition(p + 1, nParts);
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
