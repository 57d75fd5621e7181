package org.distsde.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.Series;
import org.distsde.io.ResultDir;
import org.distsde.io.ResultTable;
import org.distsde.sde.refine.Refinement;
import org.distsde.sim.RoundStats;
import org.distsde.theory.Verdict;
import org.distsde.verify.Catalogue;
import org.distsde.verify.EtaStudy;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;
import org.distsde.verify.Row;
import org.distsde.verify.Statement;
import org.distsde.verify.check.EtaOrder;

/**
 * The {@code verify} job: every statement of the {@link Catalogue} decided on its shipped config. The
 * statements are grouped by config; per config, what its statements need ({@link Need}) is run once
 * for the series that need it, with the existing jobs — the optimizers of all those series in one
 * runs-layout Spark job ({@link RunParallel}, agents layout where the config asks for it), their SDEs
 * resolved in Δt ({@link RefineJob}) or at {@code sde.dt} ({@link IntegrateJob}), and the η studies
 * (both at η/2^i, i &lt; K, over the same horizon) — and each statement's check reads the evidence of
 * its series. One line per statement is printed as it is decided, then a tally; {@code verify.csv} and
 * {@code verify.json} (one row per statement, self-describing) are written atomically.
 */
public final class VerifyJob {
    private VerifyJob() { }

    /** The decided rows and the wall time. */
    public record Result(List<Row> rows, double seconds) { }

    /**
     * @param statements the statements to decide (the catalogue, or a subset)
     * @param full       apply {@link Catalogue#FULL}'s overrides (the papers' sizes)
     * @param root       the directory the configs' paths are relative to (a clone's root)
     * @param out        the result directory (committed when done)
     * @param progress   where the lines go
     */
    public static Result run(SparkSession spark, List<Statement> statements, boolean full, Path root, ResultDir out,
                             PrintStream progress) throws IOException {
        final long t0 = System.nanoTime();
        final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        final Family family = new Family(statements.size());
        final Map<String, List<Statement>> byConfig = new LinkedHashMap<>();
        for (Statement s : statements) {
            byConfig.computeIfAbsent(s.config() == null ? "" : s.config(), k -> new ArrayList<>()).add(s);
        }
        final Map<String, Row> rows = new LinkedHashMap<>();
        final Map<String, ObjectNode> trees = new LinkedHashMap<>();
        progress.println(header());
        for (Map.Entry<String, List<Statement>> g : byConfig.entrySet()) {
            final long tg = System.nanoTime();
            if (g.getKey().isEmpty()) {
                for (Statement s : g.getValue()) {
                    final long ts = System.nanoTime();
                    final Outcome o = s.check().evaluate(List.of(), family);
                    record(rows, s, o, full, (System.nanoTime() - ts) / 1e9, progress);
                }
                continue;
            }
            final List<String> sets = full ? Catalogue.FULL.getOrDefault(g.getKey(), List.of()) : List.of();
            final ConfigLoader.Experiment exp = ConfigLoader.load(root.resolve(g.getKey()), sets);
            trees.put(g.getKey(), exp.tree());
            final Map<String, Evidence> ev = evidence(jsc, exp, g.getValue());
            double secs = (System.nanoTime() - tg) / 1e9;
            for (Statement s : g.getValue()) {
                final List<Evidence> mine = new ArrayList<>();
                for (String label : labels(s, exp)) {
                    mine.add(ev.get(label));
                }
                final Outcome o = s.check().evaluate(mine, family);
                record(rows, s, o, full, secs, progress);
                secs = 0; // the runs are counted on the first statement of the config
            }
        }
        final List<Row> ordered = new ArrayList<>();
        for (Statement s : statements) {
            ordered.add(rows.get(s.id()));
        }
        final double wall = (System.nanoTime() - t0) / 1e9;
        progress.print(tally(ordered));
        progress.printf(Locale.ROOT, "%d statements in %.1f s%n", ordered.size(), wall);
        out.writeString("verify.csv", csv(ordered));
        out.writeString("verify.json", json(spark.version(), ordered, trees, family, full, wall));
        out.commit();
        return new Result(ordered, wall);
    }

    private static void record(Map<String, Row> rows, Statement s, Outcome o, boolean full, double secs,
                               PrintStream progress) {
        final Row r = Row.of(s, o, full, secs);
        rows.put(s.id(), r);
        progress.println(line(r));
    }

