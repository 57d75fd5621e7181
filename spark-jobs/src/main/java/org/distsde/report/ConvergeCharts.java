package org.distsde.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The log-log charts of a {@code converge} directory: per series, |D_ℓ| = |S(Δt_ℓ) − S(Δt_ℓ/2)| of
 * the final loss mean against Δt_ℓ (error bars: ±2 batch-means standard errors; the fitted weak
 * order in the legend) with a slope-1 reference; and the optimizer-vs-SDE weak error against η.
 */
final class ConvergeCharts {
    private ConvergeCharts() { }

    /** A converge directory's two tables, rows as column → text. */
    record Tables(List<Map<String, String>> dt, List<Map<String, String>> eta) { }

    static boolean isConvergeDir(String uri, Configuration conf) throws IOException {
        final Path p = new Path(uri);
        final FileSystem fs = p.getFileSystem(conf);
        return fs.exists(new Path(p, "converge-dt.csv"));
    }

    static Tables read(String uri, Configuration conf) throws IOException {
        final Path p = new Path(uri);
        final FileSystem fs = p.getFileSystem(conf);
        return new Tables(csv(fs, new Path(p, "converge-dt.csv")), csv(fs, new Path(p, "converge-eta.csv")));
    }

    private static List<Map<String, String>> csv(FileSystem fs, Path p) throws IOException {
        final List<Map<String, String>> rows = new ArrayList<>();
        if (!fs.exists(p)) {
            return rows;
        }
        final String text;
        try (java.io.InputStream in = fs.open(p)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        final String[] lines = text.split("\n");
        final String[] h = ResultData.split(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            final String[] v = ResultData.split(lines[i]);
            final Map<String, String> m = new LinkedHashMap<>();
            for (int j = 0; j < h.length && j < v.length; j++) {
                m.put(h[j], v[j]);
            }
            rows.add(m);
        }
        return rows;
    }

    private static double num(Map<String, String> r, String k) {
        final String v = r.get(k);
        return v == null || v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    /** |D_ℓ| of the final loss mean against Δt, one line per series. */
    static JFreeChart dtChart(String title, Tables t) {
        final List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> r : t.dt()) {
            if (r.get("statistic").equals("loss_mean") && !Double.isNaN(num(r, "diff_to_next"))) {
                rows.add(r);
            }
        }
        return chart(title, "final loss mean: |S(Δt) − S(Δt/2)| on coupled Brownian paths (bars: 2 SE); "
                + "dashed: slope 1 (weak order 1)", "Δt", "|D(Δt)|", points(rows, "dt", "diff_to_next", "diff_se"), 1);
    }

    /** |E f(x_K) − E f(X_T)| against η, one line per series. */
    static JFreeChart etaChart(String title, Tables t) {
        return chart(title, "|E f(x_K) − E f(X_T)|: optimizer vs its Δt-resolved SDE at the same horizon "
                + "(bars: 2 SE); dashed: slope 1", "η", "weak error", points(t.eta(), "eta", "weak_error",
                "weak_error_se"), 1);
    }

    /** One line of points per series, its fitted order in the legend. */
    private static List<Points> points(List<Map<String, String>> rows, String xc, String yc, String sec) {
        final Map<String, List<Map<String, String>>> bySeries = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            bySeries.computeIfAbsent(r.get("series") + " " + r.get("label"), k -> new ArrayList<>()).add(r);
        }
        final List<Points> pts = new ArrayList<>();
        for (var e : bySeries.entrySet()) {
            final List<Map<String, String>> rs = e.getValue();
            final double[] x = new double[rs.size()], y = new double[rs.size()], se = new double[rs.size()];
            for (int i = 0; i < rs.size(); i++) {
                x[i] = num(rs.get(i), xc);
                y[i] = Math.abs(num(rs.get(i), yc));
                se[i] = num(rs.get(i), sec);
            }
            pts.add(new Points(String.format(Locale.ROOT, "%s: order %.2f [%.2f, %.2f]", Symbols.text(e.getKey()),
                    num(rs.get(0), "order"), num(rs.get(0), "order_lo"), num(rs.get(0), "order_hi")), x, y, se));
        }
        return pts;
    }

    record Points(String legend, double[] x, double[] y, double[] se) { }

    private static JFreeChart chart(String title, String sub, String xl, String yl, List<Points> pts, double slope) {
        final XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        final XYSeriesCollection ref = new XYSeriesCollection();
        double minX = Double.POSITIVE_INFINITY, maxX = 0, minY = Double.POSITIVE_INFINITY, yAtMax = Double.NaN;
        for (Points p : pts) {
            final XYIntervalSeries s = new XYIntervalSeries(p.legend());
            for (int i = 0; i < p.x().length; i++) {
                final double y = p.y()[i];
                if (!(y > 0) || !Double.isFinite(y)) {
                    continue;
                }
                final double e = Double.isFinite(p.se()[i]) ? 2 * p.se()[i] : 0;
                s.add(p.x()[i], p.x()[i], p.x()[i], y, Math.max(y - e, y / 100), y + e);
                minX = Math.min(minX, p.x()[i]);
                minY = Math.min(minY, y);
                if (p.x()[i] >= maxX) {
                    maxX = p.x()[i];
                    yAtMax = y;
                }
            }
            data.addSeries(s);
        }
        if (maxX > 0 && Double.isFinite(yAtMax)) {
            final XYSeries r = new XYSeries("slope " + slope);
            r.add(minX, yAtMax * Math.pow(minX / maxX, slope));
            r.add(maxX, yAtMax);
            ref.addSeries(r);
        }
        final XYErrorRenderer er = new XYErrorRenderer();
        er.setDefaultLinesVisible(true);
        er.setDefaultShapesVisible(true);
        er.setErrorStroke(new BasicStroke(2f));
        for (int i = 0; i < pts.size(); i++) {
            final Color c = Plots.PALETTE[i % Plots.PALETTE.length];
            er.setSeriesPaint(i, c);
            er.setSeriesStroke(i, new BasicStroke(3f));
            er.setSeriesShape(i, Plots.SHAPES[i % Plots.SHAPES.length]);
        }
        final XYLineAndShapeRenderer rr = new XYLineAndShapeRenderer(true, false);
        rr.setSeriesPaint(0, Color.GRAY);
        rr.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                new float[] {10f, 7f}, 0f));
        final LogAxis x = axis(xl), y = axis(yl);
        final XYPlot plot = new XYPlot(data, x, y, er);
        plot.setDataset(1, ref);
        plot.setRenderer(1, rr);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        final JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 26), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Plots.legend(chart.getLegend(), 18);
        chart.addSubtitle(new TextTitle(sub, new Font(Font.SANS_SERIF, Font.PLAIN, 18)));
        return chart;
    }

    private static LogAxis axis(String label) {
        final LogAxis a = Plots.logAxis(label);
        a.setMinorTickMarksVisible(true);
        return a;
    }
}
