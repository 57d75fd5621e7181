package org.distsde.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.distsde.report.ReportModel.Figure;

/**
 * A {@code converge} result: the SDE's Δt study (differences of consecutive levels on coupled paths
 * and the weak order fitted on them) and the optimizer against its Δt-resolved SDE as η shrinks;
 * per series the fitted orders.
 */
record StudySection(String id, String name, String text, List<Figure> figures, List<Order> orders)
        implements Section {
    /** The weak orders fitted for one series, in Δt (of the final loss mean) and in η, with 95% intervals. */
    record Order(String series, String dt, String eta) { }

    static StudySection read(String uri, Configuration conf, Set<String> taken) throws java.io.IOException {
        final ConvergeCharts.Tables t = ConvergeCharts.read(uri, conf);
        final org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(uri);
        final org.apache.hadoop.fs.Path summary = new org.apache.hadoop.fs.Path(dir, "summary.json");
        final org.apache.hadoop.fs.FileSystem fs = dir.getFileSystem(conf);
        final String name = fs.isFile(summary) ? new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Report.text(fs, summary)).path("name").asText(dir.getName()) : dir.getName();
        final String id = Names.unique(taken, Names.safe(name));
        final List<Figure> figs = new ArrayList<>();
        figs.add(Figure.of(id + "-dt", "Weak error of the SDE in Δt", ConvergeCharts.dtChart(name
                + " — SDE weak error in Δt", t)));
        if (!t.eta().isEmpty()) {
            figs.add(Figure.of(id + "-eta", "Weak error of the optimizer against its SDE in η",
                    ConvergeCharts.etaChart(name + " — optimizer vs SDE in η", t)));
        }
        return new StudySection(id, name, "The SDE at Δt₀/2^l on coupled Brownian paths (differences of consecutive "
                + "levels and the weak order fitted on them), and the optimizer against its Δt-resolved SDE as η "
                + "shrinks at a fixed horizon (the papers claim weak order 1 in η).", figs, orders(t));
    }

    /** Per series (in the order of the tables) its fitted orders in Δt and in η. */
    private static List<Order> orders(ConvergeCharts.Tables t) {
        final Map<String, String[]> m = new LinkedHashMap<>();
        for (Map<String, String> r : t.dt()) {
            if ("loss_mean".equals(r.get("statistic"))) {
                m.computeIfAbsent(r.get("series") + " " + r.get("label"), k -> new String[2])[0] = order(r);
            }
        }
        for (Map<String, String> r : t.eta()) {
            m.computeIfAbsent(r.get("series") + " " + r.get("label"), k -> new String[2])[1] = order(r);
        }
        final List<Order> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(new Order(k, v[0] == null ? "–" : v[0], v[1] == null ? "–" : v[1])));
        return out;
    }

    private static String order(Map<String, String> r) {
        try {
            return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", Double.parseDouble(r.get("order")),
                    Double.parseDouble(r.get("order_lo")), Double.parseDouble(r.get("order_hi")));
        } catch (RuntimeException e) {
            return "n/a";
        }
    }
}