    /** The series labels a statement reads, in its order (the config's labels: "cases=x" or x). */
    static List<String> labels(Statement s, ConfigLoader.Experiment exp) {
        final List<String> out = new ArrayList<>();
        if (s.series() == null || s.series().isEmpty()) {
            for (Series x : exp.series()) {
                out.add(x.label());
            }
            return out;
        }
        for (String want : s.series()) {
            String found = null;
            for (Series x : exp.series()) {
                if (x.label().equals(want) || x.label().equals("cases=" + want)) {
                    found = x.label();
                }
            }
            if (found == null) {
                throw new ConfigException("statement " + s.id() + ": " + s.config() + " has no series '" + want + "'");
            }
            out.add(found);
        }
        return out;
    }

    /** Runs what the statements of one config need, per series label. */
    static Map<String, Evidence> evidence(JavaSparkContext jsc, ConfigLoader.Experiment exp, List<Statement> sts) {
        final Map<String, Set<Need>> needs = new LinkedHashMap<>();
        final Map<String, EtaOrder> etaPlans = new LinkedHashMap<>();
        for (Statement s : sts) {
            for (String label : labels(s, exp)) {
                needs.computeIfAbsent(label, k -> EnumSet.noneOf(Need.class)).addAll(s.check().needs());
                if (s.check() instanceof EtaOrder e) {
                    etaPlans.put(label, e);
                }
            }
        }
        final List<Series> series = new ArrayList<>();
        for (Series x : exp.series()) {
            if (needs.containsKey(x.label())) {
                series.add(x);
            }
        }
        // the optimizers: every series that needs one, in one job where the layout allows
        final Map<String, List<RoundStats>> opt = new LinkedHashMap<>();
        final List<Series> optTodo = series.stream().filter(x -> needs.get(x.label()).contains(Need.OPTIMIZER)).toList();
        opt.putAll(optimizers(jsc, optTodo));
        // the SDEs: every series that needs one, or whose optimizer is run and whose config enables it
        final Map<String, List<RoundStats>> sde = new LinkedHashMap<>();
        final Map<String, Refinement> refs = new LinkedHashMap<>();
        final List<Series> sdeTodo = series.stream().filter(x -> needs.get(x.label()).contains(Need.SDE)
                || needs.get(x.label()).contains(Need.OPTIMIZER) && x.config().sde().enabled()).toList();
        sdes(jsc, sdeTodo, sde, refs);
        // the η studies
        final Map<String, EtaStudy> eta = etaStudies(jsc, exp, series.stream()
                .filter(x -> needs.get(x.label()).contains(Need.ETA_STUDY)).toList(), etaPlans);
        final Map<String, Evidence> out = new LinkedHashMap<>();
        for (Series x : series) {
            out.put(x.label(), new Evidence(x.label(), x.config(), opt.get(x.label()), sde.get(x.label()),
                    refs.get(x.label()), eta.get(x.label())));
        }
        return out;
    }

    /** The optimizers' rows: runs-layout series in one Spark job, the others one by one. */
    static Map<String, List<RoundStats>> optimizers(JavaSparkContext jsc, List<Series> todo) {
        final Map<String, List<RoundStats>> out = new LinkedHashMap<>();
        final List<Series> byRuns = todo.stream().filter(x -> x.config().layout().byRuns(x.config().normalization()))
                .toList();
        if (!byRuns.isEmpty()) {
            final List<SeriesRows> res = RunParallel.runAll(jsc, byRuns.stream().map(Series::config).toList());
            for (int i = 0; i < byRuns.size(); i++) {
                out.put(byRuns.get(i).label(), res.get(i).rows());
            }
        }
        for (Series x : todo) {
            if (!out.containsKey(x.label())) {
                out.put(x.label(), ConvergeJob.optimizer(jsc, x.config()));
            }
        }
        return out;
    }

    /** The SDEs: resolved (all levels kept in the refinement) or at sde.dt. */
    static void sdes(JavaSparkContext jsc, List<Series> todo, Map<String, List<RoundStats>> rows,
                     Map<String, Refinement> refs) {
        final List<Series> resolved = todo.stream().filter(x -> x.config().sde().resolve()).toList();
        final List<Series> plain = todo.stream().filter(x -> !x.config().sde().resolve()).toList();
        if (!resolved.isEmpty()) {
            final List<RefineJob.Result> res = RefineJob.runAll(jsc, resolved.stream().map(Series::config).toList(),
                    false);
            for (int i = 0; i < resolved.size(); i++) {
                rows.put(resolved.get(i).label(), res.get(i).refinement().resolved());
                refs.put(resolved.get(i).label(), res.get(i).refinement());
            }
        }
        if (!plain.isEmpty()) {
            final List<SeriesRows> res = IntegrateJob.runAll(jsc, plain.stream().map(Series::config).toList());
            for (int i = 0; i < plain.size(); i++) {
                rows.put(plain.get(i).label(), res.get(i).rows());
            }
        }
    }

