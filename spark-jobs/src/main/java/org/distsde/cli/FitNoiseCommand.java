package org.distsde.cli;

import java.util.ArrayList;
import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.Series;
import org.distsde.fit.FitResult;
import org.distsde.io.ResultDir;
import org.distsde.spark.CostModel;
import org.distsde.spark.DataResolver;
import org.distsde.spark.FitNoiseJob;
import org.distsde.spark.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fit-noise}: the agents' noise constants estimated from their gradient samples along a
 * trajectory, (L0, L1) along it, and the learning-rate condition with the fitted constants
 * ({@link FitNoiseJob}).
 */
@Command(name = "fit-noise", sortOptions = false,
        description = {"estimate every agent's noise constants (sigma0^2, sigma1^2, tail index) from its gradient "
                + "samples along a trajectory, and (L0, L1); check Eq. 1 / 5 / Theorem 7 with them"})
final class FitNoiseCommand extends ConfigVerb {
    @Option(names = "--points", paramLabel = "K", order = 5, defaultValue = "" + FitResult.Options.DEFAULT_POINTS,
            description = "points x_t along the trajectory, spread evenly in ln |grad f|^2 (default ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--samples", paramLabel = "M", order = 6, defaultValue = "" + FitResult.Options.DEFAULT_SAMPLES,
            description = "gradient samples per agent and point (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--trajectory-runs", paramLabel = "R", order = 7,
            defaultValue = "" + FitResult.Options.DEFAULT_TRAJECTORY_RUNS,
            description = "runs of the config's optimizer the trajectory and the rates come from (default "
                    + "${DEFAULT-VALUE})")
    int trajectoryRuns;

    @Override
    protected String failing() {
        return "fit-noise";
    }

    /** Per series the trajectory and the fits, and the two jobs' planned seconds. */
    private Plan plan(ConfigLoader.Experiment exp, double[] jobs) {
        final int cores = Plan.localCores();
        final List<Plan.Row> rows = new ArrayList<>();
        double heap = 0;
        jobs[0] += CostModel.JOB_S; // the two Spark jobs' own cost
        jobs[1] += CostModel.JOB_S;
        for (Series s : exp.series()) {
            final double[] t = CostModel.fitNoiseSeconds(s.config(), cores, points, samples, trajectoryRuns);
            jobs[0] += t[0];
            jobs[1] += t[1];
            rows.add(Plan.row(s, false, "-", t[0] + t[1]));
            heap = Math.max(heap, CostModel.heapBytes(s.config()));
        }
        return new Plan(name(), exp.first().name(), rows, cores, jobs[0] + jobs[1], heap, List.of(
                "one job for the trajectories (a task per series), one for the fits (" + points + " points x "
                        + samples + " samples per agent)"));
    }

    @Override
    protected int run() throws Exception {
        range("--points", points, 3, 10_000);
        range("--samples", samples, 10, 1_000_000);
        range("--trajectory-runs", trajectoryRuns, 1, 10_000);
        final FitResult.Options opt = new FitResult.Options(points, samples, trajectoryRuns);
        final ConfigLoader.Experiment exp = prepare(Preflight.Needs.OPTIMIZER);
        final double[] jobs = new double[2];
        if (planned(plan(exp, jobs), overwrite)) {
            return 0;
        }
        return withSpark("distsde-fit-noise-" + exp.first().name(), s -> {
            final ConfigLoader.Experiment resolved = DataResolver.resolve(s, exp);
            Preflight.check(resolved, Preflight.Needs.OPTIMIZER);
            try (ResultDir dir = ResultDir.open(out, overwrite, s.sparkContext().hadoopConfiguration())) {
                final long t0 = System.nanoTime();
                final List<FitResult> res;
                final Progress progress = new Progress("[" + exp.first().name() + "]", jobs[0] + jobs[1]);
                try (Progress.Watch w = progress.watch(s.sparkContext(), "fit-noise (trajectories, then fits)", jobs)) {
                    res = FitNoiseJob.run(s, resolved, opt, dir);
                }
                out().print(FitNoiseJob.table(res));
                out().printf("wrote %s (%.1f s)%n", dir.target(), (System.nanoTime() - t0) / 1e9);
            }
            return 0;
        });
    }
}
