package org.distsde.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Publication-style line charts (JFreeChart): one colour per series, the optimizer as a solid
 * line over its 5–95% quantile band, the SDE dashed in the same colour, theory dotted and bounds
 * dash-dot; a log y axis labelled in powers of ten (10⁻³, 2·10⁻³). The legend names the series by
 * colour and marker, then keys the line styles in grey (optimizer / SDE / theory / bound). Lines that
 * overlap stay distinguishable: every series carries its own marker shape, about {@link #MARKERS}
 * along the line, staggered by the series' index so that markers of coinciding
 * lines do not cover each other ({@link #marker}).
 */
public final class Plots {
    /** Okabe–Ito colour-blind-safe palette. */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)};
    /** Marker shapes, one per colour index. */
    static final Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 800;
    /** The size a chart is drawn at on the report's page, where it is shown about 520 px wide. */
    static final int PAGE_WIDTH = 720;
    static final int PAGE_HEIGHT = 470;
    /** A line's markers: about this many along it. */
    static final int MARKERS = 8;
    private static final Color KEY = new Color(0x555555);

    private Plots() { }

    /** How a line is drawn: solid over its band (optimizer), dashed (SDE), dotted (theory), dash-dot (bounds). */
    public enum Style {
        SOLID("optimizer"), DASHED("SDE"), DOTTED("theory"), DASHDOT("bound"), POINTS("measured");

        final String key;

        Style(String key) {
            this.key = key;
        }

        Stroke stroke(float width) {
            return switch (this) {
                case SOLID, POINTS -> new BasicStroke(width);
                case DOTTED -> new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {2f, 6f}, 0f);
                case DASHDOT -> new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {14f, 5f, 2f, 5f}, 0f);
                case DASHED -> new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {10f, 7f}, 0f);
            };
        }
    }

    /** One line of a chart. */
    public record Line(String legend, double[] x, double[] y, double[] lo, double[] hi, Style style, int colour) { }

    /** Builds a chart with a log y axis; non-positive and non-finite points are left out. */
    public static JFreeChart chart(String title, String subtitle, String xLabel, String yLabel, List<Line> lines) {
        return chart(title, subtitle, xLabel, yLabel, lines, true);
    }

    /**
     * Builds a chart with a log (non-positive and non-finite points left out) or linear y axis
     * (non-finite points left out). The legend: one entry per colour (the first line drawn in it,
     * with its marker), then the styles present, in grey.
     */
    public static JFreeChart chart(String title, String subtitle, String xLabel, String yLabel, List<Line> lines,
                                   boolean logY) {
        final YIntervalSeriesCollection solid = new YIntervalSeriesCollection();
        final XYSeriesCollection other = new XYSeriesCollection();
        final DeviationRenderer rs = new StaggeredBand();
        final XYLineAndShapeRenderer rd = new StaggeredLine();
        int ns = 0, nd = 0;
        rd.setDrawSeriesLineAsPath(true); // dash patterns run along the whole line, not per segment
        double minPos = Double.POSITIVE_INFINITY;
        for (Line l : lines) {
            for (double v : l.y()) {
                if (v > 0 && Double.isFinite(v)) {
                    minPos = Math.min(minPos, v);
                }
            }
        }
        final LegendItemCollection legend = new LegendItemCollection();
        final List<Integer> coloured = new ArrayList<>();
        final List<Style> styles = new ArrayList<>();
        for (Line l : lines) {
            final Color c = PALETTE[Math.floorMod(l.colour(), PALETTE.length)];
            final Shape shape = SHAPES[Math.floorMod(l.colour(), SHAPES.length)];
            if (!styles.contains(l.style())) {
                styles.add(l.style());
            }
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
                rs.setSeriesStroke(ns, Style.SOLID.stroke(3f));
                rs.setSeriesShape(ns, shape);
                ns++;
            } else {
                final XYSeries s = new XYSeries(l.legend() + " " + nd, false, true);
                for (int i = 0; i < l.x().length; i++) {
                    if ((l.y()[i] > 0 || !logY) && Double.isFinite(l.y()[i])) {
                        s.add(l.x()[i], l.y()[i]);
                    }
                }
                other.addSeries(s);
                rd.setSeriesPaint(nd, c);
                rd.setSeriesStroke(nd, l.style().stroke(2.5f));
                rd.setSeriesShape(nd, shape);
                rd.setSeriesShapesVisible(nd, l.style() == Style.DASHED || l.style() == Style.POINTS); // not on theory
                rd.setSeriesLinesVisible(nd, l.style() != Style.POINTS);
                nd++;
            }
            if (!coloured.contains(l.colour()) && l.style() != Style.DOTTED && l.style() != Style.DASHDOT) {
                coloured.add(l.colour());
                final LegendItem li = new LegendItem(Symbols.text(l.legend()), null, null, null, shape, c,
                        new BasicStroke(1.5f), c);
                li.setLineVisible(true);
                li.setLine(new Line2D.Double(-14, 0, 14, 0));
                li.setLinePaint(c);
                li.setLineStroke(new BasicStroke(3f));
                li.setShapeVisible(true);
                legend.add(li);
            }
        }
        if (styles.size() > 1 || !styles.contains(Style.SOLID)) { // the key of the line styles, in grey
            for (Style st : Style.values()) {
                if (styles.contains(st)) {
                    final LegendItem li = new LegendItem(st.key, null, null, null, new Line2D.Double(-18, 0, 18, 0),
                            st.stroke(2.5f), KEY);
                    legend.add(li);
                }
            }
        }
        rs.setAlpha(0.15f);
        final NumberAxis xAxis = new NumberAxis(Symbols.text(xLabel));
        xAxis.setAutoRangeIncludesZero(true);
        final org.jfree.chart.axis.ValueAxis yAxis;
        if (logY) {
            final LogAxis log = logAxis(yLabel);
            log.setSmallestValue(Double.isFinite(minPos) ? minPos / 10 : 1e-12);
            log.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1)); // one tick per decade
            log.setMinorTickCount(9);
            log.setMinorTickMarksVisible(true);
            yAxis = log;
        } else {
            final NumberAxis lin = new NumberAxis(Symbols.text(yLabel));
            lin.setAutoRangeIncludesZero(true);
            lin.setNumberFormatOverride(new Linear());
            yAxis = lin;
        }
        final XYPlot plot = new XYPlot(solid, xAxis, yAxis, rs);
        plot.setDataset(1, other);
        plot.setRenderer(1, rd);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD); // SDE lines on top
        plot.setFixedLegendItems(legend);
        style(plot);
        final Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 20);
        for (var a : new org.jfree.chart.axis.ValueAxis[] {xAxis, yAxis}) {
            a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
            a.setTickLabelFont(tickFont);
        }
        final JFreeChart chart = new JFreeChart(title == null ? null : Symbols.text(title),
                new Font(Font.SANS_SERIF, Font.BOLD, 26), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        legend(chart.getLegend(), 20);
        if (subtitle != null && !subtitle.isEmpty()) {
            chart.addSubtitle(new TextTitle(Symbols.text(subtitle), new Font(Font.SANS_SERIF, Font.PLAIN, 18)));
        }
        return chart;
    }

    /** The plot's white background and light grid. */
    static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    }

    /** A legend's font and the space between its entries (entries must not run together). */
    static void legend(LegendTitle legend, int size) {
        if (legend == null) {
            return;
        }
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 22));
        legend.setLegendItemGraphicPadding(new RectangleInsets(2, 10, 2, 2));
    }

    /** A base-10 log axis labelled in powers of ten (label in the papers' symbols). */
    static LogAxis logAxis(String label) {
        final LogAxis a = new LogAxis(Symbols.text(label));
        a.setBase(10);
        a.setStandardTickUnits(new org.jfree.chart.axis.NumberTickUnitSource(true)); // whole decades only
        a.setNumberFormatOverride(new PowerOfTen());
        a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
        a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        return a;
    }

    /** Tick labels: a number format that only formats, by {@link #label}. */
    abstract static class Ticks extends NumberFormat {
        private static final long serialVersionUID = 1L;

        abstract String label(double v);

        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
            return to.append(label(v));
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
            return to.append(label(v));
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are not parsed");
        }
    }

    /** Tick labels of a log axis: 10ⁿ for powers of ten (10⁰ included), m·10ⁿ otherwise; never "1E-3". */
    static final class PowerOfTen extends Ticks {
        private static final long serialVersionUID = 1L;
        private static final String SUPER = "⁰¹²³⁴⁵⁶⁷⁸⁹";

        static String of(double v) {
            if (v == 0 || !Double.isFinite(v)) {
                return v == 0 ? "0" : Double.toString(v);
            }
            final double a = Math.abs(v);
            int e = (int) Math.floor(Math.log10(a) + 1e-9);
            double m = a / Math.pow(10, e);
            if (m >= 9.9995) {
                m /= 10;
                e++;
            }
            final String mant = String.format(Locale.ROOT, "%.3g", m).replaceAll("\\.?0+$", "");
            return (v < 0 ? "−" : "") + (mant.equals("1") ? "" : mant + "·") + "10" + sup(e);
        }

        /** A positive integer in subscript digits (x₁, x₁₂). */
        static String sub(int n) {
            final StringBuilder b = new StringBuilder();
            for (char c : Integer.toString(n).toCharArray()) {
                b.append((char) ('₀' + (c - '0')));
            }
            return b.toString();
        }

        static String sup(int e) {
            final StringBuilder b = new StringBuilder(e < 0 ? "⁻" : "");
            for (char c : Integer.toString(Math.abs(e)).toCharArray()) {
                b.append(SUPER.charAt(c - '0'));
            }
            return b.toString();
        }

        @Override
        String label(double v) {
            return of(v);
        }
    }

    /** Tick labels of a linear axis: 0, plain numbers from 10⁻³ to 10⁵, m·10ⁿ beyond (never "7.5E-5" or "0E0"). */
    static final class Linear extends Ticks {
        private static final long serialVersionUID = 1L;

        static String of(double v) {
            if (v == 0) {
                return "0";
            }
            final double a = Math.abs(v);
            if (a >= 1e-3 && a < 1e5 && Double.isFinite(v)) {
                return new java.math.BigDecimal(v, new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
            }
            return PowerOfTen.of(v);
        }

        @Override
        String label(double v) {
            return of(Math.abs(v) < 1e-300 ? 0 : v);
        }
    }

    /**
     * Whether item {@code item} of a series carries its marker: every point of a short line (at most
     * {@link #MARKERS} points: each is a measurement), else every k-th point (k = max(3, n /
     * {@link #MARKERS})), the first at an offset 2·series + dataset (mod k), so that the markers of
     * lines lying on top of each other (optimizer and SDE, several learning rates) fall at different
     * points.
     */
    static boolean marker(XYPlot plot, int dataset, int series, int item) {
        final var ds = plot == null ? null : plot.getDataset(dataset);
        final int n = ds == null ? 0 : ds.getItemCount(series);
        if (n <= MARKERS) {
            return true;
        }
        final int k = Math.max(3, n / MARKERS);
        return Math.floorMod(item - (2 * series + dataset), k) == 0;
    }

    /** The optimizer's renderer: its 5–95% band and line, staggered markers. */
    private static final class StaggeredBand extends DeviationRenderer {
        private static final long serialVersionUID = 1L;

        StaggeredBand() {
            super(true, true);
        }

        @Override
        public boolean getItemShapeVisible(int series, int item) {
            return !Boolean.FALSE.equals(getSeriesShapesVisible(series)) && marker(getPlot(), 0, series, item);
        }
    }

    /** The other lines' renderer: staggered markers where the series has them. */
    private static final class StaggeredLine extends XYLineAndShapeRenderer {
        private static final long serialVersionUID = 1L;

        StaggeredLine() {
            super(true, true);
        }

        @Override
        public boolean getItemShapeVisible(int series, int item) {
            return !Boolean.FALSE.equals(getSeriesShapesVisible(series)) && (Boolean.FALSE.equals(
                    getSeriesLinesVisible(series)) || marker(getPlot(), 1, series, item)); // points: all of them
        }
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
