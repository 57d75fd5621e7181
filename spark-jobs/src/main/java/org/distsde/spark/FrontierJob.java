package org.distsde.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.distsde.config.ConfigException;
import org.distsde.config.ExperimentConfig;
import org.distsde.frontier.Bisection;
import org.distsde.frontier.BinomialInterval;
import org.distsde.frontier.BinomialInterval.Interval;
import org.distsde.frontier.FrontierPlan;
import org.distsde.frontier.FrontierProcess;
import org.distsde.io.ResultDir;
import org.distsde.sim.RoundStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code frontier} job: for every grid point of a {@link FrontierPlan}, the largest value of
 * the bisected parameter at which at most a fraction p of the runs diverge within the config's K
 * rounds, by {@link Bisection} on a log scale. Every bisection step is one Spark job whose series
 * are the probes of all grid points still bracketed ({@link RunParallel#runAll}: the runs layout,
 * whole trajectories per task); the two ends of the initial brackets are one more job, so B steps
 * cost at most 1 + B jobs. All probes use the config's seed (common random numbers: run r sees the
 * same noise and compression draws at every value). Writes frontier.csv and frontier.json
 * atomically through {@link ResultDir}; {@code report} draws them.
 */
public final class FrontierJob {
    private static final Logger LOG = LoggerFactory.getLogger(FrontierJob.class);
    /** Confidence of the intervals of the diverged fraction. */
    public static final double CONFIDENCE = 0.95;

    private FrontierJob() { }

    /**
     * The bisection's settings: per grid point initial bracket, steps, the diverged fraction p, and
     * the processes bisected at every grid point (the optimizer first, then SDE models).
     */
    public record Options(double[] lo, double[] hi, int steps, double maxDivergedFraction,
                          List<FrontierProcess> processes) {
        public Options(double[] lo, double[] hi, int steps, double maxDivergedFraction) {
            this(lo, hi, steps, maxDivergedFraction, List.of(FrontierProcess.OPTIMIZER));
        }

        public Options {
            processes = List.copyOf(processes);
            if (processes.isEmpty() || !processes.get(0).optimizer()) {
                throw new IllegalArgumentException("the optimizer is the first process of a frontier");
            }
        }
    }

    /**
     * One grid point's frontier for one process and how it compares with the theorem, the curvature
     * model's predictions and (for an SDE model) the optimizer's measured frontier.
     */
    public record PointResult(FrontierPlan.Point point, FrontierProcess process, Bisection.Result bisection,
                              String theorem, double ceiling, FrontierPlan.Predictions predictions, double measured,
                              int runs, int rounds) {
        /** The frontier estimate (NaN unless bracketed). */
        public double frontier() {
            return bisection.estimate();
        }

        /** frontier / ceiling: below 1 the theorem allows values that diverge, above 1 it is conservative. */
        public double ratio() {
            return frontier() / ceiling;
        }

        /** This process's frontier over the optimizer's (1 for the optimizer itself). */
        public double overMeasured() {
            return frontier() / measured;
        }

        /** The reported bracket: the final one; [0, lo0] below lo0, [hi0, ∞) above hi0. */
        public double bracketLo() {
            return switch (bisection.status()) {
                case BELOW_LO -> 0;
                case ABOVE_HI -> bisection.hi();
                default -> bisection.lo();
            };
        }

        public double bracketHi() {
            return switch (bisection.status()) {
                case BELOW_LO -> bisection.lo();
                case ABOVE_HI -> Double.POSITIVE_INFINITY;
                default -> bisection.hi();
            };
        }

        /** The outcome at the reported lower end (null when it is 0). */
        public Bisection.Outcome atLo() {
            return switch (bisection.status()) {
                case BELOW_LO -> null;
                case ABOVE_HI -> bisection.atHi();
                default -> bisection.atLo();
            };
        }

        /** The outcome at the reported upper end (null when it is ∞). */
        public Bisection.Outcome atHi() {
            return switch (bisection.status()) {
                case BELOW_LO -> bisection.atLo();
                case ABOVE_HI -> null;
                default -> bisection.atHi();
            };
        }
    }

