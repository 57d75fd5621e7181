package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseSpec;
import org.distsde.config.Series;
import org.distsde.io.ResultDir;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.svg.SVGGraphics2D;

/**
 * {@code sweep-charts}: the final round of a sweep over the number of agents N, read back from
 * result directories ({@code metrics.csv} for the statistics, {@code summary.json} for each series'
 * resolved config and theorem checks). Per series of kind {@code optimizer}: the median and the
 * 95th percentile of the final loss over the alive runs, the fraction of runs diverged, and Hill's
 * tail index of the final loss with its 95% interval, and that of the aggregated update at the
 * last round that has one (the round before the final one) — drawn against N (log axis) in one panel per
 * optimizer and statistic, one line per noise law; and, for the series whose checks carry a
 * primary bound (Theorem 7 for DSignSGD), the measured time-weighted E‖∇f‖² (optimizer, and the
 * Δt-resolved SDE when integrated) against the bound at the last recorded time.
 *
 * <p>The points of several directories are pooled (e.g. a sweep to N = 10⁴ and a separate run at
 * N = 10⁵); they must share the final round, and a line (optimizer, noise law, other swept values)
 * may have one point per N.
 */
public final class SweepCharts {
    static final String USAGE = "usage: distsde sweep-charts --in <result dir> [--in <dir> ...] --out <dir> "
            + "[--overwrite] [--name NAME] [--title T]";
    /** Panel cell of the grid figure. */
    static final int CELL_W = 600;
    static final int CELL_H = 450;
    private static final int HEADER = 80;
    private static final int FOOTER = 90;
    private static final Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();

    private SweepCharts() { }

    /**
     * One series of kind optimizer at its last recorded round. {@code other}: its swept values besides
     * the agents, the noise and the cases (empty when none); {@code total} = alive + diverged runs.
     */
    public record Point(String dir, int series, String optimizer, String noise, double tail, String other,
                        long agents, long round, long total, long diverged, double median, double p95,
                        double tailIndex, double tailLo, double tailHi, double updTail, double updLo, double updHi) {
        public double divergedFraction() {
            return total == 0 ? Double.NaN : (double) diverged / total;
        }

        /** The line this point belongs to. */
        public String line() {
            return optimizer + " | " + noise + (other.isEmpty() ? "" : " | " + other);
        }
    }

    /**
     * The primary bound of one series' theorem check at the last recorded time: {@code kind}
     * optimizer, sde or sde-resolved; {@code measured} the weighted E‖∇f(X_t̃)‖² it bounds.
     */
    public record BoundPoint(String dir, int series, String kind, String optimizer, String noise, double tail,
                             String other, long agents, String theorem, double measured, double bound,
                             String verdict) { }

    /** The points of all directories. */
    public record Sweep(List<Point> points, List<BoundPoint> bounds) {
        /** Lines (optimizer | noise | other) → their points in increasing N. */
        public Map<String, List<Point>> lines() {
            final Map<String, List<Point>> m = new LinkedHashMap<>();
            for (Point p : points) {
                m.computeIfAbsent(p.line(), k -> new ArrayList<>()).add(p);
            }
            m.values().forEach(l -> l.sort(Comparator.comparingLong(Point::agents)));
            return m;
        }

        /** The point of (optimizer, noise) at N agents (other values empty), or null. */
        public Point at(String optimizer, String noise, long agents) {
            for (Point p : points) {
                if (p.optimizer().equals(optimizer) && p.noise().equals(noise) && p.agents() == agents
                        && p.other().isEmpty()) {
                    return p;
                }
            }
            return null;
        }
    }

