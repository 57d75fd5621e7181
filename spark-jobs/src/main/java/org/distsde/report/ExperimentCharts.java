package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distsde.config.ExperimentConfig;
import org.distsde.io.SeriesKind;
import org.jfree.chart.JFreeChart;

/**
 * The charts of one experiment: its series grouped into panels by the value of the first swept
 * parameter; per panel the mean loss (5–95% band, optimizer solid, SDE dashed, theory dotted and
 * dash-dot), the learning rate, and with {@code recordCoordinates} E[x_j] and Var[x_j].
 */
final class ExperimentCharts {
    private ExperimentCharts() { }

    /** A panel: the series sharing a value of the first swept parameter. */
    record Panel(String key, List<ResultData.Curve> optimizer, List<ResultData.Curve> sde) { }

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
            final String key = keys.size() >= 2 ? Symbols.of(keys.get(0)) + ": " + pretty(p.get(keys.get(0))) : "";
            final Panel panel = panels.computeIfAbsent(key, k -> new Panel(k, new ArrayList<>(), new ArrayList<>()));
            if (c.kind() == SeriesKind.SDE_RESOLVED) {
                continue; // the resolved SDE is shown by the convergence study, not overlaid
            }
            (c.kind() == SeriesKind.SDE ? panel.sde() : panel.optimizer()).add(c);
        }
        return panels;
    }

    /** Series indices of a panel in drawing order (optimizer first). */
    static List<Integer> order(Panel p) {
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
    static JFreeChart moments(List<ExperimentConfig> configs, Panel p, List<String> keys, String title, int k,
                                      boolean variance) {
        final List<Integer> order = order(p);
        final List<Plots.Line> lines = new ArrayList<>();
        final java.util.Set<Integer> drawn = new java.util.HashSet<>();
        for (List<ResultData.Curve> group : List.of(p.optimizer(), p.sde())) {
            for (ResultData.Curve c : group) {
                final boolean sde = c.kind() == SeriesKind.SDE;
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
                    lines.add(new Plots.Line("x" + Plots.PowerOfTen.sub(j + 1) + (order.size() == 1 ? "" : ", "
                            + legend(c, keys)), x,
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
        return Plots.chart(title, sub, "iteration k", variance ? "Var[xⱼ] over runs" : "E[xⱼ] over runs", lines, false);
    }

    static JFreeChart chart(List<ExperimentConfig> configs, Panel p, List<String> keys, String title,
                                    String what) {
        final List<Plots.Line> lines = new ArrayList<>();
        final List<Integer> order = order(p);
        final boolean loss = what.equals("loss");
        final java.util.Set<Integer> drawn = new java.util.HashSet<>();
        final java.util.Set<String> bounds = new java.util.LinkedHashSet<>();
        for (List<ResultData.Curve> group : List.of(p.optimizer(), p.sde())) {
            for (ResultData.Curve c : group) {
                final boolean sde = c.kind() == SeriesKind.SDE;
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
        return Plots.chart(title, sub, "iteration k", loss ? "E[f(xₖ)] − f*" : "learning rate", lines);
    }

    /**
     * True when the panel's optimizer series send different numbers of bits per round (a comparison
     * of compressors): then its loss is also drawn against the bits sent ({@link #bits}).
     */
    static boolean bitsDiffer(Panel p) {
        double first = Double.NaN;
        for (ResultData.Curve c : p.optimizer()) {
            final Map<String, Double> last = c.rows().get(c.rows().size() - 1);
            final double b = last.getOrDefault("bits", Double.NaN) / Math.max(1, last.getOrDefault("round", 1.0));
            if (!Double.isFinite(b)) {
                continue;
            }
            if (Double.isNaN(first)) {
                first = b;
            } else if (!close(first, b)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The optimizer series' mean loss (5–95% band) against log₁₀ of the bits each agent has sent
     * (the {@code bits} column over N; from the first recorded round after 0).
     */
    static JFreeChart bits(List<ExperimentConfig> configs, Panel p, List<String> keys, String title) {
        final List<Plots.Line> lines = new ArrayList<>();
        final List<Integer> order = order(p);
        for (ResultData.Curve c : p.optimizer()) {
            final ExperimentConfig cfg = config(configs, c.series());
            final double n = cfg == null ? 1 : cfg.agents();
            final double[] b = c.column("bits");
            final double[] x = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                x[i] = b[i] > 0 ? Math.log10(b[i] / n) : Double.NaN;
            }
            final double[] y = c.column("loss_mean"), lo = c.column("loss_p05"), hi = c.column("loss_p95");
            for (int i = 0; i < x.length; i++) {
                if (Double.isNaN(x[i])) {
                    y[i] = Double.NaN; // round 0: nothing sent yet
                }
            }
            lines.add(new Plots.Line(legend(c, keys) + diverged(c), x, y, lo, hi, Plots.Style.SOLID,
                    order.indexOf(c.series())));
        }
        return Plots.chart(title, "solid: optimizer (band: 5–95% of runs), against the expected bits each agent "
                + "sent (compressors' bits per message × rounds); diverged runs excluded",
                "log10 bits sent per agent", "E[f(x_k)] − f*", lines);
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
            b.append(b.length() == 0 ? "" : ", ").append(Symbols.of(k)).append("\u00a0=\u00a0")
                    .append(pretty(part.substring(eq + 1)));
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

    /** A series label ("noise.sigma1=3.0 schedule={...}") in the papers' symbols: "σ₁ = 3.0 · schedule = power, θ = 0.5". */
    static String prettyLabel(String label) {
        final StringBuilder b = new StringBuilder();
        for (String part : label.split(" (?=[\\w.]+=)")) {
            final int eq = part.indexOf('=');
            b.append(b.length() == 0 ? "" : " · ").append(eq < 0 ? part
                    : Symbols.of(part.substring(0, eq)) + " = " + pretty(part.substring(eq + 1)));
        }
        return b.toString();
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
                    b.append(b.length() == 0 ? "" : ", ").append(Symbols.of(e.getKey())).append("\u00a0=\u00a0")
                            .append(e.getValue().asText());
                }
            }
            return b.toString();
        } catch (Exception e) {
            return v;
        }
    }

    /** Whether the learning rate of any of the panel's curves changes over the rounds or across the runs. */
    static boolean rateVaries(Panel p) {
        for (List<ResultData.Curve> g : List.of(p.optimizer(), p.sde())) {
            for (ResultData.Curve c : g) {
                if (Double.isNaN(constantRate(c))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The learning rate of a series of the panel when it is one constant, else NaN. */
    static double constantRate(Panel p, int series) {
        double v = Double.NaN;
        for (List<ResultData.Curve> g : List.of(p.optimizer(), p.sde())) {
            for (ResultData.Curve c : g) {
                if (c.series() == series) {
                    final double r = constantRate(c);
                    if (Double.isNaN(r) || !Double.isNaN(v) && !close(v, r)) {
                        return Double.NaN;
                    }
                    v = r;
                }
            }
        }
        return v;
    }

    /** lr, lr_min and lr_max of every recorded round (diverged rounds left out) when all equal, else NaN. */
    private static double constantRate(ResultData.Curve c) {
        double v = Double.NaN;
        for (Map<String, Double> row : c.rows()) {
            for (String col : new String[] {"lr", "lr_min", "lr_max"}) {
                final Double x = row.get(col);
                if (x == null || Double.isNaN(x)) {
                    continue;
                }
                if (Double.isNaN(v)) {
                    v = x;
                } else if (!close(v, x)) {
                    return Double.NaN;
                }
            }
        }
        return v;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    }
}
