package org.distsde.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Polygon;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
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
import org.jfree.chart.ui.TextAnchor;

/**
 * The chart of a {@code frontier} result (log-log): per group of grid points (one colour), the
 * measured frontier as points joined by a solid line with the final bisection bracket [lo, hi] as
 * vertical bars, and the theorem's ceiling at the same grid points as a dashed line. A grid point
 * whose frontier lies outside the initial bracket is drawn as an open triangle at that end,
 * pointing where the frontier is (below lo₀ or above hi₀). Each measured point is labelled with
 * frontier / ceiling.
 */
public final class FrontierChart {
    private FrontierChart() { }

    /**
     * One colour: x per grid point, the frontier estimate and its bracket (NaN where not bracketed),
     * the ceiling, and the initial end beyond which the frontier lies (NaN where bracketed).
     */
    public record Group(String legend, String ceilingLegend, double[] x, double[] frontier, double[] lo, double[] hi,
                        double[] ceiling, double[] belowLo, double[] aboveHi, List<Line> lines) {
        public Group(String legend, String ceilingLegend, double[] x, double[] frontier, double[] lo, double[] hi,
                     double[] ceiling, double[] belowLo, double[] aboveHi) {
            this(legend, ceilingLegend, x, frontier, lo, hi, ceiling, belowLo, aboveHi, List.of());
        }
    }

    /** How an extra line of a group is drawn. */
    public enum Style {
        /** a model's prediction: dotted, open diamonds */
        PREDICTION,
        /** an SDE model's measured frontier: dash-dot, crosses */
        SDE
    }

    /** An extra line of a group at its x values (points that are not positive and finite are skipped). */
    public record Line(String legend, double[] y, Style style) { }

