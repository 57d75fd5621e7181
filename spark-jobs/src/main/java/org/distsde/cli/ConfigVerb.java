package org.distsde.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The verbs that read a config (with overrides) and write a result directory: the options they share. */
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
}
