package org.distsde.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.distsde.config.ConfigLoader;
import org.distsde.io.ResultDir;
import picocli.CommandLine.Option;

/**
 * The verbs that read a config (with overrides) and write a result directory: the options they
 * share, and what they do before Spark starts — a first line at once, the config read and every
 * series of its sweep checked ({@link Preflight}), an existing {@code --out} refused, the plan and
 * its estimate printed ({@link Plan}), or only that with {@code --dry-run}.
 */
abstract class ConfigVerb extends Verb {
    @Option(names = "--config", required = true, paramLabel = "<file>", order = 1,
            description = "experiment config (JSON), e.g. conf/fig1-b1-dsgd.json")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "<dir>", order = 2,
            description = "result directory (file://, hdfs://, s3a:// ...); written atomically")
    String out;

    @Option(names = "--overwrite", order = 3, description = "replace an existing non-empty result directory")
    boolean overwrite;

    @Option(names = "--set", paramLabel = "<key.path=value>", order = 4,
            description = "override any config field (repeatable), e.g. --set runs=200")
    List<String> sets = new ArrayList<>();

    @Option(names = "--dry-run", order = 20,
            description = "check the config and every series of its sweep, print the expanded sweep, the layouts "
                    + "and the estimated time and memory, and stop (no Spark, nothing written)")
    boolean dryRun;

    /**
     * Prints the first line, reads the config and checks every series for what the command runs;
     * a failure is a {@link org.distsde.config.ConfigException} (exit status 2), nothing written.
     */
    ConfigLoader.Experiment prepare(Preflight.Needs needs) {
        out().println("distsde " + name() + ": " + config + (dryRun ? " (dry run)" : " -> " + out));
        out().flush();
        final ConfigLoader.Experiment exp = ConfigLoader.load(config, sets);
        Preflight.check(exp, needs);
        return exp;
    }

    /**
     * With {@code --dry-run}, prints the plan and returns true (the command stops); else refuses an
     * existing {@code --out} and prints the plan's summary line, before Spark starts.
     */
    boolean planned(Plan plan, boolean replace) {
        if (dryRun) {
            out().print(plan.text());
            return true;
        }
        ResultDir.refuse(out, replace, new Configuration());
        out().println(plan.line());
        out().flush();
        return false;
    }
}