    /** Labels each measured point with frontier / ceiling. */
    private static void ratioLabels(XYPlot plot, List<Group> groups) {
        final Font f = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
        for (int gi = 0; gi < groups.size(); gi++) {
            final Group g = groups.get(gi);
            for (int i = 0; i < g.x().length; i++) {
                final double r = g.frontier()[i] / g.ceiling()[i];
                if (ok(g.frontier()[i]) && ok(r)) {
                    final XYTextAnnotation a = new XYTextAnnotation(String.format(java.util.Locale.ROOT, " ×%.3g", r),
                            g.x()[i], g.frontier()[i]);
                    a.setFont(f);
                    a.setPaint(Plots.PALETTE[gi % Plots.PALETTE.length].darker());
                    a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
                    plot.addAnnotation(a);
                }
            }
        }
    }

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
        final XYSeriesCollection extra = new XYSeriesCollection();
        final XYLineAndShapeRenderer xr = new XYLineAndShapeRenderer(true, true);
        xr.setDrawSeriesLineAsPath(true);
        int nb = 0, nx = 0;
        for (int gi = 0; gi < groups.size(); gi++) {
            final Group g = groups.get(gi);
            final Color c = Plots.PALETTE[gi % Plots.PALETTE.length];
            final XYIntervalSeries m = new XYIntervalSeries(g.legend());
            final XYSeries ce = new XYSeries(g.ceilingLegend(), false, true);
            final XYSeries up = new XYSeries(g.legend() + ": frontier above hi₀", false, true);
            final XYSeries down = new XYSeries(g.legend() + ": frontier below lo₀", false, true);
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
            for (int li = 0; li < g.lines().size(); li++) {
                final Line l = g.lines().get(li);
                final XYSeries xs = new XYSeries(l.legend(), false, true);
                for (int i = 0; i < g.x().length; i++) {
                    if (ok(l.y()[i])) {
                        xs.add(g.x()[i], l.y()[i]);
                    }
                }
                extra.addSeries(xs);
                // one group: a colour per line; several: the group's colour, told apart by marker and dashes
                xr.setSeriesPaint(nx, groups.size() == 1 ? Plots.PALETTE[(li + 1) % Plots.PALETTE.length] : c);
                final float[] dash = l.style() == Style.PREDICTION ? new float[] {2f, 6f}
                        : li % 2 == 0 ? new float[] {12f, 5f, 2f, 5f} : new float[] {6f, 4f};
                xr.setSeriesStroke(nx, new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
                xr.setSeriesShape(nx, marker(l.style() == Style.PREDICTION ? 0 : 1 + li));
                xr.setSeriesShapesFilled(nx, false);
                nx++;
            }
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
        final java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        for (Group g : groups) {
            for (double v : g.x()) {
                xs.add(v);
            }
        }
        final ValueAxis xAxis = logX ? new PlainLogAxis(xLabel, xs) : new NumberAxis(xLabel);
        xAxis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
        xAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        final ValueAxis yAxis = new PlainLogAxis(yLabel, null);
        final XYPlot plot = new XYPlot(measured, xAxis, yAxis, er);
        plot.setDataset(1, ceilings);
        plot.setRenderer(1, cr);
        plot.setDataset(2, beyond);
        plot.setRenderer(2, br);
        plot.setDataset(3, extra);
        plot.setRenderer(3, xr);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        xAxis.setLowerMargin(0.05);
        xAxis.setUpperMargin(0.12);
        ratioLabels(plot, groups);
        final JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 26), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Plots.legend(chart.getLegend(), 18);
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

    /** Open markers told apart by shape: a diamond, then a cross, an x, a square, a circle, cycling. */
    private static Shape marker(int i) {
        return switch (i % 5) {
            case 0 -> new Polygon(new int[] {0, 7, 0, -7}, new int[] {-7, 0, 7, 0}, 4);
            case 1 -> cross(false);
            case 2 -> cross(true);
            case 3 -> new java.awt.Rectangle(-5, -5, 10, 10);
            default -> new Ellipse2D.Double(-5, -5, 10, 10);
        };
    }

    private static Shape cross(boolean diagonal) {
        final java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
        if (diagonal) {
            p.moveTo(-6, -6);
            p.lineTo(6, 6);
            p.moveTo(-6, 6);
            p.lineTo(6, -6);
        } else {
            p.moveTo(-7, 0);
            p.lineTo(7, 0);
            p.moveTo(0, -7);
            p.lineTo(0, 7);
        }
        return p;
    }

    private static Shape triangle(boolean up) {
        final int s = up ? -1 : 1;
        return new Polygon(new int[] {-8, 8, 0}, new int[] {-5 * s, -5 * s, 9 * s}, 3);
    }

    /**
     * A log axis labelled in plain numbers: at the given values (the grid), or else at 1, 2, ..., 9
     * times the powers of ten within one decade, 1, 2, 5 within three, the powers of ten beyond.
     */
    private static final class PlainLogAxis extends LogAxis {
        private static final long serialVersionUID = 1L;
        private final List<Double> at;

        PlainLogAxis(String label, java.util.Collection<Double> at) {
            super(label);
            this.at = at == null ? null : List.copyOf(at);
            setBase(10);
            setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
            setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        }

        @Override
        @SuppressWarnings("rawtypes")
        public List refreshTicks(java.awt.Graphics2D g2, org.jfree.chart.axis.AxisState state,
                                 java.awt.geom.Rectangle2D dataArea, org.jfree.chart.ui.RectangleEdge edge) {
            final boolean vertical = org.jfree.chart.ui.RectangleEdge.isLeftOrRight(edge);
            final TextAnchor anchor = vertical ? TextAnchor.CENTER_RIGHT : TextAnchor.TOP_CENTER;
            final List<org.jfree.chart.axis.ValueTick> ticks = new java.util.ArrayList<>();
            for (double v : values()) {
                ticks.add(new org.jfree.chart.axis.NumberTick(org.jfree.chart.axis.TickType.MAJOR, v, label(v), anchor,
                        anchor, 0.0));
            }
            return ticks;
        }

        private List<Double> values() {
            final double lo = getRange().getLowerBound(), hi = getRange().getUpperBound();
            final List<Double> out = new java.util.ArrayList<>();
            if (at != null) {
                for (double v : at) {
                    if (v >= lo && v <= hi) {
                        out.add(v);
                    }
                }
                return out;
            }
            final double decades = Math.log10(hi / lo);
            final int[] mant = decades <= 1.2 ? new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}
                    : decades <= 3.5 ? new int[] {1, 2, 5} : new int[] {1};
            for (int e = (int) Math.floor(Math.log10(lo)); e <= (int) Math.ceil(Math.log10(hi)); e++) {
                for (int m : mant) {
                    final double v = Double.parseDouble(m + "e" + e);
                    if (v >= lo && v <= hi) {
                        out.add(v);
                    }
                }
            }
            return out;
        }

        /** Plain numbers from 10⁻³ to 10⁵ (0.002, 50), powers of ten beyond (10⁻⁶, 2·10⁷). */
        private static String label(double v) {
            if (v >= 1e-3 && v < 1e5) {
                return new java.math.BigDecimal(v, new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
            }
            return Plots.PowerOfTen.of(v);
        }
    }

}
