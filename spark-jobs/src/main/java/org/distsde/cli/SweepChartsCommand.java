package org.distsde.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.distsde.io.ResultDir;
import org.distsde.report.ResultData;
import org.distsde.report.SweepCharts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sweep-charts}: final loss, diverged fraction, tail index and Theorem 7's bound against N,
 * from simulate results of a sweep over the agents ({@link SweepCharts}).
 */
@Command(name = "sweep-charts", sortOptions = false,
        description = {"final loss (median, p95), diverged fraction, tail index and Theorem 7's bound against N "
                + "(a directory that report also reads)"})
public final class SweepChartsCommand extends Verb {
    @Option(names = "--in", required = true, paramLabel = "<dir>",
            description = "a simulate result of the sweep (repeatable: their points are pooled)")
    List<String> ins = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "where the charts go")
    String dest;

    @Option(names = "--overwrite", description = "replace an existing non-empty directory")
    boolean overwrite;

    @Option(names = "--name", paramLabel = "NAME", description = "the files' stem (default: the first result's name)")
    String name;

    @Option(names = "--title", paramLabel = "T", description = "the grid's title")
    String title;

    @Override
    protected int run() throws Exception {
        out().println("distsde sweep-charts: " + ins.size() + " result" + (ins.size() == 1 ? "" : "s") + " -> " + dest);
        final Configuration hadoop = new Configuration();
        ResultDir.refuse(dest, overwrite, hadoop);
        final List<ResultData> data = new ArrayList<>();
        for (String p : ins) {
            data.add(ResultData.read(p, hadoop));
        }
        final String n = name != null ? name : data.get(0).name();
        final String t = title != null ? title : n + ": final round against the number of agents N";
        try (ResultDir dir = ResultDir.open(dest, overwrite, hadoop)) {
            final String table = SweepCharts.write(dir, n, t, data);
            dir.commit();
            out().print(table);
            out().println("wrote " + dir.target() + "/" + n + ".png, " + n + "-theorem.png, " + n + "-points.csv");
        }
        return 0;
    }
}
