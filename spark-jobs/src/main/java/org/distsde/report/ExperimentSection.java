package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.distsde.config.ExperimentConfig;
import org.distsde.io.SeriesKind;
import org.distsde.report.ReportModel.Fact;
import org.distsde.report.ReportModel.Figure;
import org.distsde.report.ReportModel.Table;

/**
 * A {@code simulate} or {@code integrate} result: its series with their final figures and checks,
 * its panels of charts (one per value of the first swept parameter), its detail tables and
 * provenance. A series' statement about its theorem is the check of its resolved SDE (source
 * SDE_RESOLVED: HOLDS / VIOLATED / UNRESOLVED …); the optimizer's and the SDE at Δt = η's checks
 * compare discrete processes with the SDE's bound (within / EXCEEDED) and are shown as such, second.
 */
record ExperimentSection(String id, String name, String description, List<Fact> facts, List<Panel> panels,
                         List<Series> series, List<Table> details, List<Fact> provenance, String config, JsonNode tree)
        implements Section {
    /** A check that found a counterexample, shown in place of its verdict. */
    static final String COUNTEREXAMPLE = "COUNTEREXAMPLE";

    /**
     * The theorem check of one kind of one series: {@code verdict} as summary.json spells it
     * (HOLDS, NOT_CLAIMED, …); {@code aboutTheorem} when its source is the resolved SDE.
     */
    record Check(String theorem, String condition, boolean robbinsMonro, String verdict, String summary,
                 boolean counterexample, boolean aboutTheorem) {
        /** The verdict as shown: COUNTEREXAMPLE where the check found one. */
        String shown() {
            return counterexample ? COUNTEREXAMPLE : verdict;
        }
    }

    /** One kind of one series: its final figures and its check (null without one). */
    record Run(SeriesKind kind, double loss, double p05, double p95, double lossStd, long diverged, long runs,
               double seconds, double throughput, Check check) {
        /** The standard error of the final mean loss over the alive runs. */
        double se() {
            final long alive = runs - diverged;
            return alive > 1 ? lossStd / Math.sqrt(alive) : Double.NaN;
        }
    }

    /**
     * One series of the sweep: its label in its panel (the panel's own parameter left out), its full
     * label, its swept values, the panel it is drawn in and its colour there, its runs by kind, and
     * its learning rate when constant (NaN when it varies).
     */
    record Series(int index, String label, String fullLabel, Map<String, String> params, String panelId, int colour,
                  Map<SeriesKind, Run> kinds, double constantRate) {
        Run run(SeriesKind kind) {
            return kinds.get(kind);
        }

        /** The optimizer's run, or the SDE's where there is no optimizer (integrate). */
        Run first() {
            return kinds.containsKey(SeriesKind.OPTIMIZER) ? kinds.get(SeriesKind.OPTIMIZER) : kinds.get(SeriesKind.SDE);
        }

        /** The check that is a statement about the theorem (the resolved SDE's), or null. */
        Check theorem() {
            for (Run r : kinds.values()) {
                if (r.check() != null && r.check().aboutTheorem()) {
                    return r.check();
                }
            }
            return null;
        }

        /** The comparison of a discrete process (optimizer, SDE at Δt = η) with the SDE's bound, or null. */
        Check discrete(SeriesKind kind) {
            final Run r = kinds.get(kind);
            return r == null || r.check() == null || r.check().aboutTheorem() ? null : r.check();
        }
    }

    /** A panel: the charts of the series sharing a value of the first swept parameter, and those series. */
    record Panel(String id, String heading, List<Figure> figures, List<Series> series, boolean rateVaries) { }

    @Override
    public List<Figure> figures() {
        final List<Figure> f = new ArrayList<>();
        for (Panel p : panels) {
            f.addAll(p.figures());
        }
        return f;
    }

    /** The theorem verdicts, one per series that has a resolved SDE (COUNTEREXAMPLE where one was found). */
    List<String> theoremVerdicts() {
        final List<String> v = new ArrayList<>();
        for (Series s : series) {
            if (s.theorem() != null) {
                v.add(s.theorem().shown());
            }
        }
        return v;
    }

    /** The discrete comparisons (optimizer and SDE at Δt = η) of every series: within / EXCEEDED. */
    List<String> discreteVerdicts() {
        final List<String> v = new ArrayList<>();
        for (Series s : series) {
            for (SeriesKind k : List.of(SeriesKind.OPTIMIZER, SeriesKind.SDE)) {
                if (s.discrete(k) != null) {
                    v.add(s.discrete(k).verdict());
                }
            }
        }
        return v;
    }

    long counterexamples() {
        return series.stream().flatMap(s -> s.kinds().values().stream())
                .filter(r -> r.check() != null && r.check().counterexample()).count();
    }

    /** The theorems the series are checked against, each once. */
    static List<String> theorems(List<Series> series) {
        final List<String> theorems = new ArrayList<>();
        for (Series s : series) {
            for (Run r : s.kinds().values()) {
                if (r.check() != null && !r.check().theorem().isEmpty() && !theorems.contains(r.check().theorem())) {
                    theorems.add(r.check().theorem());
                }
            }
        }
        return theorems;
    }

    /** Reads a result directory into its section; {@code taken} holds the anchors and file stems already used. */
    static ExperimentSection read(ResultData d, Set<String> taken) {
        final String id = Names.unique(taken, Names.safe(d.name()));
        // two results of one config (compare mode) are told apart by their directories
        final String name = id.equals(Names.safe(d.name())) ? d.name() : d.name() + " (" + d.dir() + ")";
        final JsonNode summary = d.summary();
        final Map<String, Map<String, String>> params = ExperimentCharts.params(summary);
        final List<String> keys = ExperimentCharts.sweptKeys(params);
        final Map<String, ExperimentCharts.Panel> panels = ExperimentCharts.panels(d, params, keys);
        final List<ExperimentConfig> configs = TheoryCurves.configs(summary);
        final Map<Integer, Map<SeriesKind, Run>> runs = runs(summary);
        final List<Panel> out = new ArrayList<>();
        final Map<Integer, Series> series = new TreeMap<>();
        for (ExperimentCharts.Panel p : panels.values()) {
            // files and anchors named by the panel's swept value: fig1-b1-dsgd-normalization-none-loss.png
            final String stem = panels.size() > 1 ? Names.unique(taken, id + "-" + Names.safe(p.key().replace(": ",
                    "-"))) : id;
            final String panelId = stem + "-p";
            taken.add(panelId);
            final String title = name + (p.key().isEmpty() ? "" : " — " + Symbols.text(p.key()));
            final boolean varies = ExperimentCharts.rateVaries(p);
            final List<Figure> figs = new ArrayList<>();
            figs.add(Figure.of(stem + "-loss", "Loss E[f(xₖ)] − f*", ExperimentCharts.chart(configs, p, keys, title,
                    "loss")));
            if (varies) {
                figs.add(Figure.of(stem + "-lr", "Learning rate", ExperimentCharts.chart(configs, p, keys, title, "lr")));
            }
            if (ExperimentCharts.bitsDiffer(p)) {
                figs.add(Figure.of(stem + "-bits", "Loss against the bits sent", ExperimentCharts.bits(configs, p, keys,
                        title)));
            }
            final int k = ExperimentCharts.coordinates(p);
            if (k > 0) {
                figs.add(Figure.of(stem + "-mean", "E[xⱼ] over runs", ExperimentCharts.moments(configs, p, keys, title,
                        k, false)));
                figs.add(Figure.of(stem + "-var", "Var[xⱼ] over runs", ExperimentCharts.moments(configs, p, keys,
                        title, k, true)));
            }
            final List<Integer> order = ExperimentCharts.order(p);
            final List<Series> members = new ArrayList<>();
            for (int s : order) {
                final ResultData.Curve c = curve(p, s);
                final String label = ExperimentCharts.legend(c, keys);
                final Series row = new Series(s, label, p.key().isEmpty() ? label : Symbols.text(p.key()) + " · " + label,
                        params.getOrDefault(Integer.toString(s), Map.of()), panelId, order.indexOf(s),
                        runs.getOrDefault(s, Map.of()), ExperimentCharts.constantRate(p, s));
                members.add(row);
                series.put(s, row);
            }
            out.add(new Panel(panelId, Symbols.text(p.key()), figs, members, varies));
        }
        return new ExperimentSection(id, name, summary.path("description").asText(""),
                Facts.of(configs, summary.path("seed").asLong(), summary.path("wallSeconds").asDouble(Double.NaN)), out,
                new ArrayList<>(series.values()), details(summary), provenance(summary), config(summary),
                summary.path("config"));
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
    private static Map<Integer, Map<SeriesKind, Run>> runs(JsonNode summary) {
        final Map<Integer, Map<SeriesKind, Run>> m = new TreeMap<>();
        for (JsonNode s : summary.path("series")) {
            final JsonNode f = s.path("final");
            final JsonNode c = s.path("checks");
            final SeriesKind kind = SeriesKind.of(s.path("kind").asText());
            Check check = null;
            if (!c.isMissingNode()) {
                final JsonNode cond = c.path("condition");
                final String source = c.path("source").asText("");
                // older results carry no source: the resolved SDE is then the kind sde-resolved
                final boolean about = source.isEmpty() ? kind == SeriesKind.SDE_RESOLVED : source.equals("SDE_RESOLVED");
                check = new Check(c.path("theorem").asText(""), cond.path("applicable").asBoolean()
                        ? cond.path("held").asText() + "/" + cond.path("points").asText() : "n/a",
                        c.path("robbinsMonro").path("classical").asBoolean(), c.path("verdict").asText(""),
                        c.path("summary").asText(c.path("verdict").asText("")), c.path("counterexample").asBoolean(),
                        about);
            }
            m.computeIfAbsent(s.path("index").asInt(), k -> new EnumMap<>(SeriesKind.class)).put(kind,
                    new Run(kind, num(f, "loss_mean"), num(f, "loss_p05"), num(f, "loss_p95"), num(f, "loss_std"),
                            f.path("diverged").asLong(), s.path("runs").asLong(), s.path("seconds").asDouble(Double.NaN),
                            s.path("throughput").asDouble(Double.NaN), check));
        }
        return m;
    }

    static double num(JsonNode n, String field) {
        final JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
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
