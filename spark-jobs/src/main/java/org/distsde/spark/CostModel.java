package org.distsde.spark;

import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseType;
import org.distsde.config.OptimizerKind;
import org.distsde.config.SignSampling;

/**
 * Estimated wall time and driver heap of a series, from the cost model measured on a 2-core machine
 * (README, "10⁷ agents, memory and a cost model" and "Benchmarks"): the agents layout costs
 * {@link #ROUND_JOB_S} per round (its Spark job) plus {@link #AGENT_STEP_CORE_NS} core-ns per
 * agent-step and coordinate for DSignSGD with CDF signs, times the kernel's factor
 * ({@link #factor}); the runs layout the same work without the per-round job; the SDE
 * {@link #PATH_STEP_CORE_NS} core-ns per path-step and coordinate, every refinement level twice the
 * one before. The figures are estimates for planning and for the ETA of the progress lines (which
 * rescale them by the time measured as the work proceeds), not promises: the measured points
 * scatter by ±30% with the machine's load.
 */
public final class CostModel {
    /** Agents layout: the Spark job of one round (scheduling, task launch, the round's input). */
    static final double ROUND_JOB_S = 0.060;
    /** One Spark job of a whole sweep (runs layout, SDE): submission and hand-off. */
    public static final double JOB_S = 0.5;
    /** DSignSGD with CDF signs, per agent-step and coordinate, on one core. */
    static final double AGENT_STEP_CORE_NS = 8.1;
    /**
     * Euler–Maruyama, per path-step and coordinate, on one core, with the recording and the checks'
     * integrals (bench sde-dsgd: 84.5 M/s on 2 cores, 24 core-ns; its finer sde-dsgd-fine 10 core-ns).
     */
    static final double PATH_STEP_CORE_NS = 25;
    /** Spark's own heap in local mode (live heap after GC, measured 51–64 MB; with the JIT and buffers). */
    static final double SPARK_HEAP_BYTES = 300e6;
    /** The levels a resolved SDE typically needs before its tolerance is met (Δt₀, Δt₀/2, Δt₀/4). */
    public static final int TYPICAL_LEVELS = 3;

    private CostModel() { }

    /** A series' dimension d, or -1 when it is only known once its data is read. */
    public static int dim(ExperimentConfig c) {
        try {
            return c.buildObjective().dim();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * The kernel's cost per agent-step relative to DSignSGD with CDF signs (README's table at N = 10⁶:
     * DSGD 1.5, DCSGD 4.0, AdamW 1.0 under Gaussian noise; 5.1–5.7 for DSGD / DCSGD, 6.7 for AdamW and
     * 7.1 for DSignSGD drawing the noise under heavy tails); full-covariance noise costs d times more
     * (a matrix-vector product per agent).
     */
    public static double factor(ExperimentConfig c) {
        final boolean heavy = c.noise().kind() != NoiseType.GAUSSIAN;
        final double f;
        final OptimizerKind o = c.optimizer();
        if (o.signs()) {
            f = c.signSampling() == SignSampling.CDF ? 1 : heavy ? 7.1 : 1.5;
        } else if (o.adaptive()) {
            f = heavy ? 6.7 : 1.0;
        } else if (c.compression().compresses()) {
            f = heavy ? 5.7 : 4.0;
        } else {
            f = heavy ? 5.4 : 1.5;
        }
        final int d = Math.max(1, dim(c));
        return c.noise().correlated() ? f * d : f;
    }

    /** The optimizer's estimated wall time on {@code cores} cores in the layout the series runs in. */
    public static double optimizerSeconds(ExperimentConfig c, int cores) {
        return optimizerSeconds(c, cores, c.layout().byRuns(c.normalization()));
    }

    /** The optimizer's estimated wall time in the runs layout ({@code byRuns}) or the agents layout. */
    public static double optimizerSeconds(ExperimentConfig c, int cores, boolean byRuns) {
        final int d = dim(c);
        if (d < 0) {
            return Double.NaN;
        }
        final double work = (double) c.agents() * c.runs() * c.rounds() * d * factor(c) * AGENT_STEP_CORE_NS * 1e-9;
        return work / Math.max(1, cores) + (byRuns || onDriver(c) ? 0 : c.rounds() * ROUND_JOB_S);
    }

    /**
     * True when an agents-layout series is expected to run on the driver ({@link Dispatch}: forced by
     * {@code layout.engine}, or small enough for {@code auto}), where no round pays a Spark job.
     */
    static boolean onDriver(ExperimentConfig c) {
        final String e = c.layout().engine();
        return e.equals("driver") || (e.equals("auto") && Dispatch.optimizerWork(c) <= Dispatch.DRIVER_WORK);
    }

    /**
     * fit-noise: the trajectory ({@code trajectoryRuns} runs of the optimizer on one core) and the fits
     * ({@code points × samples} gradient samples of every agent), as {trajectory, fits}.
     */
    public static double[] fitNoiseSeconds(ExperimentConfig c, int cores, int points, int samples,
                                           int trajectoryRuns) {
        final int d = dim(c);
        if (d < 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        final double perAgentStep = d * factor(c) * AGENT_STEP_CORE_NS * 1e-9;
        return new double[] {(double) trajectoryRuns * c.rounds() * c.agents() * perAgentStep,
            (double) points * samples * c.agents() * perAgentStep / Math.max(1, cores)};
    }

    /** The SDE's estimated wall time for {@code levels} refinement levels (Δt₀ … Δt₀/2^(levels−1)). */
    public static double sdeSeconds(ExperimentConfig c, int cores, int levels) {
        final int d = dim(c);
        if (d < 0) {
            return Double.NaN;
        }
        final int paths = c.sde().paths() != null ? c.sde().paths() : c.runs();
        final double dt0 = c.sde().dt() != null ? c.sde().dt() : c.eta();
        final double steps = Math.max(1, Math.round(c.rounds() * c.eta() / dt0));
        final double noise = c.noise().correlated() ? d : 1;
        return (double) paths * steps * d * noise * ((1L << levels) - 1) * PATH_STEP_CORE_NS * 1e-9 / Math.max(1, cores);
    }

    /** converge's Δt study of a series: its SDE at every level Δt₀ … Δt₀/2^maxRefinements. */
    public static double dtStudySeconds(ExperimentConfig c, int cores) {
        return sdeSeconds(c, cores, c.sde().maxRefinements() + 1);
    }

    /**
     * converge's weak error in η at η/2^i: the optimizer and its resolved SDE over the same horizon,
     * 2^i times the rounds and steps of η.
     */
    public static double etaStudySeconds(ExperimentConfig c, int cores, int i) {
        return (1L << i) * (optimizerSeconds(c, cores) + sdeSeconds(c, cores, TYPICAL_LEVELS));
    }

    /**
     * The driver's heap for a series (in local mode the executors share it): Spark's own, the recorded
     * per-run values the runs layout collects (9 + k doubles per run and recorded round), and the
     * iterates and messages of all runs (about 6 doubles per run and coordinate).
     */
    public static double heapBytes(ExperimentConfig c) {
        final int d = Math.max(1, dim(c));
        final double recorded = c.rounds() / (double) c.recordEvery() + 2;
        return SPARK_HEAP_BYTES + recorded * c.runs() * (9 + c.recordCoordinates()) * 8.0 + 6.0 * c.runs() * d * 8;
    }
}
