package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.distsde.report.ReportModel.Figure;
import org.jfree.chart.JFreeChart;

/**
 * A {@code sweep-charts} result (its sweep.json and points CSV): the final round of a sweep against
 * the number of agents N, redrawn from the points ({@link SweepFigures}), with the points' table.
 */
record SweepSection(String id, String name, String title, SweepData.Sweep sweep, List<Figure> figures)
        implements Section {
    /** The sweep-charts directory's description of itself. */
    static final String META = "sweep.json";

    static SweepSection of(String name, String title, SweepData.Sweep sweep, Set<String> taken) {
        final String id = Names.unique(taken, Names.safe(name));
        final List<Figure> figs = new ArrayList<>();
        final SweepFigures.Grid grid = SweepFigures.grid(title, sweep);
        figs.add(new Figure(id, title, "Final round against N", "one column per optimizer, one row per statistic; "
                + "one line and marker per noise law", grid));
        final JFreeChart t = SweepFigures.theoremChart(sweep);
        if (t != null) {
            final String tid = Names.unique(taken, id + "-theorem");
            figs.add(Figure.of(tid, "Theorem 7 against N", t));
        }
        return new SweepSection(id, name, title, sweep, figs);
    }

    /** Reads a sweep-charts directory: {@code meta} its sweep.json, {@code points} the text of its points CSV. */
    static SweepSection read(JsonNode meta, String points, Set<String> taken) {
        return of(meta.path("name").asText("sweep"), meta.path("title").asText(meta.path("name").asText("sweep")),
                SweepData.read(points), taken);
    }
}
