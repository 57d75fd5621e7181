package org.distsde.report;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.distsde.cli.Verb;
import org.distsde.io.ResultDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code report --in <result dir> [--in ...] --out <dir> [--overwrite] [--title T]}: reads result
 * directories into a {@link ReportModel} (per experiment its series, verdicts and final figures, one
 * panel of charts per value of the first swept parameter: mean loss with its 5–95% band, optimizer
 * solid and SDE dashed; the learning rate where it varies; coordinate moments), writes every chart
 * as PNG and SVG and the page, a self-contained {@code index.html}, by {@link HtmlRenderer}.
 */
@Command(name = "report", sortOptions = false,
        description = {"plot result directories (PNG, SVG) and write an HTML report"})
public final class ReportCommand extends Verb {
    @Option(names = "--in", required = true, paramLabel = "<dir>",
            description = "a result directory of simulate, integrate or converge: a local path or any Hadoop "
                    + "URI (repeatable)")
    List<String> ins = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "where the report goes")
    String dest;

    @Option(names = "--overwrite", description = "replace an existing non-empty directory")
    boolean overwrite;

    @Option(names = "--title", paramLabel = "T", defaultValue = "distsde report",
            description = "the page's title (default: ${DEFAULT-VALUE})")
    String title;

    @Override
    protected int run() throws Exception {
        final List<ResultData> data = new ArrayList<>();
        final Map<String, ConvergeCharts.Tables> converge = new LinkedHashMap<>();
        final Configuration hadoop = new Configuration();
        for (String p : ins) {
            if (ConvergeCharts.isConvergeDir(p, hadoop)) {
                converge.put(p, ConvergeCharts.read(p, hadoop));
            } else {
                data.add(ResultData.read(p, hadoop));
            }
        }
        System.setProperty("java.awt.headless", "true");
        try (ResultDir dir = ResultDir.open(dest, overwrite, new Configuration())) {
            write(dir, ReportModel.of(title, data, converge));
            dir.commit();
            out().println("wrote " + dir.target() + "/index.html");
        }
        return 0;
    }

    /** Writes every chart of the model as PNG and SVG, and the page, into the (uncommitted) directory. */
    static void write(ResultDir dir, ReportModel model) throws Exception {
        final List<ReportModel.Figure> figures = new ArrayList<>();
        for (ReportModel.Experiment e : model.experiments()) {
            for (ReportModel.Panel p : e.panels()) {
                figures.addAll(p.figures());
            }
        }
        for (ReportModel.Study s : model.studies()) {
            figures.addAll(s.figures());
        }
        for (ReportModel.Figure f : figures) {
            try (OutputStream o = dir.create(f.stem() + ".png")) {
                o.write(Plots.png(f.chart()));
            }
            dir.writeString(f.stem() + ".svg", Plots.svg(f.chart()));
        }
        dir.writeString("index.html", HtmlRenderer.render(model));
    }

    /** A name as a file stem and page anchor. */
    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
