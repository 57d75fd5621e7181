package org.distsde.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.distsde.config.ExperimentConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spark job for every series of a sweep: each series' items (runs or paths) are split into
 * contiguous blocks, one task per block, and each task's kernel runs on {@link ComputeThreads}.
 * The configurations are broadcast once. Used by the runs layout ({@link RunParallel}) and the SDE
 * job ({@link IntegrateJob}). Small sweeps run the same blocks on the driver's compute threads
 * instead, without a Spark job ({@link Dispatch}): the results are the same, bit for bit.
 */
final class SweepJob {
    private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);

    private SweepJob() { }

    /** The kernel of one task: items [from, to) of series {@code series}. */
    interface Work<B extends Serializable> extends Serializable {
        B run(ExperimentConfig cfg, int from, int to);
    }

    /**
     * A series' block results in item order, its compute time (its tasks' time over the slots, or
     * over the driver's threads) and where its job ran.
     */
    record Series<B>(List<B> blocks, double seconds, Dispatch dispatch) { }

    /** A task's result with its series and compute time. */
    record Part<B extends Serializable>(int series, int from, B value, long nanos) implements Serializable { }

    /**
     * The blocks of every series, in one Spark job or on the driver ({@link Dispatch}, logged).
     *
     * @param items  items of each series
     * @param blocks blocks of each series
     * @param tasks  Spark tasks the blocks are dealt to round-robin (0 or ≥ the number of blocks:
     *               one task per block); a task runs its blocks one after the other; results are
     *               put back in item order, so the grouping changes nothing but the number of tasks
     * @param work   the job's work units, for the choice of engine
     * @param job    what the job is, for the log and summary ("runs layout", "SDE", ...)
     * @param kernel the work of one block
     * @return per series, in the order of {@code cfgs}
     */
    static <B extends Serializable> List<Series<B>> run(JavaSparkContext sc, List<ExperimentConfig> cfgs, int[] items,
                                                        int[] blocks, int tasks, double work, String job,
                                                        Work<B> kernel) {
        final List<int[]> ranges = new ArrayList<>();
        for (int s = 0; s < cfgs.size(); s++) {
            final int n = items[s], nb = blocks[s];
            for (int b = 0; b < nb; b++) {
                ranges.add(new int[] {s, (int) ((long) n * b / nb), (int) ((long) n * (b + 1) / nb)});
            }
        }
        final Dispatch dispatch = Dispatch.of(sc, cfgs, work, job);
        LOG.info(String.format("[%s] %s: %d series, %d blocks", cfgs.get(0).name(), dispatch.describe(), cfgs.size(),
                ranges.size()));
        final List<Part<B>> parts = dispatch.onDriver() ? onDriver(cfgs, ranges, dispatch.threads(), kernel)
                : onSpark(sc, cfgs, ranges, tasks, kernel);
        parts.sort(java.util.Comparator.<Part<B>>comparingInt(Part::series).thenComparingInt(Part::from));
        final int slots = dispatch.onDriver() ? dispatch.threads() : sc.defaultParallelism();
        final List<Series<B>> result = new ArrayList<>();
        for (int s = 0; s < cfgs.size(); s++) {
            final List<B> mine = new ArrayList<>();
            long nanos = 0;
            for (Part<B> p : parts) { // sorted: blocks in item order
                if (p.series() == s) {
                    mine.add(p.value());
                    nanos += p.nanos();
                }
            }
            result.add(new Series<>(mine, nanos / 1e9 / Math.max(1, Math.min(slots, mine.size())), dispatch));
        }
        return result;
    }

    /** The blocks as one Spark job, dealt round-robin to {@code tasks} tasks. */
    private static <B extends Serializable> List<Part<B>> onSpark(JavaSparkContext sc, List<ExperimentConfig> cfgs,
                                                                List<int[]> ranges, int tasks, Work<B> work) {
        final int nt = tasks <= 0 || tasks >= ranges.size() ? ranges.size() : tasks;
        final List<ArrayList<int[]>> groups = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < ranges.size(); i++) { // round-robin: neighbouring blocks (similar cost) on different tasks
            groups.get(i % nt).add(ranges.get(i));
        }
        final Broadcast<ArrayList<ExperimentConfig>> cfgB = sc.broadcast(new ArrayList<>(cfgs));
        // runJob with a plain (non-lambda) function, as SparkAggregator: nothing for the closure cleaner
        final Object[] perPartition = (Object[]) sc.sc().runJob(sc.parallelize(groups, nt).rdd(),
                new BlockTask<>(cfgB, work), scala.reflect.ClassTag$.MODULE$.apply(Part[].class));
        final List<Part<B>> parts = new ArrayList<>();
        for (Object o : perPartition) {
            for (Object p : (Object[]) o) {
                @SuppressWarnings("unchecked") final Part<B> part = (Part<B>) p;
                parts.add(part);
            }
        }
        cfgB.destroy();
        return parts;
    }

    /** The blocks on the driver's compute threads, each block as a Spark task would run it. */
    private static <B extends Serializable> List<Part<B>> onDriver(List<ExperimentConfig> cfgs, List<int[]> ranges,
                                                                 int threads, Work<B> work) {
        final List<java.util.concurrent.Callable<Part<B>>> items = new ArrayList<>();
        for (int[] r : ranges) {
            final ExperimentConfig c = cfgs.get(r[0]);
            items.add(() -> {
                final long t0 = System.nanoTime();
                final B b = work.run(c, r[1], r[2]);
                return new Part<>(r[0], r[1], b, System.nanoTime() - t0);
            });
        }
        try {
            return new ArrayList<>(ComputeThreads.all(items, threads));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A task: its ranges' kernels, each on {@link ComputeThreads}. */
    static final class BlockTask<B extends Serializable> extends scala.runtime.AbstractFunction2<
            org.apache.spark.TaskContext, scala.collection.Iterator<ArrayList<int[]>>, Part<?>[]> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<ArrayList<ExperimentConfig>> cfgs;
        private final Work<B> work;

        BlockTask(Broadcast<ArrayList<ExperimentConfig>> cfgs, Work<B> work) {
            this.cfgs = cfgs;
            this.work = work;
        }

        @Override
        public Part<?>[] apply(org.apache.spark.TaskContext ctx, scala.collection.Iterator<ArrayList<int[]>> it) {
            final List<Part<B>> out = new ArrayList<>();
            try {
                while (it.hasNext()) {
                    for (int[] r : it.next()) {
                        final ExperimentConfig c = cfgs.value().get(r[0]);
                        final long t0 = System.nanoTime();
                        final B b = ComputeThreads.call(() -> work.run(c, r[1], r[2]));
                        out.add(new Part<>(r[0], r[1], b, System.nanoTime() - t0));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("task interrupted", e);
            }
            return out.toArray(new Part<?>[0]);
        }
    }
}