    /** The command: {@code sweep-charts --in D [--in D ...] --out O [--overwrite] [--name N] [--title T]}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        final List<String> ins = new ArrayList<>();
        String dest = null;
        String name = null;
        String title = null;
        boolean overwrite = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--in" -> ins.add(value(args, ++i, "--in"));
                    case "--out" -> dest = value(args, ++i, "--out");
                    case "--name" -> name = value(args, ++i, "--name");
                    case "--title" -> title = value(args, ++i, "--title");
                    case "--overwrite" -> overwrite = true;
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new ConfigException("unknown option '" + args[i] + "' (" + USAGE + ")");
                }
            }
            if (ins.isEmpty()) {
                throw new ConfigException("--in is required (" + USAGE + ")");
            }
            if (dest == null) {
                throw new ConfigException("--out is required (" + USAGE + ")");
            }
            final Configuration hadoop = new Configuration();
            final List<ResultData> data = new ArrayList<>();
            for (String p : ins) {
                data.add(ResultData.read(p, hadoop));
            }
            final Sweep sweep = extract(data);
            if (name == null) {
                name = data.get(0).name();
            }
            if (title == null) {
                title = name + ": final round against the number of agents N";
            }
            System.setProperty("java.awt.headless", "true");
            try (ResultDir dir = ResultDir.open(dest, overwrite, hadoop)) {
                write(dir, name, title, sweep);
                dir.commit();
                out.print(table(sweep));
                out.println("wrote " + dir.target() + "/" + name + ".png, " + name + "-theorem.png, " + name
                        + "-points.csv");
            }
            return 0;
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("error: sweep-charts failed: " + e);
            return 1;
        }
    }

    /** Standalone entry point (the same as {@code distsde sweep-charts ...}). */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    private static String value(String[] a, int i, String opt) {
        if (i >= a.length || a[i].startsWith("--")) {
            throw new ConfigException(opt + " needs a value");
        }
        return a[i];
    }

    // ---------------------------------------------------------------- extraction

    /**
     * The final-round points of every optimizer series and the last-time bound of every checked
     * series. Refuses directories whose final rounds differ and two series on one line at one N.
     */
    public static Sweep extract(List<ResultData> data) {
        final List<Point> points = new ArrayList<>();
        final List<BoundPoint> bounds = new ArrayList<>();
        final Map<String, String> seen = new LinkedHashMap<>();
        long round = -1;
        String roundDir = null;
        for (ResultData rd : data) {
            final String dir = rd.dir().toString();
            final Map<Integer, Series> series = series(rd);
            for (ResultData.Curve c : rd.curves()) {
                if (!c.kind().equals("optimizer") || c.rows().isEmpty()) {
                    continue;
                }
                final Series s = series.get(c.series());
                if (s == null) {
                    throw new ConfigException(dir + ": series " + c.series() + " of metrics.csv is not in summary.json's config");
                }
                final Map<String, Double> last = c.rows().get(c.rows().size() - 1);
                // the last round aggregates no update: its tail index is the previous recorded round's
                final Map<String, Double> upd = c.rows().size() > 1 ? c.rows().get(c.rows().size() - 2) : Map.of();
                final long r = Math.round(last.getOrDefault("round", Double.NaN));
                if (round < 0) {
                    round = r;
                    roundDir = dir;
                } else if (r != round) {
                    throw new ConfigException("final rounds differ (" + round + " in " + roundDir + ", " + r + " in " + dir
                            + ", series " + c.series() + "): final losses at different horizons are not comparable");
                }
                final ExperimentConfig cfg = s.config();
                final long alive = Math.round(last.getOrDefault("runs", Double.NaN));
                final long diverged = Math.round(last.getOrDefault("diverged", Double.NaN));
                final Point p = new Point(dir, c.series(), c.optimizer(), noiseLabel(cfg.noise()), tail(cfg.noise()),
                        other(s.params(), c.optimizer()), cfg.agents(), r, alive + diverged, diverged,
                        last.getOrDefault("loss_p50", Double.NaN), last.getOrDefault("loss_p95", Double.NaN),
                        last.getOrDefault("loss_tail_index", Double.NaN), last.getOrDefault("loss_tail_index_lo", Double.NaN),
                        last.getOrDefault("loss_tail_index_hi", Double.NaN),
                        upd.getOrDefault("update_tail_index", Double.NaN), upd.getOrDefault("update_tail_index_lo", Double.NaN),
                        upd.getOrDefault("update_tail_index_hi", Double.NaN));
                final String key = p.line() + " @ N = " + p.agents();
                final String where = dir + " series " + c.series();
                final String before = seen.put(key, where);
                if (before != null) {
                    throw new ConfigException("two series give " + key + " (" + before + ", " + where
                            + "): sweep-charts needs one series per optimizer, noise and N");
                }
                points.add(p);
            }
            for (JsonNode js : rd.summary().path("series")) {
                final JsonNode checks = js.path("checks");
                final int idx = js.path("index").asInt(-1);
                final Series s = series.get(idx);
                if (s == null || !checks.isObject()) {
                    continue;
                }
                for (JsonNode b : checks.path("bounds")) {
                    if (b.path("primary").asBoolean(false) && b.path("applicable").asBoolean(false)) {
                        final ExperimentConfig cfg = s.config();
                        bounds.add(new BoundPoint(dir, idx, js.path("kind").asText(), js.path("optimizer").asText(),
                                noiseLabel(cfg.noise()), tail(cfg.noise()), other(s.params(), js.path("optimizer").asText()),
                                cfg.agents(),
                                checks.path("theorem").asText(), num(b.path("finalMeasured")), num(b.path("finalBound")),
                                b.path("verdict").asText()));
                    }
                }
            }
        }
        if (points.isEmpty()) {
            throw new ConfigException("no optimizer series in " + data.stream().map(d -> d.dir().toString()).toList());
        }
        return new Sweep(points, bounds);
    }

