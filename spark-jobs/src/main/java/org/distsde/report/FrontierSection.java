package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.distsde.report.ReportModel.Figure;

/**
 * A {@code frontier} result, read from its frontier.json: per grid point and process (the optimizer,
 * or an SDE model at Δt = η/k) the measured stability frontier (the largest value of the bisected
 * parameter at which at most a fraction p of the runs diverge) with its final bracket, the theorem's
 * ceiling there and the curvature model's predictions; drawn by {@link FrontierChart}.
 */
record FrontierSection(String id, String name, String param, String description, List<Point> points,
                       List<Figure> figures) implements Section {
    /**
     * One grid point of one process: its label, process ({@code optimizer} or {@code <model>:<k>}),
     * status (bracketed, below-lo, above-hi, not-monotone), the frontier over the optimizer's, and the
     * grid point's predictions (first-step overshoot, mean square, no noise) and ceiling with stability.
     */
    record Point(String label, String process, String processLabel, String status, double frontier, double lo,
                 double hi, double ceiling, String theorem, double ratio, double overOptimizer, double overshoot,
                 double meanSquare, double deterministic, double withStability, int runs, int rounds) {
        boolean optimizer() {
            return process.equals("optimizer");
        }
    }

    /** Reads frontier.json (its text {@code json}) of the directory named {@code name}. */
    static FrontierSection read(String name, JsonNode j, Set<String> taken) {
        final String id = Names.unique(taken, Names.safe(j.path("name").asText(name) + "-frontier"));
        final String param = j.path("param").asText("eta");
        final List<Point> points = new ArrayList<>();
        for (JsonNode p : j.path("points")) {
            final JsonNode pr = p.path("predicted");
            points.add(new Point(p.path("label").asText(), p.path("process").asText("optimizer"),
                    p.path("processLabel").asText("optimizer"), p.path("status").asText(), num(p, "frontier"),
                    num(p, "bracketLo"), num(p, "bracketHi"), num(p, "ceiling"), p.path("theorem").asText(""),
                    num(p, "frontierOverCeiling"), p.has("frontierOverOptimizer") ? num(p, "frontierOverOptimizer") : 1,
                    num(pr, "overshoot"), num(pr, "meanSquare"), num(pr, "deterministic"),
                    num(pr, "ceilingWithStability"), p.path("runs").asInt(), p.path("rounds").asInt()));
        }
        final Figure fig = Figure.of(id, "Stability frontier against the theorem's ceiling and the models",
                chart(j, points));
        return new FrontierSection(id, j.path("name").asText(name), param, String.format(Locale.ROOT,
                "Per grid point, the largest %s at which at most %s%% of the runs diverge within the config's rounds, "
                        + "by bisection on a log scale (%d steps, common random numbers), against the theorem's "
                        + "ceiling at ε = 0.5. Intervals of the diverged fraction: Clopper–Pearson %s%%.",
                Symbols.of(param), Facts.num(100 * j.path("maxDivergedFraction").asDouble()), j.path("steps").asInt(),
                Facts.num(100 * j.path("confidence").asDouble(0.95))), points, List.of(fig));
    }

    static double num(JsonNode n, String field) {
        final JsonNode v = n.path(field);
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Double.parseDouble(v.asText("NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The measured frontier against the ceiling: x the first numeric grid axis, one colour per other combination. */
    static org.jfree.chart.JFreeChart chart(JsonNode j, List<Point> points) {
        final List<String> axes = new ArrayList<>();
        final List<Boolean> numeric = new ArrayList<>();
        for (JsonNode a : j.path("grid")) {
            axes.add(a.path("path").asText());
            boolean num = a.path("values").size() > 1;
            for (JsonNode v : a.path("values")) {
                num &= v.isNumber();
            }
            numeric.add(num);
        }
        final int xAxis = numeric.indexOf(true);
        final Map<String, List<Integer>> groups = new LinkedHashMap<>();
        final Map<String, Integer> byKey = new LinkedHashMap<>();
        final List<String> processes = new ArrayList<>();
        final Map<String, String> processLabels = new LinkedHashMap<>();
        final JsonNode pts = j.path("points");
        for (int i = 0; i < pts.size(); i++) {
            final Point p = points.get(i);
            byKey.put(p.label() + "|" + p.process(), i);
            if (!p.optimizer() && !processes.contains(p.process())) {
                processes.add(p.process());
                processLabels.put(p.process(), p.processLabel());
            }
            if (!p.optimizer()) {
                continue;
            }
            final StringBuilder key = new StringBuilder();
            for (int k = 0; k < axes.size(); k++) {
                if (k != xAxis) {
                    final JsonNode v = pts.get(i).path("grid").path(axes.get(k));
                    key.append(key.length() == 0 ? "" : ", ").append(Symbols.of(axes.get(k))).append(" = ")
                            .append(v.isTextual() ? v.asText() : v.toString());
                }
            }
            groups.computeIfAbsent(key.toString(), q -> new ArrayList<>()).add(i);
        }
        final List<FrontierChart.Group> gs = new ArrayList<>();
        for (var e : groups.entrySet()) {
            final List<Integer> ps = e.getValue();
            final int n = ps.size();
            final double[] x = new double[n], f = new double[n], lo = new double[n], hi = new double[n],
                    ce = new double[n], below = new double[n], above = new double[n], pred = new double[n];
            final double[][] sde = new double[processes.size()][n];
            for (int i = 0; i < n; i++) {
                final Point p = points.get(ps.get(i));
                x[i] = xAxis >= 0 ? pts.get(ps.get(i)).path("grid").path(axes.get(xAxis)).asDouble() : i + 1;
                final boolean bracketed = p.status().equals("bracketed");
                f[i] = p.frontier();
                lo[i] = bracketed ? p.lo() : Double.NaN;
                hi[i] = bracketed ? p.hi() : Double.NaN;
                ce[i] = p.ceiling();
                pred[i] = p.overshoot();
                below[i] = p.status().equals("below-lo") ? p.hi() : Double.NaN;
                above[i] = p.status().equals("above-hi") ? p.lo() : Double.NaN;
                for (int q = 0; q < processes.size(); q++) {
                    final Integer at = byKey.get(p.label() + "|" + processes.get(q));
                    sde[q][i] = at == null ? Double.NaN : points.get(at).frontier();
                }
            }
            final String k = e.getKey().isEmpty() ? "" : e.getKey() + ": ";
            final List<FrontierChart.Line> lines = new ArrayList<>();
            lines.add(new FrontierChart.Line(k + "curvature model, first-step prediction", pred,
                    FrontierChart.Style.PREDICTION));
            for (int q = 0; q < processes.size(); q++) {
                lines.add(new FrontierChart.Line(k + "SDE " + processLabels.get(processes.get(q)).replace("sde:", "")
                        .replace("dt=eta", "Δt = η"), sde[q], FrontierChart.Style.SDE));
            }
            gs.add(new FrontierChart.Group(k + "optimizer, measured (bars: bracket)", k + points.get(ps.get(0)).theorem()
                    + " ceiling", x, f, lo, hi, ce, below, above, lines));
        }
        final String param = j.path("param").asText("eta");
        final JsonNode first = pts.size() > 0 ? pts.get(0) : j;
        final String sub = String.format(Locale.ROOT, "largest %s with ≤ %s%% of %d runs diverged in %d rounds; "
                        + "%d bisection steps, common random numbers%n"
                        + "bars: final bracket; labels: frontier / ceiling%n"
                        + "dashed: theorem ceiling at ε = 0.5, E‖∇f‖ = ‖∇f(x₀)‖%s; dotted: the curvature model's "
                        + "first-step prediction; dash-dot: SDE models' frontiers", Symbols.of(param),
                Facts.num(100 * j.path("maxDivergedFraction").asDouble()), first.path("runs").asInt(),
                first.path("rounds").asInt(), j.path("steps").asInt(), param.equals("eta") ? ""
                        : ", inverted for " + Symbols.of(param) + " at the grid point's η");
        return FrontierChart.chart(j.path("name").asText() + ": stability frontier", sub,
                xAxis >= 0 ? Symbols.of(axes.get(xAxis)) : "grid point", Symbols.of(param), gs);
    }
}
