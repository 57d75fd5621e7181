package org.distsde.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.distsde.io.ResultDir;
import org.distsde.report.Report;
import org.distsde.report.ReportModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code report --in <dir> [--in ...] --out <dir> [--compare] [--overwrite] [--title T]}: one page
 * for a whole study — result directories of every kind ({@link Report}) with one overview, their
 * charts as PNG and SVG beside a self-contained {@code index.html}; with {@code --compare}, two
 * results of the same config side by side.
 */
@Command(name = "report", sortOptions = false,
        description = {"one HTML page (and every chart as PNG, SVG) for result directories of any kind: simulate, "
                + "integrate, converge, frontier, fit-noise, sweep-charts, verify"})
public final class ReportCommand extends Verb {
    @Option(names = "--in", required = true, paramLabel = "<dir>",
            description = "a result directory: a local path or any Hadoop URI (repeatable; the page shows them in "
                    + "this order)")
    List<String> ins = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "where the report goes")
    String dest;

    @Option(names = "--compare", description = "two --in of the same config: their differences in final figures "
            + "and verdicts, first on the page")
    boolean compare;

    @Option(names = "--overwrite", description = "replace an existing non-empty directory")
    boolean overwrite;

    @Option(names = "--title", paramLabel = "T", defaultValue = "distsde report",
            description = "the page's title (default: ${DEFAULT-VALUE})")
    String title;

    @Override
    protected int run() throws Exception {
        out().println("distsde report: " + ins.size() + " result" + (ins.size() == 1 ? "" : "s") + " -> " + dest);
        final Configuration hadoop = new Configuration();
        ResultDir.refuse(dest, overwrite, hadoop);
        final ReportModel model = Report.build(title, ins, compare, hadoop);
        try (ResultDir dir = ResultDir.open(dest, overwrite, hadoop)) {
            Report.write(dir, model);
            dir.commit();
            out().println("wrote " + dir.target() + "/index.html");
        }
        return 0;
    }
}