    /** The whole result. */
    public record Report(FrontierPlan plan, Options options, List<PointResult> points, int jobs, double seconds) { }

    /**
     * The initial brackets: {@code lo}/{@code hi} when given, else the grid point's own value of the
     * parameter divided / multiplied by 1000.
     *
     * @throws ConfigException naming --lo or --hi when a bracket is empty or cannot be defaulted
     */
    public static Options options(FrontierPlan plan, Double lo, Double hi, int steps, double p) {
        return options(plan, lo, hi, steps, p, List.of(FrontierProcess.OPTIMIZER));
    }

    /** As {@link #options(FrontierPlan, Double, Double, int, double)}, bisecting also the given SDE processes. */
    public static Options options(FrontierPlan plan, Double lo, Double hi, int steps, double p,
                                  List<FrontierProcess> processes) {
        final int g = plan.points().size();
        final double[] a = new double[g], b = new double[g];
        for (int i = 0; i < g; i++) {
            final double v = plan.value(plan.points().get(i).config());
            if (plan.stableAbove()) { // a degree of normalization: none (0) to full (1) by default
                a[i] = lo != null ? lo : 0;
                b[i] = hi != null ? hi : 1;
            } else if ((lo == null || hi == null) && !(v > 0 && Double.isFinite(v))) {
                throw new ConfigException("--lo and --hi are required: the config's " + plan.param() + " is " + v
                        + " at grid point " + plan.points().get(i).label() + " (the default bracket is [v/1000, v*1000])");
            }
            if (!plan.stableAbove()) {
                a[i] = lo != null ? lo : v / 1000;
                b[i] = hi != null ? hi : v * 1000;
            }
            if (!(a[i] < b[i])) {
                throw new ConfigException("--lo must be below --hi (bracket [" + a[i] + ", " + b[i] + "] at grid point "
                        + plan.points().get(i).label() + ")");
            }
            for (FrontierProcess q : processes) { // both ends must be valid configurations of every process
                plan.config(i, a[i], q);
                plan.config(i, b[i], q);
            }
        }
        return new Options(a, b, steps, p, processes);
    }

    /**
     * Runs the bisection of every grid point and process (one Spark job per step for the optimizer's
     * probes, one for the SDE models') and writes the result directory.
     */
    public static Report run(SparkSession spark, FrontierPlan plan, Options opt, ResultDir out) throws Exception {
        final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        final long t0 = System.nanoTime();
        final int[] jobs = {0, 0}; // Spark jobs, bisection steps
        final String name = plan.points().get(0).config().name();
        final List<FrontierProcess> procs = opt.processes();
        final int g = plan.points().size(), np = procs.size();
        final double[] lo = new double[g * np], hi = new double[g * np];
        for (int i = 0; i < g; i++) {
            for (int k = 0; k < np; k++) {
                lo[i * np + k] = opt.lo()[i];
                hi[i * np + k] = opt.hi()[i];
            }
        }
        final List<Bisection.Result> res = Bisection.run(lo, hi, opt.steps(), opt.maxDivergedFraction(),
                plan.stableAbove(), probes -> {
            final List<ExperimentConfig> optCfgs = new ArrayList<>(), sdeCfgs = new ArrayList<>();
            final boolean[] isSde = new boolean[probes.size()];
            for (int q = 0; q < probes.size(); q++) {
                final Bisection.Probe p = probes.get(q);
                final FrontierProcess proc = procs.get(p.point() % np);
                final ExperimentConfig c = plan.config(p.point() / np, p.value(), proc);
                isSde[q] = !proc.optimizer();
                (isSde[q] ? sdeCfgs : optCfgs).add(c);
            }
            final long tj = System.nanoTime();
            final List<SeriesRows> optRows = optCfgs.isEmpty() ? List.of() : RunParallel.runAll(jsc, optCfgs);
            final List<SeriesRows> sdeRows = sdeCfgs.isEmpty() ? List.of() : IntegrateJob.runAll(jsc, sdeCfgs);
            jobs[0] += (optCfgs.isEmpty() ? 0 : 1) + (sdeCfgs.isEmpty() ? 0 : 1);
            jobs[1]++;
            final List<Bisection.Outcome> o = new ArrayList<>();
            int a = 0, b = 0;
            for (int q = 0; q < probes.size(); q++) {
                final SeriesRows r = isSde[q] ? sdeRows.get(b) : optRows.get(a);
                final ExperimentConfig c = isSde[q] ? sdeCfgs.get(b++) : optCfgs.get(a++);
                final RoundStats last = r.rows().get(r.rows().size() - 1);
                o.add(new Bisection.Outcome(last.diverged(), c.runs()));
            }
            LOG.info(String.format(Locale.ROOT, "[%s] frontier step %d/%d: %d optimizer and %d SDE series, %.1f s", name,
                    jobs[1], opt.steps() + 1, optCfgs.size(), sdeCfgs.size(), (System.nanoTime() - tj) / 1e9));
            return o;
        });
        final List<PointResult> points = new ArrayList<>();
        for (int i = 0; i < g; i++) {
            final ExperimentConfig c = plan.points().get(i).config();
            final FrontierPlan.Predictions pred = plan.predictions(i, opt.maxDivergedFraction());
            final double ceiling = plan.ceiling(i);
            final double measured = res.get(i * np).estimate();
            for (int k = 0; k < np; k++) {
                points.add(new PointResult(plan.points().get(i), procs.get(k), res.get(i * np + k), plan.theorem(i),
                        ceiling, pred, measured, c.runs(), c.rounds()));
            }
        }
        final Report r = new Report(plan, opt, points, jobs[0], (System.nanoTime() - t0) / 1e9);
        out.writeString("frontier.csv", csv(r));
        out.writeString("frontier.json", json(r));
        out.commit();
        return r;
    }