    private static double num(JsonNode n) {
        return n.isNumber() ? n.asDouble() : n.isTextual() ? parse(n.asText()) : Double.NaN;
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The series of a result directory, expanded again from the resolved config in summary.json. */
    private static Map<Integer, Series> series(ResultData rd) {
        final JsonNode cfg = rd.summary().path("config");
        if (!cfg.isObject()) {
            throw new ConfigException(rd.dir() + ": summary.json has no config");
        }
        final Map<Integer, Series> m = new TreeMap<>();
        for (Series s : ConfigLoader.parse(cfg.toString(), List.of()).series()) {
            m.put(s.index(), s);
        }
        return m;
    }

    /**
     * {@link #other(Map)}, preceded by the case's label when it is not the optimizer's id (several
     * cases of one optimizer, e.g. one per compressor, are then distinct lines).
     */
    static String other(Map<String, String> params, String optimizer) {
        final String rest = other(params);
        final String label = params.get("cases");
        if (label == null || label.equals(optimizer)) {
            return rest;
        }
        return rest.isEmpty() ? label : label + " " + rest;
    }

    /** The swept values other than agents, noise (and its fields), optimizer and cases. */
    static String other(Map<String, String> params) {
        final StringBuilder b = new StringBuilder();
        for (var e : params.entrySet()) {
            final String k = e.getKey();
            if (k.equals("agents") || k.equals("noise") || k.startsWith("noise.") || k.equals("optimizer")
                    || k.equals("cases")) {
                continue;
            }
            b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(e.getValue());
        }
        return b.toString();
    }

    /** The noise law as a legend entry: Gaussian, Student-t ν = 1.5, stable α = 1.2 (scales not shown). */
    static String noiseLabel(NoiseSpec n) {
        return switch (n.type()) {
            case "gaussian" -> "Gaussian";
            case "student-t" -> n.agentNus() != null && !n.homogeneous() ? "Student-t, ν per agent"
                    : "Student-t ν = " + fmt(n.tailIndex(0));
            case "stable" -> n.agentAlphas() != null && !n.homogeneous() ? "stable, α per agent"
                    : "stable α = " + fmt(n.tailIndex(0));
            default -> n.type();
        };
    }

    /** Sort key of a noise law: its tail index, Gaussian last (∞). */
    private static double tail(NoiseSpec n) {
        final double t = n.type().equals("gaussian") || (n.agentNus() != null && !n.homogeneous())
                || (n.agentAlphas() != null && !n.homogeneous()) ? Double.POSITIVE_INFINITY : n.tailIndex(0);
        return n.type().equals("stable") ? t - 1e-9 : t;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    // ---------------------------------------------------------------- output

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

    /** Writes NAME.png/.svg (the grid), NAME-theorem.png/.svg (bounds against N, if any) and NAME-points.csv. */
    static void write(ResultDir dir, String name, String title, Sweep sweep) throws IOException {
        final Grid g = grid(title, sweep);
        try (OutputStream o = dir.create(name + ".png")) {
            o.write(g.png());
        }
        dir.writeString(name + ".svg", g.svg());
        final JFreeChart t = theoremChart(sweep);
        if (t != null) {
            try (OutputStream o = dir.create(name + "-theorem.png")) {
                o.write(Plots.png(t));
            }
            dir.writeString(name + "-theorem.svg", Plots.svg(t));
        }
        dir.writeString(name + "-points.csv", csv(sweep));
    }

    /** The optimizers in drawing order: dsgd, dcsgd, dsignsgd, then the others as they come. */
    static List<String> optimizers(Sweep s) {
        final List<String> order = new ArrayList<>(List.of("dsgd", "dcsgd", "dsignsgd"));
        final List<String> out = new ArrayList<>();
        for (String o : order) {
            if (s.points().stream().anyMatch(p -> p.optimizer().equals(o))) {
                out.add(o);
            }
        }
        s.points().stream().map(Point::optimizer).distinct().filter(o -> !out.contains(o)).forEach(out::add);
        return out;
    }

    /** Noise + other labels in legend order (heaviest tail first, Gaussian last): colour index = position. */
    static List<String> legendKeys(Sweep s) {
        final Map<String, Double> tails = new LinkedHashMap<>();
        for (Point p : s.points()) {
            tails.putIfAbsent(legendKey(p.noise(), p.other()), p.tail());
        }
        for (BoundPoint b : s.bounds()) {
            tails.putIfAbsent(legendKey(b.noise(), b.other()), b.tail());
        }
        final List<String> keys = new ArrayList<>(tails.keySet());
        keys.sort(Comparator.comparingDouble(tails::get));
        return keys;
    }

    private static String legendKey(String noise, String other) {
        return other.isEmpty() ? noise : noise + " | " + other;
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
    record Grid(String title, List<String> columns, List<List<JFreeChart>> rows, LegendTitle legend) {
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

        byte[] png() throws IOException {
            final BufferedImage img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
            final Graphics2D g = img.createGraphics();
            draw(g);
            g.dispose();
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        }

        String svg() {
            final SVGGraphics2D g = new SVGGraphics2D(width(), height());
            draw(g);
            return g.getSVGDocument();
        }
    }

    static Grid grid(String title, Sweep s) {
        final List<String> opts = optimizers(s);
        final List<String> keys = legendKeys(s);
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
                    final int colour = keys.indexOf(legendKey(pts.get(0).noise(), pts.get(0).other()));
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
                    rr.setSeriesShape(i, SHAPES[colours.get(i) % SHAPES.length]);
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
            final LegendItem li = new LegendItem(keys.get(i), null, null, null, SHAPES[i % SHAPES.length], c,
                    new java.awt.BasicStroke(2.5f), c);
            li.setLineVisible(true);
            li.setLine(new java.awt.geom.Line2D.Double(-12, 0, 12, 0));
            items.add(li);
        }
        final LegendTitle legend = new LegendTitle(new LegendItemSource() {
            @Override public LegendItemCollection getLegendItems() { return items; }
        });
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
        legend.setFrame(BlockBorder.NONE);
        legend.setPosition(RectangleEdge.BOTTOM);
        return new Grid(title, opts.stream().map(SweepCharts::optimizerName).toList(), rows, legend);
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
        final LogAxis x = new LogAxis(label);
        x.setBase(10);
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
     * time-weighted E‖∇f‖², dotted the resolved SDE's, dashed the bound (Eq. 7). Null when no
     * DSignSGD series has a bound.
     */
    static JFreeChart theoremChart(Sweep s) {
        final List<BoundPoint> bs = s.bounds().stream().filter(b -> b.optimizer().equals("dsignsgd")
                && (b.kind().equals("optimizer") || b.kind().equals("sde-resolved"))).toList();
        if (bs.isEmpty()) {
            return null;
        }
        final List<String> keys = legendKeys(s);
        final Map<String, List<BoundPoint>> byLine = new LinkedHashMap<>();
        final List<BoundPoint> ordered = new ArrayList<>(bs);
        ordered.sort(Comparator.comparingInt(b -> keys.indexOf(legendKey(b.noise(), b.other()))));
        for (BoundPoint b : ordered) {
            byLine.computeIfAbsent(b.optimizer() + "|" + b.theorem() + "|" + legendKey(b.noise(), b.other()) + "|"
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
            final int colour = keys.indexOf(legendKey(f.noise(), f.other()));
            final double[] x = pts.stream().mapToDouble(BoundPoint::agents).toArray();
            final double[] m = pts.stream().mapToDouble(BoundPoint::measured).toArray();
            for (BoundPoint b : pts) {
                final int[] v = verdicts.computeIfAbsent(b.kind() + " " + b.verdict(), k -> new int[1]);
                v[0]++;
            }
            if (f.kind().equals("optimizer")) {
                solid.add(new Plots.Line(legendKey(f.noise(), f.other()), x, m, null, null, Plots.Style.SOLID, colour));
                solidColours.add(colour);
                rest.add(new Plots.Line("bound", x, pts.stream().mapToDouble(BoundPoint::bound).toArray(), null, null,
                        Plots.Style.DASHED, colour));
            } else {
                rest.add(new Plots.Line("resolved SDE", x, m, null, null, Plots.Style.DOTTED, colour));
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
                "at the last recorded time; solid: the optimizer's time-weighted E||grad f||^2, dotted: the "
                        + "dt-resolved SDE's, dashed: the bound. Verdicts: " + v, "N (agents)",
                "weighted E||grad f||^2", all);
        final XYPlot plot = ch.getXYPlot();
        plot.setDomainAxis(logN("N (agents)", nRange(bs.stream().mapToLong(BoundPoint::agents).toArray()), 24, 20));
        final XYLineAndShapeRenderer rr = (XYLineAndShapeRenderer) plot.getRenderer(0);
        rr.setDefaultShapesVisible(true);
        for (int i = 0; i < solidColours.size(); i++) {
            rr.setSeriesShape(i, SHAPES[solidColours.get(i) % SHAPES.length]);
        }
        return ch;
    }

    /** The points as CSV, with the primary bound of the optimizer and of the resolved SDE when present. */
    static String csv(Sweep s) {
        final StringBuilder b = new StringBuilder("optimizer,noise,other,agents,round,runs,diverged,diverged_fraction,"
                + "loss_p50,loss_p95,loss_tail_index,loss_tail_index_lo,loss_tail_index_hi,update_tail_index,"
                + "update_tail_index_lo,update_tail_index_hi,theorem,"
                + "measured,bound,verdict,sde_resolved_measured,sde_resolved_bound,sde_resolved_verdict,dir,series\n");
        for (var line : s.lines().values()) {
            for (Point p : line) {
                final BoundPoint o = bound(s, p, "optimizer");
                final BoundPoint r = bound(s, p, "sde-resolved");
                b.append(String.join(",", p.optimizer(), q(p.noise()), q(p.other()), String.valueOf(p.agents()),
                        String.valueOf(p.round()), String.valueOf(p.total()), String.valueOf(p.diverged()),
                        g(p.divergedFraction()), g(p.median()), g(p.p95()), g(p.tailIndex()), g(p.tailLo()),
                        g(p.tailHi()), g(p.updTail()), g(p.updLo()), g(p.updHi()), o == null ? "" : q(o.theorem()), o == null ? "" : g(o.measured()),
                        o == null ? "" : g(o.bound()), o == null ? "" : o.verdict(), r == null ? "" : g(r.measured()),
                        r == null ? "" : g(r.bound()), r == null ? "" : r.verdict(), q(p.dir()),
                        String.valueOf(p.series()))).append('\n');
            }
        }
        return b.toString();
    }

    private static BoundPoint bound(Sweep s, Point p, String kind) {
        for (BoundPoint b : s.bounds()) {
            if (b.dir().equals(p.dir()) && b.series() == p.series() && b.kind().equals(kind)) {
                return b;
            }
        }
        return null;
    }

    private static String g(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String q(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A text table: one row per line and N. */
    static String table(Sweep s) {
        final StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-10s %-22s %8s %10s %10s %9s %14s %10s %10s%n",
                "optimizer", "noise", "N", "median", "p95", "diverged", "tail index", "measured", "bound"));
        for (var line : s.lines().values()) {
            for (Point p : line) {
                final BoundPoint o = bound(s, p, "optimizer");
                b.append(String.format(Locale.ROOT, "%-10s %-22s %8d %10.3g %10.3g %4d/%-4d %5.2f [%.2f, %.2f] %10s %10s%n",
                        p.optimizer(), p.noise() + (p.other().isEmpty() ? "" : " " + p.other()), p.agents(), p.median(),
                        p.p95(), p.diverged(), p.total(), p.tailIndex(), p.tailLo(), p.tailHi(),
                        o == null ? "" : String.format(Locale.ROOT, "%.3g", o.measured()),
                        o == null ? "" : String.format(Locale.ROOT, "%.3g", o.bound())));
            }
        }
        return b.toString();
    }
}
