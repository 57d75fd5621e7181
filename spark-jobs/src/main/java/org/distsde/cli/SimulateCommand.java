package org.distsde.cli;

import org.apache.spark.sql.SparkSession;
import org.distsde.config.ConfigLoader;
import org.distsde.io.ResultDir;
import org.distsde.spark.SimulateJob;
import picocli.CommandLine.Command;

/** {@code simulate}: the optimizers, and their SDEs for series with {@code sde.enabled}. */
@Command(name = "simulate", sortOptions = false,
        description = {"simulate DSGD / DCSGD / DSignSGD / RMSprop(W) / Adam(W) with the agents spread over Spark partitions "
                + "(and, for series with sde.enabled, integrate their SDE into the same output)"})
class SimulateCommand extends JobVerb {
    /** Whether the optimizers run (simulate) or only the SDEs (integrate). */
    boolean optimizers() {
        return true;
    }

    @Override
    Preflight.Needs needs() {
        return optimizers() ? Preflight.Needs.OPTIMIZER : Preflight.Needs.SDE;
    }

    @Override
    Plan plan(ConfigLoader.Experiment exp) {
        return Plan.of(name(), exp, optimizers());
    }

    @Override
    void job(SparkSession spark, ConfigLoader.Experiment exp, ResultDir dir) throws Exception {
        final var results = SimulateJob.run(spark, exp, dir, optimizers(), resume, checkpointEvery(),
                (d, res) -> d.writeString("checks.txt", RunText.checksFile(res)));
        out().print(RunText.describe(results));
        out().println();
        out().print(RunText.checksTable(results));
    }
}
