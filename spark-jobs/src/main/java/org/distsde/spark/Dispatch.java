package org.distsde.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.distsde.config.ExperimentConfig;

/**
 * Where one job's blocks run: as a Spark job, or on the driver's own compute threads
 * ({@link ComputeThreads}) without one — the same blocks through the same code, so the same
 * numbers. A Spark job costs a fixed ≈ 20–30 ms (scheduling, serialising the tasks and results)
 * and one per round in the agents layout; below {@link #DRIVER_WORK} units of work (agent-gradient
 * coordinates, or path-steps·d) that is a noticeable share. The threshold is scaled by the driver's
 * threads over Spark's slots: with local[*] they are the same cores, on a cluster the driver
 * takes only the work its few cores do faster than the whole cluster plus a job's fixed cost.
 * {@code layout.engine} = {@code driver} or {@code spark} forces the choice (if the series of one
 * job disagree, spark wins over driver over auto).
 *
 * @param job       what runs ("runs layout", "SDE", "SDE level 1", "agents layout")
 * @param engine    "driver" or "spark"
 * @param reason    why, in words
 * @param work      the job's work units
 * @param threshold the auto threshold, {@link #DRIVER_WORK}·threads/slots
 * @param threads   the driver's compute threads for the job: min(its cores, slots)
 * @param slots     Spark's default parallelism
 */
public record Dispatch(String job, String engine, String reason, double work, double threshold, int threads, int slots)
        implements Serializable {
    /** Units of work below which auto runs on the driver when it has as many threads as Spark has slots. */
    public static final double DRIVER_WORK = 2.5e8;

    /** The choice for a job of {@code work} units over the series {@code cfgs}. */
    static Dispatch of(JavaSparkContext sc, List<ExperimentConfig> cfgs, double work, String job) {
        final int slots = Math.max(1, sc.defaultParallelism());
        final int threads = Math.max(1, Math.min(ComputeThreads.size(), slots));
        final double threshold = DRIVER_WORK * threads / slots;
        String forced = "auto";
        for (ExperimentConfig c : cfgs) {
            final String e = c.layout().engine();
            if (e.equals("spark") || (e.equals("driver") && forced.equals("auto"))) {
                forced = e;
            }
        }
        final String engine, reason;
        if (!forced.equals("auto")) {
            engine = forced;
            reason = "layout.engine=" + forced;
        } else if (work <= threshold) {
            engine = "driver";
            reason = String.format(Locale.ROOT, "auto: work %.3g <= threshold %.3g", work, threshold);
        } else {
            engine = "spark";
            reason = String.format(Locale.ROOT, "auto: work %.3g > threshold %.3g", work, threshold);
        }
        return new Dispatch(job, engine, reason, work, threshold, threads, slots);
    }

    public boolean onDriver() {
        return engine.equals("driver");
    }

    /** One line for the log. */
    public String describe() {
        return String.format(Locale.ROOT, "%s on the %s (%s; threshold %.3g = %.3g x %d driver threads / %d slots)",
                job, onDriver() ? "driver" : "Spark executors", reason, threshold, DRIVER_WORK, threads, slots);
    }

    /** Agent-gradient coordinates of an optimizer series: R·T·d·N. */
    public static double optimizerWork(ExperimentConfig c) {
        return (double) c.runs() * c.rounds() * c.buildObjective().dim() * c.agents();
    }
}
