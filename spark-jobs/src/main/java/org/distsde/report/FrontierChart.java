package org.distsde.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Polygon;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The chart of a {@code frontier} result (log-log): per group of grid points (one colour), the
 * measured frontier as points joined by a solid line with the final bisection bracket [lo, hi] as
 * vertical bars, and the theorem's ceiling at the same grid points as a dashed line. A grid point
 * whose frontier lies outside the initial bracket is drawn as an open triangle at that end,
 * pointing where the frontier is (below lo₀ or above hi₀).
 */
public final class FrontierChart {
    private FrontierChart() { }

    /**
     * One colour: x per grid point, the frontier estimate and its bracket (NaN where not bracketed),
     * the ceiling, and the initial end beyond which the frontier lies (NaN where bracketed).
     */
    public record Group(String legend, String ceilingLegend, double[] x, double[] frontier, double[] lo, double[] hi,
                        double[] ceiling, double[] belowLo, double[] aboveHi) { }

    public static JFreeChart chart(String title, String subtitle, String xLabel, String yLabel, List<Group> groups) {
        final XYIntervalSeriesCollection measured = new XYIntervalSeriesCollection();
        final XYSeriesCollection ceilings = new XYSeriesCollection();
        final XYSeriesCollection beyond = new XYSeriesCollection();
        boolean logX = true;
        for (Group g : groups) {
            for (double v : g.x()) {
                logX &= v > 0 && Double.isFinite(v);
            }
        }
        final XYErrorRenderer er = new XYErrorRenderer();
        er.setDefaultLinesVisible(true);
        er.setDefaultShapesVisible(true);
        er.setDrawXError(false);
        er.setErrorStroke(new BasicStroke(2.5f));
        er.setCapLength(10);
        final XYLineAndShapeRenderer cr = new XYLineAndShapeRenderer(true, true);
        cr.setDrawSeriesLineAsPath(true);
        final XYLineAndShapeRenderer br = new XYLineAndShapeRenderer(false, true);
        int nb = 0;
        for (int gi = 0; gi < groups.size(); gi++) {
            final Group g = groups.get(gi);
            final Color c = Plots.PALETTE[gi % Plots.PALETTE.length];
            final XYIntervalSeries m = new XYIntervalSeries(g.legend());
            final XYSeries ce = new XYSeries(g.ceilingLegend(), false, true);
            final XYSeries up = new XYSeries(g.legend() + ": frontier above hi0", false, true);
            final XYSeries down = new XYSeries(g.legend() + ": frontier below lo0", false, true);
            for (int i = 0; i < g.x().length; i++) {
                final double x = g.x()[i];
                if (ok(g.frontier()[i])) {
                    m.add(x, x, x, g.frontier()[i], ok(g.lo()[i]) ? g.lo()[i] : g.frontier()[i],
                            ok(g.hi()[i]) ? g.hi()[i] : g.frontier()[i]);
                }
                if (ok(g.ceiling()[i])) {
                    ce.add(x, g.ceiling()[i]);
                }
                if (ok(g.aboveHi()[i])) {
                    up.add(x, g.aboveHi()[i]);
                }
                if (ok(g.belowLo()[i])) {
                    down.add(x, g.belowLo()[i]);
                }
            }
            measured.addSeries(m);
            er.setSeriesPaint(gi, c);
            er.setSeriesStroke(gi, new BasicStroke(3f));
            er.setSeriesShape(gi, new Ellipse2D.Double(-6, -6, 12, 12));
            ceilings.addSeries(ce);
            cr.setSeriesPaint(gi, c);
            cr.setSeriesStroke(gi, new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {10f, 7f}, 0f));
            cr.setSeriesShape(gi, new java.awt.Rectangle(-4, -4, 8, 8));
            cr.setSeriesShapesFilled(gi, false);
            for (XYSeries s : new XYSeries[] {up, down}) {
                if (s.getItemCount() > 0) {
                    beyond.addSeries(s);
                    br.setSeriesPaint(nb, c);
                    br.setSeriesShape(nb, triangle(s == up));
                    br.setSeriesShapesFilled(nb, false);
                    br.setSeriesStroke(nb, new BasicStroke(2.5f));
                    nb++;
                }
            }
        }
        final ValueAxis xAxis = logX ? logAxis(xLabel) : new NumberAxis(xLabel);
        if (!logX) {
            xAxis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
            xAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        }
        final LogAxis yAxis = logAxis(yLabel);
        final XYPlot plot = new XYPlot(measured, xAxis, yAxis, er);
        plot.setDataset(1, ceilings);
        plot.setRenderer(1, cr);
        plot.setDataset(2, beyond);
        plot.setRenderer(2, br);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        xAxis.setLowerMargin(0.05);
        xAxis.setUpperMargin(0.05);
        final JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 26), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        if (subtitle != null && !subtitle.isEmpty()) {
            for (String line : subtitle.split("\n")) {
                chart.addSubtitle(new TextTitle(line, new Font(Font.SANS_SERIF, Font.PLAIN, 17)));
            }
        }
        return chart;
    }

    private static boolean ok(double v) {
        return v > 0 && Double.isFinite(v);
    }

    private static Shape triangle(boolean up) {
        final int s = up ? -1 : 1;
        return new Polygon(new int[] {-8, 8, 0}, new int[] {-5 * s, -5 * s, 9 * s}, 3);
    }

    private static LogAxis logAxis(String label) {
        final LogAxis a = new LogAxis(label);
        a.setBase(10);
        a.setNumberFormatOverride(new java.text.DecimalFormat("0.###E0"));
        a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
        a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        a.setMinorTickMarksVisible(true);
        return a;
    }
}
