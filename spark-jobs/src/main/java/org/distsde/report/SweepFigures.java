package org.distsde.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.distsde.io.SeriesKind;
import org.distsde.report.SweepData.BoundPoint;
import org.distsde.report.SweepData.Point;
import org.distsde.report.SweepData.Sweep;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.svg.SVGGraphics2D;

/**
 * The figures of a sweep over N ({@link SweepData}): a grid with one column per optimizer and one
 * row per statistic (median and 95th percentile of the final loss, fraction diverged, tail index of
 * the loss and of the update) against N on a log axis, one line per noise law with its own marker;
 * and Theorem 7's bound against N with the measured time-weighted E‖∇f‖².
 */
public final class SweepFigures {
    /** Panel cell of the grid figure. */
    public static final int CELL_W = 600;
    public static final int CELL_H = 450;
    private static final int HEADER = 80;
    private static final int FOOTER = 90;

    private SweepFigures() { }

    /** The statistics drawn per optimizer, in row order. */
    enum Stat {
        MEDIAN("median final loss", true),
        P95("95th percentile of the final loss", true),
        DIVERGED("fraction of runs diverged", false),
        TAIL("Hill tail index of the final loss", false),
        UPDATE_TAIL("Hill tail index of the update", false);

        final String label;
        final boolean logY;

        Stat(String label, boolean logY) {
            this.label = label;
            this.logY = logY;
        }
    }

    /** The value of a statistic at a point. */
    static double value(Point p, Stat st) {
        return switch (st) {
            case MEDIAN -> p.median();
            case P95 -> p.p95();
            case DIVERGED -> p.divergedFraction();
            case TAIL -> p.tailIndex();
            case UPDATE_TAIL -> p.updTail();
        };
    }