    /**
     * The η studies of the given series: at each η/2^i (the check's {@link EtaOrder#sets}) the optimizers
     * of all of them in one job and their resolved SDEs; the SDE side is the resolved estimate's final loss
     * mean with its SE (the finest level's loss_std/√n) and its D ({@link Refinement.Summary#finalLossError}).
     */
    static Map<String, EtaStudy> etaStudies(JavaSparkContext jsc, ConfigLoader.Experiment exp, List<Series> todo,
                                            Map<String, EtaOrder> plans) {
        final Map<String, EtaStudy> out = new LinkedHashMap<>();
        if (todo.isEmpty()) {
            return out;
        }
        int k = 0;
        for (Series x : todo) {
            k = Math.max(k, plans.get(x.label()).etas());
        }
        final int n = todo.size();
        final double[][] eta = new double[n][k], o = new double[n][k], oSe = new double[n][k], s = new double[n][k];
        final double[][] sSe = new double[n][k], sD = new double[n][k];
        for (int i = 0; i < k; i++) {
            final List<ExperimentConfig> cfgs = new ArrayList<>();
            for (Series x : todo) {
                final List<String> sets = plans.get(x.label()).sets(x.config(), i);
                final ConfigLoader.Experiment e = ConfigLoader.parse(exp.tree().toString(), sets);
                cfgs.add(e.series().stream().filter(y -> y.label().equals(x.label())).findFirst().orElseThrow()
                        .config());
            }
            final List<SeriesRows> opts = RunParallel.runAll(jsc, cfgs);
            final List<RefineJob.Result> sdes = RefineJob.runAll(jsc, cfgs, false);
            for (int j = 0; j < n; j++) {
                final RoundStats lo = last(opts.get(j).rows());
                final Refinement ref = sdes.get(j).refinement();
                final RoundStats fine = last(ref.levels().get(ref.levels().size() - 1).rows());
                eta[j][i] = cfgs.get(j).eta();
                o[j][i] = lo.loss().mean();
                oSe[j][i] = lo.loss().std() / Math.sqrt(lo.runs());
                s[j][i] = last(ref.resolved()).loss().mean();
                sSe[j][i] = fine.loss().std() / Math.sqrt(fine.runs());
                sD[j][i] = ref.summary().finalLossError();
            }
        }
        for (int j = 0; j < n; j++) {
            out.put(todo.get(j).label(), new EtaStudy(eta[j], o[j], oSe[j], s[j], sSe[j], sD[j]));
        }
        return out;
    }

    private static RoundStats last(List<RoundStats> rows) {
        return rows.get(rows.size() - 1);
    }

    static String header() {
        return String.format(Locale.ROOT, "%-26s %-10s %12s %12s %9s %9s %6s  %s", "statement", "verdict", "measured",
                "predicted", "SE", "D", "k", "number: title");
    }

    /** One line per statement. */
    static String line(Row r) {
        return String.format(Locale.ROOT, "%-26s %-10s %12s %12s %9s %9s %6s  %s, %s: %s", r.id(), r.verdict().word(),
                g(r.measured(), "%.5g"), g(r.predicted(), "%.5g"), g(r.mcError(), "%.2g"), g(r.discError(), "%.2g"),
                g(r.k(), "%.2f"), r.paper(), r.number(), r.title());
    }