    private static Interval ci(Bisection.Outcome o) {
        return o == null ? null : BinomialInterval.clopperPearson(o.diverged(), o.runs(), CONFIDENCE);
    }

    private static Interval wilson(Bisection.Outcome o) {
        return o == null ? null : BinomialInterval.wilson(o.diverged(), o.runs(), CONFIDENCE);
    }

    /** The CSV columns after the grid's paths. */
    public static final String[] COLUMNS = {"process", "param", "status", "frontier", "bracket_lo", "bracket_hi",
        "diverged_at_lo", "fraction_at_lo", "fraction_at_lo_ci95_lo", "fraction_at_lo_ci95_hi", "diverged_at_hi",
        "fraction_at_hi", "fraction_at_hi_ci95_lo", "fraction_at_hi_ci95_hi", "runs", "rounds", "theorem", "ceiling",
        "frontier_over_ceiling", "frontier_over_optimizer", "predicted_deterministic", "predicted_mean_square",
        "predicted_overshoot", "ceiling_with_stability"};

    /** frontier.csv: one row per grid point; intervals are Clopper–Pearson 95%. */
    static String csv(Report r) {
        final StringBuilder b = new StringBuilder();
        for (FrontierPlan.Axis a : r.plan().axes()) {
            b.append(a.path()).append(',');
        }
        b.append(String.join(",", COLUMNS)).append('\n');
        for (PointResult p : r.points()) {
            for (var v : p.point().values()) {
                b.append(quote(FrontierPlan.Axis.text(v))).append(',');
            }
            final Bisection.Outcome lo = p.atLo(), hi = p.atHi();
            final Interval cl = ci(lo), ch = ci(hi);
            final FrontierPlan.Predictions pr = p.predictions();
            b.append(String.join(",", p.process().id(), r.plan().param(), p.bisection().status().id(), num(p.frontier()),
                    num(p.bracketLo()), num(p.bracketHi()),
                    lo == null ? "" : Integer.toString(lo.diverged()), lo == null ? "" : num(lo.fraction()),
                    cl == null ? "" : num(cl.lo()), cl == null ? "" : num(cl.hi()),
                    hi == null ? "" : Integer.toString(hi.diverged()), hi == null ? "" : num(hi.fraction()),
                    ch == null ? "" : num(ch.lo()), ch == null ? "" : num(ch.hi()),
                    Integer.toString(p.runs()), Integer.toString(p.rounds()), p.theorem(), num(p.ceiling()),
                    num(p.ratio()), num(p.overMeasured()), num(pr.deterministic()), num(pr.meanSquare()),
                    num(pr.overshoot()), num(pr.withStability(p.ceiling())))).append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String num(double v) {
        return Double.toString(v);
    }

    static String json(Report r) throws IOException {
        final ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        final ObjectNode root = m.createObjectNode();
        final FrontierPlan plan = r.plan();
        final ExperimentConfig c0 = plan.points().get(0).config();
        root.put("name", c0.name());
        root.put("param", plan.param());
        final ArrayNode axes = root.putArray("grid");
        for (FrontierPlan.Axis a : plan.axes()) {
            final ObjectNode o = axes.addObject();
            o.put("path", a.path());
            o.set("values", m.valueToTree(a.values()));
        }
        root.put("steps", r.options().steps());
        root.put("maxDivergedFraction", r.options().maxDivergedFraction());
        root.put("jobs", r.jobs());
        root.put("seconds", r.seconds());
        root.put("seed", c0.seed());
        root.put("confidence", CONFIDENCE);
        root.put("method", "bisection on a log scale between lo and hi: the geometric midpoint replaces lo when at "
                + "most a fraction p of the runs diverged within the config's rounds (its point estimate), else hi; "
                + "every probe uses the config's seed (common random numbers), so the diverged fraction is nearly "
                + "monotone in the parameter; the frontier is the final bracket [lo, hi] (estimate sqrt(lo*hi)) with "
                + "a 95% interval of the diverged fraction at both ends (Clopper-Pearson in frontier.csv; Wilson here "
                + "too)");
        final ArrayNode pa = root.putArray("processes");
        for (FrontierProcess p : r.options().processes()) {
            pa.add(p.id());
        }
        root.put("predicted", "the curvature-corrected model's first step from x0 (OneStepLaw): deterministic = "
                + "largest value without a noise-free overshoot (w <= 2), meanSquare = largest with the step's second "
                + "moment multiplier <= 1, overshoot = largest at which the first step overshoots away with probability "
                + "<= maxDivergedFraction; ceilingWithStability = min(ceiling, overshoot)");
        root.put("ceiling", "Eq. 1 (dsgd) or Eq. 5 (dcsgd; Eq. 3 when sigma1 = 0) at epsilon = " + FrontierPlan.EPSILON
                + " with E||grad f(X_t)|| = ||grad f(x0)||"
                + (plan.param().equals("eta") ? "" : "; for " + plan.param() + " inverted numerically: the value at "
                + "which the ceiling equals the grid point's eta"));
        final ArrayNode pts = root.putArray("points");
        for (PointResult p : r.points()) {
            final ObjectNode o = pts.addObject();
            final ObjectNode gv = o.putObject("grid");
            for (int k = 0; k < plan.axes().size(); k++) {
                gv.set(plan.axes().get(k).path(), p.point().values().get(k));
            }
            o.put("label", p.point().label());
            o.put("process", p.process().id());
            o.put("processLabel", p.process().label());
            o.put("status", p.bisection().status().id());
            o.put("initialLo", r.options().lo()[p.point().index()]);
            o.put("initialHi", r.options().hi()[p.point().index()]);
            put(o, "frontier", p.frontier());
            put(o, "bracketLo", p.bracketLo());
            put(o, "bracketHi", p.bracketHi());
            final double lo0 = r.options().lo()[p.point().index()], hi0 = r.options().hi()[p.point().index()];
            if (plan.stableAbove()) { // linear: the final bracket's width
                o.put("resolutionWidth", (hi0 - lo0) / Math.pow(2, r.options().steps()));
            } else {
                o.put("resolution", Bisection.resolution(lo0, hi0, r.options().steps()));
            }
            end(o.putObject("atLo"), p.atLo());
            end(o.putObject("atHi"), p.atHi());
            o.put("runs", p.runs());
            o.put("rounds", p.rounds());
            o.put("eta", p.point().config().eta());
            o.put("theorem", p.theorem());
            put(o, "ceiling", p.ceiling());
            put(o, "frontierOverCeiling", p.ratio());
            put(o, "frontierOverOptimizer", p.overMeasured());
            final ObjectNode pr = o.putObject("predicted");
            put(pr, "deterministic", p.predictions().deterministic());
            put(pr, "meanSquare", p.predictions().meanSquare());
            put(pr, "overshoot", p.predictions().overshoot());
            put(pr, "ceilingWithStability", p.predictions().withStability(p.ceiling()));
            final ArrayNode tr = o.putArray("trace");
            for (Bisection.Step s : p.bisection().trace()) {
                final ObjectNode t = tr.addObject();
                t.put("job", s.job());
                t.put("value", s.value());
                t.put("diverged", s.outcome().diverged());
                t.put("runs", s.outcome().runs());
                t.put("stable", s.stable());
            }
        }
        return m.writeValueAsString(root);
    }

    private static void end(ObjectNode o, Bisection.Outcome x) {
        if (x == null) {
            return;
        }
        o.put("diverged", x.diverged());
        o.put("runs", x.runs());
        o.put("fraction", x.fraction());
        final Interval cp = ci(x), w = wilson(x);
        o.putArray("clopperPearson95").add(cp.lo()).add(cp.hi());
        o.putArray("wilson95").add(w.lo()).add(w.hi());
    }

    private static void put(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.put(k, Double.toString(v));
        }
    }

    /**
     * The command's table: one line per grid point and process, then per grid point the curvature
     * model's predictions and the ceilings, each with its ratio to the measured frontier.
     */
    public static String render(Report r) {
        final StringBuilder b = new StringBuilder();
        final String param = r.plan().param();
        b.append(String.format(Locale.ROOT, "%-36s %-24s %-12s %-23s %-11s %-10s %-21s %-21s%n", "grid point",
                "process", "status", "bracket [lo, hi]", param, "/optimizer", "diverged at lo [CI95]",
                "diverged at hi [CI95]"));
        for (PointResult p : r.points()) {
            b.append(String.format(Locale.ROOT, "%-36s %-24s %-12s [%-9.4g, %-9.4g] %-11.5g %-10.3g %-21s %-21s%n",
                    p.point().label(), p.process().label(), p.bisection().status().id(), p.bracketLo(), p.bracketHi(),
                    p.frontier(), p.overMeasured(), frac(p.atLo()), frac(p.atHi())));
        }
        b.append(String.format(Locale.ROOT, "%nagainst the measured frontier (value and value / measured):%n"));
        b.append(String.format(Locale.ROOT, "%-36s %-11s %-20s %-20s %-20s %-6s %-20s %-20s%n", "grid point",
                "measured", "predicted: no noise", "mean square", "first-step overshoot", "cond", "ceiling",
                "ceiling + stability"));
        for (PointResult p : r.points()) {
            if (!p.process().optimizer()) {
                continue;
            }
            final FrontierPlan.Predictions q = p.predictions();
            final double m = p.frontier();
            b.append(String.format(Locale.ROOT, "%-36s %-11.5g %-20s %-20s %-20s %-6s %-20s %-20s%n",
                    p.point().label(), m, vr(q.deterministic(), m), vr(q.meanSquare(), m), vr(q.overshoot(), m),
                    p.theorem(), vr(p.ceiling(), m), vr(q.withStability(p.ceiling()), m)));
        }
        b.append(String.format(Locale.ROOT, "%d Spark jobs (ends of the brackets + %d bisection steps; per step one for "
                + "the optimizer and one for the SDE models), %.1f s; intervals: Clopper-Pearson 95%%; "
                + "ceiling at epsilon = %.1f with E||grad f|| = ||grad f(x0)||%s%n",
                r.jobs(), r.options().steps(), r.seconds(), FrontierPlan.EPSILON, param.equals("eta") ? ""
                        : " (for " + param + ": the value at which the ceiling equals the grid point's eta)"));
        return b.toString();
    }

    private static String vr(double v, double measured) {
        return String.format(Locale.ROOT, "%.4g (%.3g)", v, v / measured);
    }

    private static String frac(Bisection.Outcome o) {
        if (o == null) {
            return "-";
        }
        final Interval i = ci(o);
        return String.format(Locale.ROOT, "%.3f [%.3f,%.3f]", o.fraction(), i.lo(), i.hi());
    }
}
