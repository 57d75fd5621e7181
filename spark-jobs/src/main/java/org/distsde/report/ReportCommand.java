package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.distsde.cli.Verb;
import org.distsde.config.ExperimentConfig;
import org.distsde.io.ResultDir;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code report --in <result dir> [--in ...] --out <dir> [--overwrite] [--title T]}: plots every
 * experiment (mean loss with its 5–95% band, optimizer solid and SDE dashed; the learning rate) as
 * PNG and SVG, one panel per value of the first swept parameter, and writes a self-contained
 * {@code index.html} with the plots, the final figures, the theorem checks and the provenance.
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
            final String html = write(dir, data, converge, title);
            dir.writeString("index.html", html);
            dir.commit();
            out().println("wrote " + dir.target() + "/index.html");
        }
        return 0;
    }

    /** A panel: the series sharing a value of the first swept parameter. */
    record Panel(String key, List<ResultData.Curve> optimizer, List<ResultData.Curve> sde) { }

    static String write(ResultDir dir, List<ResultData> data, String title) throws Exception {
        return write(dir, data, Map.of(), title);
    }

    static String write(ResultDir dir, List<ResultData> data, Map<String, ConvergeCharts.Tables> converge,
                        String title) throws Exception {
        final StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>body{font-family:sans-serif;max-width:1250px;margin:auto;padding:1em}"
                        + "img{width:100%;max-width:1200px;border:1px solid #ddd}table{border-collapse:collapse;"
                        + "font-size:14px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}"
                        + "pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px}</style></head><body>")
                .append("<h1>").append(esc(title)).append("</h1>");
        for (ResultData d : data) {
            final String name = d.name();
            h.append("<h2>").append(esc(name)).append("</h2><p>").append(esc(d.summary().path("description").asText()))
                    .append("</p>");
            final Map<String, Map<String, String>> params = params(d.summary());
            final List<String> keys = sweptKeys(params);
            final Map<String, Panel> panels = panels(d, params, keys);
            final List<ExperimentConfig> configs = TheoryCurves.configs(d.summary());
            int pi = 0;
            for (Panel p : panels.values()) {
                final String stem = safe(name) + (panels.size() > 1 ? "-" + (pi + 1) : "");
                final String panelTitle = name + (p.key().isEmpty() ? "" : " — " + p.key());
                emit(dir, stem + "-loss", chart(configs, p, keys, panelTitle, "loss"), h);
                emit(dir, stem + "-lr", chart(configs, p, keys, panelTitle, "lr"), h);
                final int k = coordinates(p);
                if (k > 0) {
                    emit(dir, stem + "-mean", moments(configs, p, keys, panelTitle, k, false), h);
                    emit(dir, stem + "-var", moments(configs, p, keys, panelTitle, k, true), h);
                }
                pi++;
            }
            h.append("<h3>Final figures</h3>").append(finals(d));
            h.append("<h3>Theorem checks</h3>").append(checks(d));
            h.append(resolution(d));
            h.append("<h3>Provenance</h3><table>");
            for (String k : new String[] {"seed", "wallSeconds"}) {
                h.append("<tr><th>").append(k).append("</th><td>").append(esc(d.summary().path(k).asText()))
                        .append("</td></tr>");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = d.summary().path("versions").fields(); it.hasNext(); ) {
                final var e = it.next();
                h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(e.getValue().asText()))
                        .append("</td></tr>");
            }
            h.append("</table><pre>").append(esc(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(d.summary().path("config")))).append("</pre>");
        }
        for (var e : converge.entrySet()) {
            final String name = safe(new org.apache.hadoop.fs.Path(e.getKey()).getName());
            h.append("<h2>Convergence study: ").append(esc(name)).append("</h2><p>The SDE at dt0/2^l on coupled "
                    + "Brownian paths (differences of consecutive levels and the weak order fitted on them), and the "
                    + "optimizer against its dt-resolved SDE as eta shrinks at a fixed horizon (the papers claim weak "
                    + "order 1 in eta).</p>");
            emit(dir, name + "-dt", ConvergeCharts.dtChart(name + " — SDE weak error in dt", e.getValue()), h);
            if (!e.getValue().eta().isEmpty()) {
                emit(dir, name + "-eta", ConvergeCharts.etaChart(name + " — optimizer vs SDE in eta", e.getValue()), h);
            }
        }
        return h.append("</body></html>").toString();
    }

    private static void emit(ResultDir dir, String stem, JFreeChart chart, StringBuilder h) throws Exception {
        final byte[] png = Plots.png(chart);
        try (OutputStream o = dir.create(stem + ".png")) {
            o.write(png);
        }
        dir.writeString(stem + ".svg", Plots.svg(chart));
        h.append("<p><img alt=\"").append(esc(stem)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"><br><a href=\"").append(esc(stem))
                .append(".svg\">SVG</a></p>");
    }

    /** series index → its swept parameters (path → value). */
    static Map<String, Map<String, String>> params(JsonNode summary) {
        final Map<String, Map<String, String>> m = new LinkedHashMap<>();
        for (JsonNode s : summary.path("series")) {
            final Map<String, String> p = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("params").fields(); it.hasNext(); ) {
                final var e = it.next();
                p.put(e.getKey(), e.getValue().asText());
            }
            m.put(s.path("index").asText(), p);
        }
        return m;
    }

    static List<String> sweptKeys(Map<String, Map<String, String>> params) {
        return params.isEmpty() ? List.of() : new ArrayList<>(params.values().iterator().next().keySet());
    }

    static Map<String, Panel> panels(ResultData d, Map<String, Map<String, String>> params, List<String> keys) {
        final Map<String, Panel> panels = new LinkedHashMap<>();
        for (ResultData.Curve c : d.curves()) {
            final Map<String, String> p = params.getOrDefault(Integer.toString(c.series()), Map.of());
            final String key = keys.size() >= 2 ? leaf(keys.get(0)) + ": " + pretty(p.get(keys.get(0))) : "";
            final Panel panel = panels.computeIfAbsent(key, k -> new Panel(k, new ArrayList<>(), new ArrayList<>()));
            if (c.kind().equals("sde-resolved")) {
                continue; // the resolved SDE is shown by the convergence study, not overlaid
            }
            (c.kind().equals("sde") ? panel.sde() : panel.optimizer()).add(c);
        }
        return panels;
    }

    /** Series indices of a panel in drawing order (optimizer first). */
    private static List<Integer> order(Panel p) {
        final List<Integer> order = new ArrayList<>();
        for (ResultData.Curve c : p.optimizer()) {
            order.add(c.series());
        }
        for (ResultData.Curve c : p.sde()) {
            if (!order.contains(c.series())) {
                order.add(c.series());
            }
        }
        return order;
    }

    /** The number of recorded coordinates (columns x1_mean, …) of a panel's curves. */
    static int coordinates(Panel p) {
        int k = 0;
        for (List<ResultData.Curve> g : List.of(p.optimizer(), p.sde())) {
            for (ResultData.Curve c : g) {
                final Map<String, Double> row = c.rows().get(0);
                int j = 0;
                while (row.containsKey("x" + (j + 1) + "_mean") && !Double.isNaN(row.get("x" + (j + 1) + "_mean"))) {
                    j++;
                }
                k = Math.max(k, j);
            }
        }
        return k;
    }

    private static ExperimentConfig config(List<ExperimentConfig> configs, int series) {
        return series >= 0 && series < configs.size() ? configs.get(series) : null;
    }

    /** The subtitle's theory part, from the first series that has one. */
    private static String theory(List<ExperimentConfig> configs, List<Integer> order) {
        for (int s : order) {
            final ExperimentConfig c = config(configs, s);
            if (c != null && TheoryCurves.applies(c)) {
                return TheoryCurves.describe(c);
            }
        }
        return "";
    }

    /** E[x_j] or Var[x_j] of the recorded coordinates: optimizer solid, SDE dashed, theory dotted. */
    private static JFreeChart moments(List<ExperimentConfig> configs, Panel p, List<String> keys, String title, int k,
                                      boolean variance) {
        final List<Integer> order = order(p);
        final List<Plots.Line> lines = new ArrayList<>();
        final java.util.Set<Integer> drawn = new java.util.HashSet<>();
        for (List<ResultData.Curve> group : List.of(p.optimizer(), p.sde())) {
            for (ResultData.Curve c : group) {
                final boolean sde = c.kind().equals("sde");
                final double[] x = c.column("round");
                for (int j = 0; j < k; j++) {
                    final int colour = order.size() == 1 ? j : order.indexOf(c.series()) * k + j;
                    final String col = "x" + (j + 1) + (variance ? "_var" : "_mean");
                    double[] lo = null, hi = null;
                    final double[] y = c.column(col);
                    if (!sde && !variance) { // 95% confidence band of the mean over runs
                        final double[] v = c.column("x" + (j + 1) + "_var");
                        final double[] n = c.column("runs");
                        lo = new double[y.length];
                        hi = new double[y.length];
                        for (int i = 0; i < y.length; i++) {
                            final double half = 1.96 * Math.sqrt(v[i] / Math.max(1, n[i]));
                            lo[i] = y[i] - half;
                            hi[i] = y[i] + half;
                        }
                    }
                    lines.add(new Plots.Line("x" + (j + 1) + (order.size() == 1 ? "" : ", " + legend(c, keys)), x,
                            y, lo, hi, sde ? Plots.Style.DASHED : Plots.Style.SOLID, colour));
                    if (drawn.add(c.series() * 64 + j)) {
                        final TheoryCurves.Curve t = TheoryCurves.moment(config(configs, c.series()), x, j, variance);
                        if (t != null) {
                            lines.add(new Plots.Line(t.name(), t.x(), t.y(), null, null, t.style(), colour));
                        }
                    }
                }
            }
        }
        final String theory = theory(configs, order).isEmpty() ? "" : "; dotted: Lemma 3.7 (SignSGD) / 3.8 (SGD)";
        final String sub = (p.optimizer().isEmpty() ? "dashed: SDE paths"
                : variance ? "solid: optimizer, over the alive runs" : "solid: optimizer (band: 95% confidence of the mean)")
                + (p.sde().isEmpty() || p.optimizer().isEmpty() ? "" : "; dashed: its SDE") + theory;
        return Plots.chart(title, sub, "iteration k", variance ? "Var[x_j] over runs" : "E[x_j] over runs", lines, false);
    }

    private static JFreeChart chart(List<ExperimentConfig> configs, Panel p, List<String> keys, String title,
                                    String what) {
        final List<Plots.Line> lines = new ArrayList<>();
        final List<Integer> order = order(p);
        final boolean loss = what.equals("loss");
        final java.util.Set<Integer> drawn = new java.util.HashSet<>();
        final java.util.Set<String> bounds = new java.util.LinkedHashSet<>();
        for (List<ResultData.Curve> group : List.of(p.optimizer(), p.sde())) {
            for (ResultData.Curve c : group) {
                final boolean sde = c.kind().equals("sde");
                if (sde && !loss) {
                    continue;
                }
                final double[] x = c.column("round");
                final String legend = legend(c, keys) + diverged(c);
                lines.add(new Plots.Line(legend, x, c.column(loss ? "loss_mean" : "lr"),
                        loss && !sde ? c.column("loss_p05") : null, loss && !sde ? c.column("loss_p95") : null,
                        sde ? Plots.Style.DASHED : Plots.Style.SOLID, order.indexOf(c.series())));
                if (loss && drawn.add(c.series())) {
                    for (TheoryCurves.Curve t : TheoryCurves.loss(config(configs, c.series()), x, order.size() == 1)) {
                        if (t.style() == Plots.Style.DASHDOT) {
                            bounds.add(t.name().replace(" (Eq. 7)", ""));
                        }
                        lines.add(new Plots.Line(t.name(), t.x(), t.y(), null, null, t.style(), order.indexOf(c.series())));
                    }
                }
            }
        }
        final String theory = theory(configs, order);
        final String sub = loss
                ? (p.optimizer().isEmpty() ? "" : "solid: optimizer (band: 5–95% of runs); ")
                        + (p.sde().isEmpty() ? "" : "dashed: SDE at Δt₀ (Euler–Maruyama, the model of the optimizer); ")
                        + (theory.isEmpty() ? "" : theory + "; ")
                        + (bounds.isEmpty() ? "" : "dash-dot: " + String.join(", ", bounds) + "; ")
                        + "diverged runs excluded"
                : "learning rate η·ηₖ·(normalization), mean over the alive runs";
        return Plots.chart(title, sub, "iteration k", loss ? "E[f(x_k)] − f*" : "learning rate", lines);
    }

    static String legend(ResultData.Curve c, List<String> keys) {
        if (keys.isEmpty()) {
            return c.optimizer();
        }
        final String[] parts = c.label().split(" (?=[\\w.]+=)");
        final StringBuilder b = new StringBuilder();
        for (String part : parts) {
            final int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            final String k = part.substring(0, eq);
            if (keys.size() >= 2 && k.equals(keys.get(0))) {
                continue; // shown in the panel title
            }
            b.append(b.length() == 0 ? "" : ", ").append(leaf(k)).append(" = ").append(pretty(part.substring(eq + 1)));
        }
        return b.length() == 0 ? c.optimizer() : b.toString();
    }

    private static String diverged(ResultData.Curve c) {
        final Map<String, Double> last = c.rows().get(c.rows().size() - 1);
        final double div = last.getOrDefault("diverged", 0.0);
        if (div <= 0) {
            return "";
        }
        final double runs = div + last.getOrDefault("runs", 0.0);
        return String.format(Locale.ROOT, " (%d/%d diverged)", (long) div, (long) runs);
    }

    /** The last segment of a config path, or the one before it when the last is "type". */
    static String leaf(String path) {
        final String[] parts = path.split("\\.");
        final String last = parts[parts.length - 1];
        return last.equals("type") && parts.length > 1 ? parts[parts.length - 2] : last;
    }

    /** {"type":"theorem","perRun":true} → "theorem, perRun = true"; other values unchanged. */
    static String pretty(String v) {
        if (v == null || !v.startsWith("{")) {
            return v;
        }
        try {
            final JsonNode n = new ObjectMapper().readTree(v);
            final StringBuilder b = new StringBuilder(n.path("type").asText(""));
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                final var e = it.next();
                if (!e.getKey().equals("type")) {
                    b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(" = ").append(e.getValue().asText());
                }
            }
            return b.toString();
        } catch (Exception e) {
            return v;
        }
    }

    private static String finals(ResultData d) {
        final StringBuilder b = new StringBuilder("<table><tr><th>#</th><th>kind</th><th>series</th><th>final E[f − f*]"
                + "</th><th>p05</th><th>p95</th><th>diverged</th><th>runs</th><th>seconds</th><th>throughput /s</th></tr>");
        for (JsonNode s : d.summary().path("series")) {
            final JsonNode f = s.path("final");
            b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                    + "<td>%s</td><td>%s</td><td>%.2f</td><td>%.3g</td></tr>", s.path("index").asText(),
                    esc(s.path("kind").asText()), esc(s.path("label").asText()), num(f.path("loss_mean")),
                    num(f.path("loss_p05")), num(f.path("loss_p95")), f.path("diverged").asText(),
                    s.path("runs").asText(), s.path("seconds").asDouble(), s.path("throughput").asDouble()));
        }
        return b.append("</table>").toString();
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.4g", n.asDouble()) : esc(n.asText());
    }

    private static String checks(ResultData d) {
        final StringBuilder b = new StringBuilder("<table><tr><th>#</th><th>kind</th><th>theorem</th><th>condition held"
                + "</th><th>Robbins–Monro</th><th>verdict</th></tr>");
        boolean any = false;
        for (JsonNode s : d.summary().path("series")) {
            final JsonNode c = s.path("checks");
            if (c.isMissingNode()) {
                continue;
            }
            any = true;
            final JsonNode cond = c.path("condition");
            b.append("<tr><td>").append(s.path("index").asText()).append("</td><td>").append(esc(s.path("kind").asText()))
                    .append("</td><td>").append(esc(c.path("theorem").asText())).append("</td><td>")
                    .append(cond.path("applicable").asBoolean() ? cond.path("held").asText() + "/" + cond.path("points").asText() : "n/a")
                    .append("</td><td>").append(c.path("robbinsMonro").path("classical").asBoolean() ? "yes" : "no")
                    .append("</td><td>").append(c.path("counterexample").asBoolean() ? "<b>" : "")
                    .append(esc(c.path("summary").asText(c.path("verdict").asText())))
                    .append(c.path("counterexample").asBoolean() ? "</b>" : "").append("</td></tr>");
        }
        return any ? b.append("</table>").toString() : "<p>no checks in this result</p>";
    }

    /** The Δt resolution of the resolved SDE series (summary.json {@code refinement}), or "". */
    static String resolution(ResultData d) {
        final StringBuilder b = new StringBuilder("<h3>Δt resolution of the SDE (the object of the theorems)</h3><table>"
                + "<tr><th>#</th><th>scheme</th><th>levels</th><th>Δt₀ → Δt</th><th>converged</th><th>largest change "
                + "(tolerance)</th><th>final E[f − f*]</th><th>discretisation error ± SE</th><th>Richardson</th>"
                + "<th>fitted weak order [95%]</th></tr>");
        boolean any = false;
        for (JsonNode s : d.summary().path("series")) {
            final JsonNode r = s.path("refinement");
            if (r.isMissingNode()) {
                continue;
            }
            any = true;
            final JsonNode o = r.path("order");
            final boolean fitted = o.path("order").isNumber() && Double.isFinite(o.path("order").asDouble());
            b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s → %s</td><td>%s</td>"
                    + "<td>%s%% at %s (%s%%)</td><td>%s</td><td>%s ± %s</td><td>%s</td><td>%s</td></tr>",
                    s.path("index").asText(), esc(r.path("scheme").asText()), r.path("levels").asText(),
                    num(r.path("baseDt")), num(r.path("finestDt")), r.path("converged").asBoolean() ? "yes" : "<b>no</b>",
                    pct(r.path("lastChange")), esc(r.path("worst").asText()), pct(r.path("tolerance")),
                    num(r.path("finalLoss")), num(r.path("discretisationError")), num(r.path("discretisationSe")),
                    num(r.path("richardson")), fitted ? num(o.path("order")) + " [" + num(o.path("lo")) + ", "
                    + num(o.path("hi")) + "]" : "n/a (needs 3 levels)"));
        }
        return any ? b.append("</table>").toString() : "";
    }

    private static String pct(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.3g", 100 * n.asDouble()) : esc(n.asText());
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
