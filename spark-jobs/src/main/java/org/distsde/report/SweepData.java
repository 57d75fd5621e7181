package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseSpec;
import org.distsde.config.Series;
import org.distsde.io.SeriesKind;

/**
 * The data of {@code sweep-charts}: the final round of a sweep over the number of agents N, read
 * back from result directories ({@code metrics.csv} for the statistics, {@code summary.json} for each
 * series' resolved config and theorem checks). Per series of kind {@code optimizer}: the median and
 * the 95th percentile of the final loss over the alive runs, the fraction of runs diverged, and
 * Hill's tail index of the final loss with its 95% interval, and that of the aggregated update at the
 * last round that has one (the round before the final one); and, for the series whose checks carry a
 * primary bound (Theorem 7 for DSignSGD), the measured time-weighted E‖∇f‖² (optimizer, and the
 * Δt-resolved SDE when integrated) against the bound at the last recorded time. The points of
 * several directories are pooled (e.g. a sweep to N = 10⁴ and a separate run at N = 10⁵); they must
 * share the final round, and a line (optimizer, noise law, other swept values) may have one point per
 * N. Written and read back as {@code <name>-points.csv}; drawn by {@link SweepFigures}.
 */
public final class SweepData {
    private SweepData() { }

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
                if (c.kind() != SeriesKind.OPTIMIZER || c.rows().isEmpty()) {
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
                                noiseLabel(cfg.noise()), tail(cfg.noise()),
                                other(s.params(), js.path("optimizer").asText()), cfg.agents(),
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
    static double tail(NoiseSpec n) {
        final double t = n.type().equals("gaussian") || (n.agentNus() != null && !n.homogeneous())
                || (n.agentAlphas() != null && !n.homogeneous()) ? Double.POSITIVE_INFINITY : n.tailIndex(0);
        return n.type().equals("stable") ? t - 1e-9 : t;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
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

    static String legendKey(String noise, String other) {
        return other.isEmpty() ? noise : noise + " | " + other;
    }

    /** The points as CSV, with the primary bound of the optimizer and of the resolved SDE when present. */
    static String csv(Sweep s) {
        final StringBuilder b = new StringBuilder(CSV_HEAD).append('\n');
        for (var line : s.lines().values()) {
            for (Point p : line) {
                final BoundPoint o = bound(s, p, SeriesKind.OPTIMIZER.id());
                final BoundPoint r = bound(s, p, SeriesKind.SDE_RESOLVED.id());
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

    /** The CSV columns of {@link #csv}. */
    static final String CSV_HEAD = "optimizer,noise,other,agents,round,runs,diverged,diverged_fraction,"
            + "loss_p50,loss_p95,loss_tail_index,loss_tail_index_lo,loss_tail_index_hi,update_tail_index,"
            + "update_tail_index_lo,update_tail_index_hi,theorem,"
            + "measured,bound,verdict,sde_resolved_measured,sde_resolved_bound,sde_resolved_verdict,dir,series";

    /**
     * Reads the points back from {@link #csv}'s text: every point, and the optimizer's and the
     * resolved SDE's bound where the row has them. The noise law's tail index (the legend's order)
     * is read from its label.
     */
    static Sweep read(String text) {
        final List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).equals(CSV_HEAD)) {
            throw new ConfigException("not a sweep-charts points file (expected the header " + CSV_HEAD + ")");
        }
        final List<Point> points = new ArrayList<>();
        final List<BoundPoint> bounds = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            final String[] v = ResultData.split(lines.get(i));
            final double tail = tailOf(v[1]);
            final Point p = new Point(v[23], Integer.parseInt(v[24]), v[0], v[1], tail, v[2], Long.parseLong(v[3]),
                    Long.parseLong(v[4]), Long.parseLong(v[5]), Long.parseLong(v[6]), d(v[8]), d(v[9]), d(v[10]),
                    d(v[11]), d(v[12]), d(v[13]), d(v[14]), d(v[15]));
            points.add(p);
            if (!v[17].isEmpty()) {
                bounds.add(new BoundPoint(p.dir(), p.series(), SeriesKind.OPTIMIZER.id(), p.optimizer(), p.noise(), tail,
                        p.other(), p.agents(), v[16], d(v[17]), d(v[18]), v[19]));
            }
            if (!v[20].isEmpty()) {
                bounds.add(new BoundPoint(p.dir(), p.series(), SeriesKind.SDE_RESOLVED.id(), p.optimizer(), p.noise(),
                        tail, p.other(), p.agents(), v[16], d(v[20]), d(v[21]), v[22]));
            }
        }
        return new Sweep(points, bounds);
    }

    private static double d(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    /** The tail index in a noise label ("Student-t ν = 1.5", "stable α = 1.2"), ∞ for Gaussian. */
    private static double tailOf(String noise) {
        final int eq = noise.lastIndexOf("= ");
        if (eq < 0) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            final double t = Double.parseDouble(noise.substring(eq + 2).strip());
            return noise.startsWith("stable") ? t - 1e-9 : t;
        } catch (NumberFormatException e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** A text table: one row per line and N. */
    static String table(Sweep s) {
        final StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-10s %-22s %8s %10s %10s %9s %14s %10s %10s%n",
                "optimizer", "noise", "N", "median", "p95", "diverged", "tail index", "measured", "bound"));
        for (var line : s.lines().values()) {
            for (Point p : line) {
                final BoundPoint o = bound(s, p, SeriesKind.OPTIMIZER.id());
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
