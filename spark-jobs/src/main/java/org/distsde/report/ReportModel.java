package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.distsde.config.ExperimentConfig;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;

/**
 * What the report shows, built from the result directories: per experiment its series with their
 * final figures and verdicts, its panels of charts, its detail tables and provenance; per
 * convergence study its charts. {@link HtmlRenderer} writes it as a page; {@link ReportCommand}
 * writes its charts as PNG and SVG files.
 */
record ReportModel(String title, List<Experiment> experiments, List<Study> studies) {
    /** The kinds of a series, in the order the page lists them. */
    static final List<String> KINDS = List.of("optimizer", "sde", "sde-resolved");
    /** A check that found a counterexample, shown in place of its verdict. */
    static final String COUNTEREXAMPLE = "COUNTEREXAMPLE";

    /**
     * A chart: the stem of its files ({@code stem.png}, {@code stem.svg}), its title in the files, its
     * short label on the page (where the section heading names the experiment and panel), and its
     * caption (the files' subtitle).
     */
    record Figure(String stem, String title, String label, String caption, JFreeChart chart) {
        /** The chart's own title and first text subtitle become the figure's title and caption. */
        static Figure of(String stem, String label, JFreeChart chart) {
            String caption = "";
            for (Object t : chart.getSubtitles()) {
                if (t instanceof TextTitle tt) {
                    caption = tt.getText();
                    break;
                }
            }
            return new Figure(stem, chart.getTitle() == null ? stem : chart.getTitle().getText(), label, caption, chart);
        }
    }

    /** The theorem check of one kind of one series; {@code verdict} as summary.json spells it (HOLDS, NOT_CLAIMED, …). */
    record Check(String theorem, String condition, boolean robbinsMonro, String verdict, String summary,
                 boolean counterexample) { }

    /** One kind of one series: its final figures and its check (null without one). */
    record Run(String kind, double loss, double p05, double p95, long diverged, long runs, double seconds,
               double throughput, Check check) { }

    /**
     * One series of the sweep: its label in its panel (the panel's own parameter left out), its full
     * label, the panel it is drawn in and its colour there, its runs by kind, and its learning rate
     * when constant (NaN when it varies).
     */
    record Series(int index, String label, String fullLabel, String panelId, int colour, Map<String, Run> kinds,
                  double constantRate) {
        Run run(String kind) {
            return kinds.get(kind);
        }

        /** The optimizer's run, or the SDE's where there is no optimizer (integrate). */
        Run first() {
            return kinds.containsKey("optimizer") ? kinds.get("optimizer") : kinds.get("sde");
        }
    }

    /** A panel: the charts of the series sharing a value of the first swept parameter, and those series. */
    record Panel(String id, String heading, List<Figure> figures, List<Series> series, boolean rateVaries) { }

    /** A table of formatted cells; a cell starting with {@link #STRONG} is emphasised. */
    record Table(String heading, List<String> head, List<List<String>> rows) {
        static final String STRONG = "\u0001";
    }

    /** A named value (the facts line, provenance). */
    record Fact(String name, String value) { }

    /** One result directory of simulate or integrate. */
    record Experiment(String id, String name, String description, List<Fact> facts, List<Panel> panels,
                      List<Series> series, List<Table> details, List<Fact> provenance, String config) {
        /**
         * One verdict per series: its resolved SDE's (the statement about the theorem), or else its
         * own; COUNTEREXAMPLE where that check found one.
         */
        List<String> verdicts() {
            final List<String> v = new ArrayList<>();
            for (Series s : series) {
                final Run r = theoremRun(s);
                if (r != null && r.check() != null) {
                    v.add(r.check().counterexample() ? COUNTEREXAMPLE : r.check().verdict());
                }
            }
            return v;
        }

        long counterexamples() {
            return series.stream().flatMap(s -> s.kinds().values().stream())
                    .filter(r -> r.check() != null && r.check().counterexample()).count();
        }
    }

    /** A {@code converge} directory: the Δt study and the weak error in η, and per series the fitted orders. */
    record Study(String id, String name, String text, List<Figure> figures, List<Order> orders) { }

    /** The weak orders fitted for one series of a study, in Δt (of the final loss mean) and in η, with 95% intervals. */
    record Order(String series, String dt, String eta) { }

