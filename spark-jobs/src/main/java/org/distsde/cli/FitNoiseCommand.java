package org.distsde.cli;

import org.distsde.config.ConfigLoader;
import org.distsde.fit.FitResult;
import org.distsde.io.ResultDir;
import org.distsde.spark.FitNoiseJob;
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

    @Override
    protected int run() throws Exception {
        range("--points", points, 3, 10_000);
        range("--samples", samples, 10, 1_000_000);
        range("--trajectory-runs", trajectoryRuns, 1, 10_000);
        final FitResult.Options opt = new FitResult.Options(points, samples, trajectoryRuns);
        final ConfigLoader.Experiment exp = ConfigLoader.load(config, sets);
        return withSpark("distsde-fit-noise-" + exp.first().name(), s -> {
            try (ResultDir dir = ResultDir.open(out, overwrite, s.sparkContext().hadoopConfiguration())) {
                final long t0 = System.nanoTime();
                out().print(FitNoiseJob.table(FitNoiseJob.run(s, org.distsde.spark.DataResolver.resolve(s, exp), opt, dir)));
                out().printf("wrote %s (%.1f s)%n", dir.target(), (System.nanoTime() - t0) / 1e9);
            }
            return 0;
        });
    }
}
