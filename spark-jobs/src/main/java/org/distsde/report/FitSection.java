package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distsde.report.ReportModel.Figure;
import org.distsde.report.ReportModel.Table;
import org.jfree.chart.JFreeChart;

/**
 * A {@code fit-noise} result, read from its fit.json: per series the pooled noise constants fitted
 * from the agents' gradient samples along a trajectory (σ₀², σ₁² of the affine variance, the
 * smallest tail index) against the configured ones, the fitted (L0, L1) with Definition 1's sampled
 * check, and the learning-rate condition evaluated with the fitted constants; one chart per series
 * of the agents' measured variance against ‖∇f(x_t)‖² with the fitted lines.
 */
record FitSection(String id, String name, String description, List<Row> rows, Table agents, List<Figure> figures)
        implements Section {
    /** One series: its fitted and configured constants and the condition's verdict with them. */
    record Row(String series, String sigma0Sq, String sigma1Sq, String configured, String tail, String l0l1,
               String definitionOne, boolean definitionOneHolds, String condition, String conditionVerdict) { }

    /** The agents shown in the agents' table, at most. */
    static final int AGENTS_SHOWN = 8;
    /** The agents drawn per chart, at most. */
    static final int AGENTS_DRAWN = 4;

    static FitSection read(String name, JsonNode j, Set<String> taken) {
        final String id = Names.unique(taken, Names.safe(j.path("name").asText(name) + "-fit"));
        final List<Row> rows = new ArrayList<>();
        final List<Figure> figs = new ArrayList<>();
        final List<List<String>> agents = new ArrayList<>();
        for (JsonNode s : j.path("series")) {
            final JsonNode po = s.path("pooled"), sm = s.path("smoothness"), cf = s.path("configured");
            final JsonNode d1 = sm.path("definitionOneSampled"), c = s.path("condition");
            final String raw = s.path("label").asText();
            final String label = ExperimentCharts.prettyLabel(raw);
            rows.add(new Row(label, est(po.path("sigma0Sq")), est(po.path("sigma1Sq")),
                    "σ₀² = " + g(cf.path("sigma0Sq")) + ", σ₁² = " + g(cf.path("sigma1Sq"))
                            + (cf.has("l0") ? ", (L₀, L₁) = (" + g(cf.path("l0")) + ", " + g(cf.path("l1")) + ")" : ""),
                    est(po.path("smallestTailIndex")), "(" + est(sm.path("l0")) + ", " + est(sm.path("l1")) + ")",
                    (d1.path("holds").asBoolean() ? "holds" : "REFUTED") + " on " + d1.path("samples").asInt()
                            + " samples (max ratio " + g(d1.path("maxRatio")) + ")", d1.path("holds").asBoolean(),
                    c.path("theorem").asText() + " " + c.path("condition").asText(), c.path("verdict").asText()));
            int shown = 0;
            for (JsonNode a : s.path("agents")) {
                if (shown++ >= AGENTS_SHOWN) {
                    break;
                }
                agents.add(List.of(label, a.path("agent").asText(), est(a.path("sigma0Sq")), est(a.path("sigma1Sq")),
                        est(a.path("tailIndex")), g(a.path("goodnessOfFit").path("p")),
                        a.path("converged").asBoolean() ? "yes" : "no"));
            }
            // the variance chart where the noise has one (not under ν ≤ 2 or α < 2)
            final JFreeChart ch = cf.path("finiteVariance").asBoolean(true) ? chart(j.path("name").asText(name) + " — "
                    + label, s) : null;
            if (ch != null) {
                figs.add(Figure.of(Names.unique(taken, id + "-" + Names.ofLabel(raw)), "Agents' noise variance against "
                        + "‖∇f‖²" + (j.path("series").size() > 1 ? " — " + label : ""), ch));
            }
        }
        final JsonNode o = j.path("options");
        return new FitSection(id, j.path("name").asText(name), String.format(Locale.ROOT, "Every agent's gradient "
                + "noise sampled at %d points of a trajectory (%d samples each): the affine variance σ₀² + σ₁²‖∇f‖² "
                + "fitted by weighted least squares, the tail index by Hill's estimator, (L₀, L₁) from the Hessian "
                + "norms at the points and checked on a sample of Definition 1; the learning-rate condition "
                + "evaluated with the fitted constants.", o.path("points").asInt(), o.path("samples").asInt()), rows,
                new Table("Agents (the first " + AGENTS_SHOWN + " of each series)", List.of("series", "agent",
                        "σ₀² [95%]", "σ₁² [95%]", "tail index [95%]", "goodness of fit p", "converged"), agents), figs);
    }

    /** An estimate with its 95% interval, or why it has none. */
    static String est(JsonNode e) {
        if (e.isMissingNode() || !e.path("status").asText("estimated").equals("estimated")) {
            return e.path("status").asText("–");
        }
        final JsonNode ci = e.path("ci95");
        return g(e.path("estimate")) + (ci.size() == 2 ? " [" + g(ci.get(0)) + ", " + g(ci.get(1)) + "]" : "");
    }

    static String g(JsonNode n) {
        if (n.isNumber()) {
            return String.format(Locale.ROOT, "%.3g", n.asDouble());
        }
        return n.isMissingNode() || n.isNull() ? "–" : n.asText();
    }

    /**
     * The agents' measured variance at the trajectory's points (markers) and the fitted affine
     * variance (dotted, in increasing ‖∇f‖²), log-log; points at ‖∇f‖² below 10⁻¹² of the largest
     * (at the minimum) left out.
     */
    private static JFreeChart chart(String title, JsonNode s) {
        final JsonNode pts = s.path("trajectory").path("points");
        final int n = pts.size();
        final Integer[] order = new Integer[n];
        double max = 0;
        for (int t = 0; t < n; t++) {
            order[t] = t;
            max = Math.max(max, pts.get(t).path("gradNormSq").asDouble(0));
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(t -> pts.get(t).path("gradNormSq").asDouble()));
        final List<Integer> keep = new ArrayList<>();
        for (int t : order) {
            if (pts.get(t).path("gradNormSq").asDouble(0) > 1e-12 * max) {
                keep.add(t);
            }
        }
        final double[] x = new double[keep.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(keep.get(i)).path("gradNormSq").asDouble();
        }
        final List<Plots.Line> lines = new ArrayList<>();
        int i = 0;
        for (JsonNode a : s.path("agents")) {
            if (i >= AGENTS_DRAWN) {
                break;
            }
            final double[] v = values(a.path("variance")), f = values(a.path("fitted"));
            if (v.length != n || keep.size() < 2) {
                continue;
            }
            final double[] vk = new double[x.length], fk = new double[x.length];
            for (int q = 0; q < x.length; q++) {
                vk[q] = v[keep.get(q)];
                fk[q] = f.length == n ? f[keep.get(q)] : Double.NaN;
            }
            lines.add(new Plots.Line("agent " + a.path("agent").asText(), x, vk, null, null, Plots.Style.POINTS, i));
            if (f.length == n) {
                lines.add(new Plots.Line("fitted", x, fk, null, null, Plots.Style.DOTTED, i));
            }
            i++;
        }
        if (lines.isEmpty()) {
            return null;
        }
        final JFreeChart ch = Plots.chart(title, "markers: the agent's sample variance per coordinate at the "
                + "trajectory's points; dotted: σ₀² + σ₁²‖∇f‖² fitted", "‖∇f(x_t)‖²", "noise variance", lines);
        ch.getXYPlot().setDomainAxis(Plots.logAxis("‖∇f(xₜ)‖²"));
        return ch;
    }

    private static double[] values(JsonNode a) {
        final double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).isNumber() ? a.get(i).asDouble() : Double.NaN;
        }
        return v;
    }
}