    private static String g(double v, String f) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, f, v);
    }

    /** "HOLDS 30, VIOLATED 4, …" and the statements that are not HOLDS. */
    static String tally(List<Row> rows) {
        final Map<Verdict, Integer> n = new LinkedHashMap<>();
        for (Verdict v : new Verdict[] {Verdict.HOLDS, Verdict.VIOLATED, Verdict.UNRESOLVED, Verdict.NOT_CLAIMED}) {
            n.put(v, 0);
        }
        for (Row r : rows) {
            n.merge(r.verdict(), 1, Integer::sum);
        }
        final StringBuilder b = new StringBuilder("tally:");
        n.forEach((v, c) -> b.append(' ').append(v.word()).append(' ').append(c).append(','));
        b.setLength(b.length() - 1);
        return b.append('\n').toString();
    }

    /** The columns of verify.csv. */
    static final String[] CSV = {"id", "paper", "number", "title", "kind", "verdict", "measured", "predicted",
        "mc_error", "disc_error", "k", "notes", "config", "series", "full", "seconds"};

    static String csv(List<Row> rows) {
        final StringBuilder b = new StringBuilder(String.join(",", CSV)).append('\n');
        for (Row r : rows) {
            b.append(String.join(",", ResultTable.quote(r.id()), ResultTable.quote(r.paper()),
                    ResultTable.quote(r.number()), ResultTable.quote(r.title()), r.kind().name(), r.verdict().name(),
                    ResultTable.num(r.measured()), ResultTable.num(r.predicted()), ResultTable.num(r.mcError()),
                    ResultTable.num(r.discError()), ResultTable.num(r.k()), ResultTable.quote(r.notes()),
                    ResultTable.quote(r.config() == null ? "" : r.config()), ResultTable.quote(r.series()),
                    Boolean.toString(r.full()), ResultTable.num(r.seconds()))).append('\n');
        }
        return b.toString();
    }

    static String json(String sparkVersion, List<Row> rows, Map<String, ObjectNode> trees, Family family, boolean full,
                       double wall) throws IOException {
        final ObjectMapper m = ConfigLoader.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
        final ObjectNode root = m.createObjectNode();
        root.put("command", "verify");
        root.put("full", full);
        root.put("wallSeconds", wall);
        final ObjectNode fam = root.putObject("family");
        fam.put("statements", family.statements());
        fam.put("alpha", Verdict.ALPHA);
        fam.put("rule", "k = Phi^-1(1 - alpha/(S m)) for m comparisons of a statement among S (Student's t with B - 1 "
                + "degrees of freedom for standard errors from B batch means): the catalogue reads VIOLATED somewhere "
                + "with probability at most alpha when every statement holds");
        final ObjectNode cols = root.putObject("columns");
        cols.put("id", "the statement's id in the catalogue");
        cols.put("kind", "BOUND (a bound while its condition holds), CLOSED_FORM (a closed form within the errors), "
                + "ORDER (a fitted order in an interval), QUALITATIVE (a qualitative claim made measurable)");
        cols.put("verdict", "HOLDS, VIOLATED, UNRESOLVED or NOT_CLAIMED (the condition failed: the statement claims "
                + "nothing)");
        cols.put("measured", "the measured value at the decisive comparison");
        cols.put("predicted", "the statement's value there");
        cols.put("mcError", "the Monte Carlo standard error of the measured value (NaN: none)");
        cols.put("discError", "its discretisation error D (0: a discrete process or an exact computation; NaN: "
                + "unknown)");
        cols.put("k", "the standard errors of margin (family-wise, see family)");
        cols.put("config", "the shipped config it was measured on, with the series labels read");
        root.set("versions", m.valueToTree(Versions.all(sparkVersion)));
        final ArrayNode arr = root.putArray("statements");
        for (Row r : rows) {
            final ObjectNode o = arr.addObject();
            o.put("id", r.id());
            o.put("paper", r.paper());
            o.put("number", r.number());
            o.put("title", r.title());
            o.put("kind", r.kind().name());
            o.put("comparison", r.comparison());
            o.put("verdict", r.verdict().name());
            num(o, "measured", r.measured());
            num(o, "predicted", r.predicted());
            num(o, "mcError", r.mcError());
            num(o, "discError", r.discError());
            num(o, "k", r.k());
            o.put("notes", r.notes());
            if (r.config() == null) {
                o.putNull("config");
            } else {
                o.put("config", r.config());
            }
            o.put("series", r.series());
            o.put("full", r.full());
            num(o, "seconds", r.seconds());
        }
        final ObjectNode tally = root.putObject("tally");
        for (Row r : rows) {
            tally.put(r.verdict().name(), tally.path(r.verdict().name()).asInt(0) + 1);
        }
        final ObjectNode cfgs = root.putObject("configs");
        trees.forEach(cfgs::set);
        return m.writeValueAsString(root) + "\n";
    }

    private static void num(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.put(key, ResultTable.num(v));
        }
    }
}
