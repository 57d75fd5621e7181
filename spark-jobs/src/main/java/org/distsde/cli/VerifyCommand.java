package org.distsde.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distsde.config.ConfigException;
import org.distsde.io.ResultDir;
import org.distsde.spark.VerifyJob;
import org.distsde.verify.Catalogue;
import org.distsde.verify.Statement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code verify}: every checkable statement of both papers, one verdict each ({@link VerifyJob}).
 * Hidden from the top-level help until README's usage block lists it (docs/verify.md documents it).
 */
@Command(name = "verify", sortOptions = false,
        description = {"decide every statement of the catalogue (Theorems, Lemmas, Corollaries, errata of both papers) "
                + "on its shipped conf/verify-*.json: one line per statement and a tally; verify.csv, verify.json"})
final class VerifyCommand extends Verb {
    @Option(names = "--out", required = true, paramLabel = "<dir>", order = 1,
            description = "result directory (file://, hdfs://, s3a:// ...); written atomically")
    String out;

    @Option(names = "--overwrite", order = 2, description = "replace an existing non-empty result directory")
    boolean overwrite;

    @Option(names = "--full", order = 3, description = "the papers' sizes (more runs, rounds, refinements) instead of "
            + "the small shipped ones")
    boolean full;

    @Option(names = "--only", paramLabel = "<id,...>", order = 4, split = ",",
            description = "only the statements whose id starts with one of these (e.g. s002-thm, s000-c5)")
    List<String> only = new ArrayList<>();

    @Option(names = "--root", paramLabel = "<dir>", order = 5, defaultValue = ".",
            description = "the directory the catalogue's conf/ paths are relative to (default: the current one)")
    Path root;

    @Override
    protected int run() throws Exception {
        final List<Statement> all = Catalogue.all();
        final List<Statement> sts = only.isEmpty() ? all
                : all.stream().filter(s -> only.stream().anyMatch(p -> s.id().startsWith(p))).toList();
        if (sts.isEmpty()) {
            throw new ConfigException("--only matches no statement (ids start with s002- or s000-)");
        }
        return withSpark("distsde-verify", s -> {
            try (ResultDir dir = ResultDir.open(out, overwrite, s.sparkContext().hadoopConfiguration())) {
                VerifyJob.run(s, sts, full, root, dir, out());
                out().printf("wrote %s%n", dir.target());
            }
            return 0;
        });
    }
}
