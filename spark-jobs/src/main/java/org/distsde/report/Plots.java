package org.distsde.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Publication-style line charts (JFreeChart): one colour per series, the optimizer as a solid
 * line over its 5–95% quantile band, the SDE as a dashed line of the same colour, a log y axis.
 */
public final class Plots {
    /** Okabe–Ito colour-blind-safe palette. */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)};
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 800;
    /** The size a chart is drawn at on the report's page, where it is shown about 520 px wide. */
    static final int PAGE_WIDTH = 720;
    static final int PAGE_HEIGHT = 470;

    private Plots() { }

    /** How a line is drawn: solid over its band (optimizer), dashed (SDE), dotted (theory), dash-dot (bounds). */
    public enum Style { SOLID, DASHED, DOTTED, DASHDOT }

    /** One line of a chart. */
    public record Line(String legend, double[] x, double[] y, double[] lo, double[] hi, Style style, int colour) { }

    /** Builds a chart with a log y axis; non-positive and non-finite points are left out. */
    public static JFreeChart chart(String title, String subtitle, String xLabel, String yLabel, List<Line> lines) {
        return chart(title, subtitle, xLabel, yLabel, lines, true);
    }

    /**
     * Builds a chart with a log (non-positive and non-finite points left out) or linear y axis
     * (non-finite points left out).
     */
    public static JFreeChart chart(String title, String subtitle, String xLabel, String yLabel, List<Line> lines,
                                   boolean logY) {
        final YIntervalSeriesCollection solid = new YIntervalSeriesCollection();
        final XYSeriesCollection dashed = new XYSeriesCollection();
        final DeviationRenderer rs = new DeviationRenderer(true, false);
        final XYLineAndShapeRenderer rd = new XYLineAndShapeRenderer(true, false);
        int ns = 0, nd = 0;
        final boolean anySolid = lines.stream().anyMatch(l -> l.style() == Style.SOLID);
        rd.setDrawSeriesLineAsPath(true); // dash patterns run along the whole line, not per segment
        double minPos = Double.POSITIVE_INFINITY;
        for (Line l : lines) {
            for (double v : l.y()) {
                if (v > 0 && Double.isFinite(v)) {
                    minPos = Math.min(minPos, v);
                }
            }
        }
        for (Line l : lines) {
            final Color c = PALETTE[l.colour() % PALETTE.length];
            if (l.style() == Style.SOLID) {
                final YIntervalSeries s = new YIntervalSeries(l.legend());
                for (int i = 0; i < l.x().length; i++) {
                    final double y = l.y()[i];
                    if ((y > 0 || !logY) && Double.isFinite(y)) {
                        final double lo = l.lo() == null ? y
                                : logY ? clamp(l.lo()[i], minPos / 10, y) : Double.isFinite(l.lo()[i]) ? Math.min(l.lo()[i], y) : y;
                        final double hi = l.hi() == null ? y : Double.isFinite(l.hi()[i]) ? Math.max(l.hi()[i], y) : y;
                        s.add(l.x()[i], y, lo, hi);
                    }
                }
                solid.addSeries(s);
                rs.setSeriesPaint(ns, c);
                rs.setSeriesFillPaint(ns, c);
                rs.setSeriesStroke(ns, new BasicStroke(3f));
                ns++;
            } else {
                final XYSeries s = new XYSeries(anySolid || l.style() != Style.DASHED ? l.legend() + " " + nd : l.legend(),
                        false, true);
                for (int i = 0; i < l.x().length; i++) {
                    if ((l.y()[i] > 0 || !logY) && Double.isFinite(l.y()[i])) {
                        s.add(l.x()[i], l.y()[i]);
                    }
                }
                dashed.addSeries(s);
                rd.setSeriesPaint(nd, c);
                final boolean dotted = l.style() == Style.DOTTED;
                final float[] dash = switch (l.style()) {
                    case DOTTED -> new float[] {2f, 6f};
                    case DASHDOT -> new float[] {14f, 5f, 2f, 5f};
                    default -> new float[] {10f, 7f};
                };
                rd.setSeriesStroke(nd, new BasicStroke(dotted ? 2.5f : 2.5f, BasicStroke.CAP_ROUND,
                        BasicStroke.JOIN_ROUND, 10f, dash, 0f));
                rd.setSeriesVisibleInLegend(nd, !anySolid && l.style() == Style.DASHED); // SDE-only charts
                nd++;
            }
        }
        rs.setAlpha(0.15f);
        final NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(true);
        final org.jfree.chart.axis.ValueAxis yAxis;
        if (logY) {
            final LogAxis log = new LogAxis(yLabel);
            log.setBase(10);
            log.setSmallestValue(Double.isFinite(minPos) ? minPos / 10 : 1e-12);
            log.setNumberFormatOverride(new java.text.DecimalFormat("0E0"));
            log.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1)); // one tick per decade
            log.setMinorTickCount(9);
            log.setMinorTickMarksVisible(true);
            yAxis = log;
        } else {
            final NumberAxis lin = new NumberAxis(yLabel);
            lin.setAutoRangeIncludesZero(true);
            yAxis = lin;
        }
        final XYPlot plot = new XYPlot(solid, xAxis, yAxis, rs);
        plot.setDataset(1, dashed);
        plot.setRenderer(1, rd);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD); // SDE lines on top
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        final Font axisFont = new Font(Font.SANS_SERIF, Font.PLAIN, 24);
        final Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 20);
        for (var a : new org.jfree.chart.axis.ValueAxis[] {xAxis, yAxis}) {
            a.setLabelFont(axisFont);
            a.setTickLabelFont(tickFont);
        }
        final JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 26), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        if (subtitle != null && !subtitle.isEmpty()) {
            chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 18)));
        }
        return chart;
    }

    private static double clamp(double v, double min, double max) {
        if (!Double.isFinite(v)) {
            return min;
        }
        return Math.min(Math.max(v, min), max);
    }

    public static byte[] png(JFreeChart chart) throws IOException {
        final BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        g.dispose();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    public static String svg(JFreeChart chart) {
        final SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g.getSVGDocument();
    }

    /**
     * The chart as an inline {@code <svg>} element for the report's page: without its title and
     * subtitle (the page sets them as HTML), drawn at {@link #PAGE_WIDTH} × {@link #PAGE_HEIGHT} and
     * scaled by its view box; {@code id} names the element and prefixes its definitions, so that
     * charts on one page do not share clip paths.
     */
    static String pageSvg(JFreeChart chart, String id) {
        final JFreeChart bare;
        try {
            bare = (JFreeChart) chart.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        bare.setTitle((TextTitle) null);
        for (Object t : List.copyOf(bare.getSubtitles())) {
            if (t instanceof TextTitle tt) {
                bare.removeSubtitle(tt);
            }
        }
        final SVGGraphics2D g = new SVGGraphics2D(PAGE_WIDTH, PAGE_HEIGHT);
        g.setDefsKeyPrefix(id + "-");
        bare.draw(g, new Rectangle(0, 0, PAGE_WIDTH, PAGE_HEIGHT));
        return g.getSVGElement(id, false, new ViewBox(0, 0, PAGE_WIDTH, PAGE_HEIGHT), null, null);
    }
}
