package org.distsde.cli;

import org.apache.spark.sql.SparkSession;
import org.distsde.config.ConfigLoader;
import org.distsde.io.ResultDir;
import org.distsde.spark.ConvergeJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code converge}: the SDEs' Δt convergence study and the optimizer-vs-SDE weak error in η. */
@Command(name = "converge", sortOptions = false,
        description = {"the SDEs' dt convergence study (dt0/2^l, coupled paths: errors, fitted weak order) and the "
                + "optimizer-vs-SDE weak error against eta"})
final class ConvergeCommand extends JobVerb {
    @Option(names = "--etas", paramLabel = "K", order = 7, defaultValue = "3",
            description = "eta, eta/2, ..., eta/2^(K-1) for the weak error in eta (default ${DEFAULT-VALUE}; "
                    + "0 = only the dt study)")
    int etas;

    @Override
    void validate() {
        range("--etas", etas, 0, 8);
    }

    @Override
    Preflight.Needs needs() {
        return etas > 0 ? Preflight.Needs.BOTH : Preflight.Needs.SDE;
    }

    @Override
    Plan plan(ConfigLoader.Experiment exp) {
        return Plan.converge(name(), exp, etas);
    }

    @Override
    void job(SparkSession spark, ConfigLoader.Experiment exp, ResultDir dir) throws Exception {
        out().print(ConvergeJob.render(ConvergeJob.run(spark, exp, dir, etas)));
    }
}