    /** A grid of panels: one column per optimizer, one row per statistic, one shared legend. */
    record Grid(String title, List<String> columns, List<List<JFreeChart>> rows, LegendTitle legend)
            implements ReportModel.Drawing {
        int width() {
            return columns.size() * CELL_W;
        }

        int height() {
            return HEADER + rows.size() * CELL_H + FOOTER;
        }

        void draw(Graphics2D g) {
            g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
                    java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(Color.WHITE);
            g.fillRect(0, 0, width(), height());
            g.setPaint(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
            final int tw = g.getFontMetrics().stringWidth(title);
            g.drawString(title, Math.max(10, (width() - tw) / 2), 36);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 24));
            for (int c = 0; c < columns.size(); c++) {
                final String h = columns.get(c);
                final int w = g.getFontMetrics().stringWidth(h);
                g.drawString(h, c * CELL_W + (CELL_W - w) / 2, 72);
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < columns.size(); c++) {
                    rows.get(r).get(c).draw(g, new Rectangle2D.Double(c * CELL_W, HEADER + r * CELL_H, CELL_W, CELL_H));
                }
            }
            final org.jfree.chart.ui.Size2D size = legend.arrange(g, new org.jfree.chart.block.RectangleConstraint(
                    new org.jfree.data.Range(0, width() - 20.0), new org.jfree.data.Range(0, FOOTER - 10.0)));
            legend.draw(g, new Rectangle2D.Double((width() - size.getWidth()) / 2, HEADER + rows.size() * CELL_H + 5,
                    size.getWidth(), size.getHeight()));
        }

        @Override
        public byte[] png() throws IOException {
            final BufferedImage img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
            final Graphics2D g = img.createGraphics();
            draw(g);
            g.dispose();
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        }

        @Override
        public String svg() {
            final SVGGraphics2D g = new SVGGraphics2D(width(), height());
            draw(g);
            return g.getSVGDocument();
        }

        @Override
        public String pageSvg(String id) {
            final SVGGraphics2D g = new SVGGraphics2D(width(), height());
            g.setDefsKeyPrefix(id + "-");
            draw(g);
            return g.getSVGElement(id, false, new org.jfree.svg.ViewBox(0, 0, width(), height()), null, null);
        }
    }

    static Grid grid(String title, Sweep s) {
        final List<String> opts = SweepData.optimizers(s);
        final List<String> keys = SweepData.legendKeys(s);
        final Map<String, List<Point>> lines = s.lines();
        final double[] nRange = nRange(s.points().stream().mapToLong(Point::agents).toArray());
        final List<List<JFreeChart>> rows = new ArrayList<>();
        for (Stat st : Stat.values()) {
            final List<JFreeChart> row = new ArrayList<>();
            double maxFraction = 0, maxTail = 4;
            for (Point p : s.points()) {
                maxFraction = Math.max(maxFraction, Double.isFinite(p.divergedFraction()) ? p.divergedFraction() : 0);
                final double t = st == Stat.UPDATE_TAIL ? p.updTail() : p.tailIndex();
                maxTail = Math.max(maxTail, Double.isFinite(t) ? t * 1.1 : 0);
            }
            maxTail = Math.min(maxTail, 10);
            for (String o : opts) {
                final List<Plots.Line> ls = new ArrayList<>();
                final List<Integer> colours = new ArrayList<>();
                for (var e : lines.entrySet()) {
                    final List<Point> pts = e.getValue();
                    if (!pts.get(0).optimizer().equals(o)) {
                        continue;
                    }
                    final int colour = keys.indexOf(SweepData.legendKey(pts.get(0).noise(), pts.get(0).other()));
                    final double[] x = pts.stream().mapToDouble(Point::agents).toArray();
                    final double[] y = pts.stream().mapToDouble(p -> value(p, st)).toArray();
                    final double[] lo = st == Stat.TAIL ? pts.stream().mapToDouble(Point::tailLo).toArray()
                            : st == Stat.UPDATE_TAIL ? pts.stream().mapToDouble(Point::updLo).toArray() : null;
                    final double[] hi = st == Stat.TAIL ? pts.stream().mapToDouble(Point::tailHi).toArray()
                            : st == Stat.UPDATE_TAIL ? pts.stream().mapToDouble(Point::updHi).toArray() : null;
                    ls.add(new Plots.Line(e.getKey(), x, y, lo, hi, Plots.Style.SOLID, colour));
                    colours.add(colour);
                }
                final JFreeChart ch = Plots.chart(null, null, "N (agents)", st.label, ls, st.logY);
                final XYPlot plot = ch.getXYPlot();
                plot.setDomainAxis(logN("N (agents)", nRange, 20, 18));
                final XYLineAndShapeRenderer rr = (XYLineAndShapeRenderer) plot.getRenderer(0);
                rr.setDefaultShapesVisible(true);
                for (int i = 0; i < colours.size(); i++) {
                    rr.setSeriesShape(i, Plots.SHAPES[colours.get(i) % Plots.SHAPES.length]);
                    rr.setSeriesStroke(i, new java.awt.BasicStroke(2.5f));
                }
                final ValueAxis y = plot.getRangeAxis();
                y.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
                y.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
                if (st == Stat.DIVERGED && y instanceof NumberAxis na) {
                    final double top = Math.max(0.1, Math.min(1.0, maxFraction) * 1.15);
                    na.setRange(-0.02 * top, top);
                    na.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(top > 0.5 ? 0.2 : top > 0.2 ? 0.1 : 0.02));
                } else if ((st == Stat.TAIL || st == Stat.UPDATE_TAIL) && y instanceof NumberAxis na) {
                    na.setRange(0, maxTail);
                    na.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
                }
                ch.removeLegend();
                row.add(ch);
            }
            rows.add(row);
        }
        final LegendItemCollection items = new LegendItemCollection();
        for (int i = 0; i < keys.size(); i++) {
            final Color c = Plots.PALETTE[i % Plots.PALETTE.length];
            final LegendItem li = new LegendItem(keys.get(i), null, null, null, Plots.SHAPES[i % Plots.SHAPES.length], c,
                    new java.awt.BasicStroke(2.5f), c);
            li.setLineVisible(true);
            li.setLine(new java.awt.geom.Line2D.Double(-12, 0, 12, 0));
            items.add(li);
        }
        final LegendTitle legend = new LegendTitle(new LegendItemSource() {
            @Override public LegendItemCollection getLegendItems() { return items; }
        });
        Plots.legend(legend, 22);
        legend.setFrame(BlockBorder.NONE);
        legend.setPosition(RectangleEdge.BOTTOM);
        return new Grid(title, opts.stream().map(SweepFigures::optimizerName).toList(), rows, legend);
    }

    private static String optimizerName(String o) {
        return switch (o) {
            case "dsgd" -> "DSGD";
            case "dcsgd" -> "DCSGD";
            case "dsignsgd" -> "DSignSGD";
            case "adamw" -> "AdamW (distributed)";
            case "adam" -> "Adam (distributed)";
            case "rmsprop" -> "RMSprop (distributed)";
            case "rmspropw" -> "RMSpropW (distributed)";
            default -> o;
        };
    }

    private static double[] nRange(long[] ns) {
        long min = Long.MAX_VALUE, max = 1;
        for (long n : ns) {
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        return new double[] {min / 2.0, max * 2.0};
    }

    /** A log10 N axis, one tick per decade. */
    private static LogAxis logN(String label, double[] range, int labelSize, int tickSize) {
        final LogAxis x = Plots.logAxis(label);
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        x.setMinorTickCount(9);
        x.setMinorTickMarksVisible(true);
        x.setRange(range[0], range[1]);
        x.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, labelSize));
        x.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, tickSize));
        return x;
    }

    /**
     * Theorem 7 (DSignSGD) against N, one colour per noise law: solid the optimizer's measured
     * time-weighted E‖∇f‖², dashed the resolved SDE's, dash-dot the bound (Eq. 7). Null when no
     * DSignSGD series has a bound.
     */
    static JFreeChart theoremChart(Sweep s) {
        final List<BoundPoint> bs = s.bounds().stream().filter(b -> b.optimizer().equals("dsignsgd")
                && (b.kind().equals(SeriesKind.OPTIMIZER.id()) || b.kind().equals(SeriesKind.SDE_RESOLVED.id()))).toList();
        if (bs.isEmpty()) {
            return null;
        }
        final List<String> keys = SweepData.legendKeys(s);
        final Map<String, List<BoundPoint>> byLine = new LinkedHashMap<>();
        final List<BoundPoint> ordered = new ArrayList<>(bs);
        ordered.sort(Comparator.comparingInt(b -> keys.indexOf(SweepData.legendKey(b.noise(), b.other()))));
        for (BoundPoint b : ordered) {
            byLine.computeIfAbsent(b.optimizer() + "|" + b.theorem() + "|" + SweepData.legendKey(b.noise(), b.other()) + "|"
                    + b.kind(), k -> new ArrayList<>()).add(b);
        }
        final List<Plots.Line> solid = new ArrayList<>(), rest = new ArrayList<>();
        final List<Integer> solidColours = new ArrayList<>();
        final Map<String, int[]> verdicts = new TreeMap<>();
        final List<String> theorems = new ArrayList<>();
        for (var e : byLine.entrySet()) {
            final List<BoundPoint> pts = new ArrayList<>(e.getValue());
            pts.sort(Comparator.comparingLong(BoundPoint::agents));
            final BoundPoint f = pts.get(0);
            if (!theorems.contains(f.theorem() + " (" + f.optimizer() + ")")) {
                theorems.add(f.theorem() + " (" + f.optimizer() + ")");
            }
            final int colour = keys.indexOf(SweepData.legendKey(f.noise(), f.other()));
            final double[] x = pts.stream().mapToDouble(BoundPoint::agents).toArray();
            final double[] m = pts.stream().mapToDouble(BoundPoint::measured).toArray();
            for (BoundPoint b : pts) {
                final int[] v = verdicts.computeIfAbsent(b.kind() + " " + b.verdict(), k -> new int[1]);
                v[0]++;
            }
            if (f.kind().equals(SeriesKind.OPTIMIZER.id())) {
                solid.add(new Plots.Line(SweepData.legendKey(f.noise(), f.other()), x, m, null, null, Plots.Style.SOLID, colour));
                solidColours.add(colour);
                rest.add(new Plots.Line("bound", x, pts.stream().mapToDouble(BoundPoint::bound).toArray(), null, null,
                        Plots.Style.DASHDOT, colour));
            } else {
                rest.add(new Plots.Line("resolved SDE", x, m, null, null, Plots.Style.DASHED, colour));
            }
        }
        final StringBuilder v = new StringBuilder();
        for (var e : verdicts.entrySet()) {
            v.append(v.length() == 0 ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue()[0]);
        }
        final List<Plots.Line> all = new ArrayList<>(solid);
        all.addAll(rest);
        final JFreeChart ch = Plots.chart(String.join(", ", theorems).replace("(dsignsgd)", "(DSignSGD)")
                        + ": Eq. 7 against N",
                "at the last recorded time; solid: the optimizer's time-weighted E‖∇f‖², dashed: the "
                        + "Δt-resolved SDE's, dash-dot: the bound (Eq. 7). Verdicts: " + v, "N (agents)",
                "weighted E‖∇f‖²", all);
        final XYPlot plot = ch.getXYPlot();
        plot.setDomainAxis(logN("N (agents)", nRange(bs.stream().mapToLong(BoundPoint::agents).toArray()), 24, 20));
        final XYLineAndShapeRenderer rr = (XYLineAndShapeRenderer) plot.getRenderer(0);
        rr.setDefaultShapesVisible(true);
        for (int i = 0; i < solidColours.size(); i++) {
            rr.setSeriesShape(i, Plots.SHAPES[solidColours.get(i) % Plots.SHAPES.length]);
        }
        return ch;
    }

}
