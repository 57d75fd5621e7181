package org.distsde.cli;

import org.apache.spark.sql.SparkSession;
import org.distsde.config.ConfigLoader;
import org.distsde.io.ResultDir;
import org.distsde.spark.DataResolver;
import picocli.CommandLine.Option;

/** The verbs that run a config into a result directory: simulate, integrate, converge. */
abstract class JobVerb extends ConfigVerb {
    @Option(names = "--resume", order = 5,
            description = "continue a killed run from its checkpoints (.<out>.checkpoint next to --out)")
    boolean resume;

    @Option(names = "--checkpoint-every", paramLabel = "N", order = 6,
            description = "agents layout: checkpoint every N rounds (default rounds/10; 0 = only finished series)")
    Integer checkpointEvery;

    /** The agents-layout checkpoint interval, -1 for the default. */
    int checkpointEvery() {
        return checkpointEvery == null ? -1 : checkpointEvery;
    }

    /** What the command runs of each series. */
    abstract Preflight.Needs needs();

    /** The command's plan, for --dry-run and its first lines. */
    abstract Plan plan(ConfigLoader.Experiment exp);

    /** Runs the job into the open result directory, printing what it found. */
    abstract void job(SparkSession spark, ConfigLoader.Experiment exp, ResultDir dir) throws Exception;

    @Override
    protected String failing() {
        return "run";
    }

    @Override
    protected int run() throws Exception {
        if (checkpointEvery != null) {
            range("--checkpoint-every", checkpointEvery, 0, Integer.MAX_VALUE);
        }
        validate();
        final ConfigLoader.Experiment exp = prepare(needs());
        if (planned(plan(exp), overwrite || resume)) {
            return 0;
        }
        return withSpark("distsde-" + name() + "-" + exp.first().name(), s -> {
            final ConfigLoader.Experiment resolved = DataResolver.resolve(s, exp);
            if (resolved != exp) {
                Preflight.check(resolved, needs()); // the data-defined series, now that their rows are attached
            }
            try (ResultDir dir = ResultDir.open(out, overwrite || resume, s.sparkContext().hadoopConfiguration())) {
                if (resume) {
                    dir.removeStaleStaging();
                }
                final long t0 = System.nanoTime();
                job(s, resolved, dir);
                dir.commit();
                out().printf("wrote %s (%.1f s)%n", dir.target(), (System.nanoTime() - t0) / 1e9);
            }
            return 0;
        });
    }

    /** Checks the verb's own options before anything is read. */
    void validate() { }
}