    /** The run whose verdict is about the theorem: the resolved SDE where there is one, else the first checked. */
    static Run theoremRun(Series s) {
        final Run r = s.run("sde-resolved");
        if (r != null && r.check() != null) {
            return r;
        }
        for (String k : KINDS) {
            if (s.run(k) != null && s.run(k).check() != null) {
                return s.run(k);
            }
        }
        return null;
    }

    /** Builds the model: reads the summaries and curves and draws every chart. */
    static ReportModel of(String title, List<ResultData> data, Map<String, ConvergeCharts.Tables> converge) {
        final Set<String> ids = new HashSet<>();
        final List<Experiment> experiments = new ArrayList<>();
        for (ResultData d : data) {
            experiments.add(experiment(d, unique(ids, ReportCommand.safe(d.name()))));
        }
        final List<Study> studies = new ArrayList<>();
        for (var e : converge.entrySet()) {
            final String name = ReportCommand.safe(new org.apache.hadoop.fs.Path(e.getKey()).getName());
            final String id = unique(ids, name);
            final List<Figure> figs = new ArrayList<>();
            figs.add(Figure.of(id + "-dt", "Weak error of the SDE in Δt", ConvergeCharts.dtChart(name + " — SDE weak error in dt", e.getValue())));
            if (!e.getValue().eta().isEmpty()) {
                figs.add(Figure.of(id + "-eta", "Weak error of the optimizer against its SDE in η", ConvergeCharts.etaChart(name + " — optimizer vs SDE in eta",
                        e.getValue())));
            }
            studies.add(new Study(id, name, "The SDE at dt0/2^l on coupled Brownian paths (differences of consecutive "
                    + "levels and the weak order fitted on them), and the optimizer against its dt-resolved SDE as eta "
                    + "shrinks at a fixed horizon (the papers claim weak order 1 in eta).", figs, orders(e.getValue())));
        }
        return new ReportModel(title, experiments, studies);
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

    private static String unique(Set<String> ids, String id) {
        String u = id;
        for (int i = 2; !ids.add(u); i++) {
            u = id + "-" + i;
        }
        return u;
    }

    private static Experiment experiment(ResultData d, String id) {
        final JsonNode summary = d.summary();
        final Map<String, Map<String, String>> params = ExperimentCharts.params(summary);
        final List<String> keys = ExperimentCharts.sweptKeys(params);
        final Map<String, ExperimentCharts.Panel> panels = ExperimentCharts.panels(d, params, keys);
        final List<ExperimentConfig> configs = TheoryCurves.configs(summary);
        final Map<Integer, Map<String, Run>> runs = runs(summary);
        final List<Panel> out = new ArrayList<>();
        final Map<Integer, Series> series = new TreeMap<>();
        int pi = 0;
        for (ExperimentCharts.Panel p : panels.values()) {
            pi++;
            final String stem = id + (panels.size() > 1 ? "-" + pi : "");
            final String panelId = panels.size() > 1 ? id + "-p" + pi : id + "-p";
            final String title = d.name() + (p.key().isEmpty() ? "" : " — " + p.key());
            final boolean varies = ExperimentCharts.rateVaries(p);
            final List<Figure> figs = new ArrayList<>();
            figs.add(Figure.of(stem + "-loss", "Loss E[f(x_k)] − f*", ExperimentCharts.chart(configs, p, keys, title, "loss")));
            if (varies) {
                figs.add(Figure.of(stem + "-lr", "Learning rate", ExperimentCharts.chart(configs, p, keys, title, "lr")));
            }
            if (ExperimentCharts.bitsDiffer(p)) {
                figs.add(Figure.of(stem + "-bits", "Loss against the bits sent", ExperimentCharts.bits(configs, p, keys, title)));
            }
            final int k = ExperimentCharts.coordinates(p);
            if (k > 0) {
                figs.add(Figure.of(stem + "-mean", "E[x_j] over runs", ExperimentCharts.moments(configs, p, keys, title, k, false)));
                figs.add(Figure.of(stem + "-var", "Var[x_j] over runs", ExperimentCharts.moments(configs, p, keys, title, k, true)));
            }
            final List<Integer> order = ExperimentCharts.order(p);
            final List<Series> members = new ArrayList<>();
            for (int s : order) {
                final ResultData.Curve c = curve(p, s);
                final String label = ExperimentCharts.legend(c, keys);
                final Series row = new Series(s, label, p.key().isEmpty() ? label : p.key() + " · " + label, panelId,
                        order.indexOf(s), runs.getOrDefault(s, Map.of()), ExperimentCharts.constantRate(p, s));
                members.add(row);
                series.put(s, row);
            }
            out.add(new Panel(panelId, p.key(), figs, members, varies));
        }
        return new Experiment(id, d.name(), summary.path("description").asText(""), facts(summary, configs), out,
                new ArrayList<>(series.values()), details(summary), provenance(summary), config(summary));
    }

    private static ResultData.Curve curve(ExperimentCharts.Panel p, int series) {
        for (List<ResultData.Curve> g : List.of(p.optimizer(), p.sde())) {
            for (ResultData.Curve c : g) {
                if (c.series() == series) {
                    return c;
                }
            }
        }
        throw new IllegalStateException("series " + series + " has no curve");
    }

    /** series index → kind → its final figures and check, from summary.json. */
    private static Map<Integer, Map<String, Run>> runs(JsonNode summary) {
        final Map<Integer, Map<String, Run>> m = new TreeMap<>();
        for (JsonNode s : summary.path("series")) {
            final JsonNode f = s.path("final");
            final JsonNode c = s.path("checks");
            Check check = null;
            if (!c.isMissingNode()) {
                final JsonNode cond = c.path("condition");
                check = new Check(c.path("theorem").asText(""), cond.path("applicable").asBoolean()
                        ? cond.path("held").asText() + "/" + cond.path("points").asText() : "n/a",
                        c.path("robbinsMonro").path("classical").asBoolean(), c.path("verdict").asText(""),
                        c.path("summary").asText(c.path("verdict").asText("")), c.path("counterexample").asBoolean());
            }
            m.computeIfAbsent(s.path("index").asInt(), k -> new LinkedHashMap<>()).put(s.path("kind").asText(),
                    new Run(s.path("kind").asText(), num(f, "loss_mean"), num(f, "loss_p05"), num(f, "loss_p95"),
                            f.path("diverged").asLong(), s.path("runs").asLong(), s.path("seconds").asDouble(Double.NaN),
                            s.path("throughput").asDouble(Double.NaN), check));
        }
        return m;
    }

    private static double num(JsonNode n, String field) {
        final JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    /** The facts line: optimizers, agents, dimension, runs × rounds, η, seed, wall time. */
    private static List<Fact> facts(JsonNode summary, List<ExperimentConfig> configs) {
        final List<Fact> f = new ArrayList<>();
        final Map<String, Set<String>> v = new LinkedHashMap<>();
        for (String k : new String[] {"optimizer", "agents", "dim", "runs", "rounds"}) {
            v.put(k, new LinkedHashSet<>());
        }
        for (JsonNode s : summary.path("series")) {
            for (String k : v.keySet()) {
                if (s.has(k)) {
                    v.get(k).add(s.path(k).asText());
                }
            }
        }
        final Set<String> etas = new LinkedHashSet<>();
        for (ExperimentConfig c : configs) {
            etas.add(String.format(Locale.ROOT, "%g", c.eta()).replaceAll("\\.?0+(e|$)", "$1"));
        }
        add(f, "optimizer", v.get("optimizer"));
        add(f, "agents N", v.get("agents"));
        add(f, "d", v.get("dim"));
        add(f, "runs", v.get("runs"));
        add(f, "iterations", v.get("rounds"));
        add(f, "η", etas);
        if (summary.has("seed")) {
            f.add(new Fact("seed", summary.path("seed").asText()));
        }
        if (summary.path("wallSeconds").isNumber()) {
            f.add(new Fact("wall time", String.format(Locale.ROOT, "%.1f s", summary.path("wallSeconds").asDouble())));
        }
        return f;
    }

    private static void add(List<Fact> f, String name, Set<String> values) {
        if (!values.isEmpty()) {
            f.add(new Fact(name, values.size() <= 4 ? String.join(", ", values) : values.size() + " values"));
        }
    }

    /** The detail tables: final figures of every kind, the theorem checks, the Δt resolution. */
    private static List<Table> details(JsonNode summary) {
        final List<Table> t = new ArrayList<>();
        final List<List<String>> finals = new ArrayList<>();
        final List<List<String>> checks = new ArrayList<>();
        final List<List<String>> refine = new ArrayList<>();
        for (JsonNode s : summary.path("series")) {
            final JsonNode f = s.path("final");
            final String i = s.path("index").asText(), kind = s.path("kind").asText();
            finals.add(List.of(i, kind, s.path("label").asText(), fmt(f.path("loss_mean")), fmt(f.path("loss_p05")),
                    fmt(f.path("loss_p95")), f.path("diverged").asText(), s.path("runs").asText(),
                    String.format(Locale.ROOT, "%.2f", s.path("seconds").asDouble()),
                    String.format(Locale.ROOT, "%.3g", s.path("throughput").asDouble())));
            final JsonNode c = s.path("checks");
            if (!c.isMissingNode()) {
                final JsonNode cond = c.path("condition");
                final String text = c.path("summary").asText(c.path("verdict").asText());
                checks.add(List.of(i, kind, c.path("theorem").asText(), cond.path("applicable").asBoolean()
                        ? cond.path("held").asText() + "/" + cond.path("points").asText() : "n/a",
                        c.path("robbinsMonro").path("classical").asBoolean() ? "yes" : "no",
                        (c.path("counterexample").asBoolean() ? Table.STRONG : "") + text));
            }
            final JsonNode r = s.path("refinement");
            if (!r.isMissingNode()) {
                final JsonNode o = r.path("order");
                final boolean fitted = o.path("order").isNumber() && Double.isFinite(o.path("order").asDouble());
                refine.add(List.of(i, r.path("scheme").asText(), r.path("levels").asText(),
                        fmt(r.path("baseDt")) + " → " + fmt(r.path("finestDt")),
                        r.path("converged").asBoolean() ? "yes" : Table.STRONG + "no",
                        pct(r.path("lastChange")) + "% at " + r.path("worst").asText() + " (" + pct(r.path("tolerance"))
                                + "%)", fmt(r.path("finalLoss")),
                        fmt(r.path("discretisationError")) + " ± " + fmt(r.path("discretisationSe")),
                        fmt(r.path("richardson")), fitted ? fmt(o.path("order")) + " [" + fmt(o.path("lo")) + ", "
                                + fmt(o.path("hi")) + "]" : "n/a (needs 3 levels)"));
            }
        }
        t.add(new Table("Final figures", List.of("#", "kind", "series", "final E[f − f*]", "p05", "p95", "diverged",
                "runs", "seconds", "throughput /s"), finals));
        if (!checks.isEmpty()) {
            t.add(new Table("Theorem checks", List.of("#", "kind", "theorem", "condition held", "Robbins–Monro",
                    "verdict"), checks));
        }
        if (!refine.isEmpty()) {
            t.add(new Table("Δt resolution of the SDE (the object of the theorems)", List.of("#", "scheme", "levels",
                    "Δt₀ → Δt", "converged", "largest change (tolerance)", "final E[f − f*]",
                    "discretisation error ± SE", "Richardson", "fitted weak order [95%]"), refine));
        }
        return t;
    }

    private static List<Fact> provenance(JsonNode summary) {
        final List<Fact> p = new ArrayList<>();
        for (String k : new String[] {"seed", "wallSeconds"}) {
            p.add(new Fact(k, summary.path(k).asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.path("versions").fields(); it.hasNext(); ) {
            final var e = it.next();
            p.add(new Fact(e.getKey(), e.getValue().asText()));
        }
        return p;
    }

    private static String config(JsonNode summary) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary.path("config"));
        } catch (Exception e) {
            return summary.path("config").toString();
        }
    }

    /** A number as the tables print it (4 significant digits), or the text as it is. */
    static String fmt(JsonNode n) {
        return n.isNumber() ? fmt(n.asDouble()) : n.asText();
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String pct(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.3g", 100 * n.asDouble()) : n.asText();
    }
}
