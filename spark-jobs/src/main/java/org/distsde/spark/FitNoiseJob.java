package org.distsde.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.Series;
import org.distsde.fit.AgentGradientsOf;
import org.distsde.fit.Estimated;
import org.distsde.fit.FitPoints;
import org.distsde.fit.FitResult;
import org.distsde.fit.FittedConditions;
import org.distsde.fit.NoiseFit;
import org.distsde.fit.SmoothnessFit;
import org.distsde.fit.Trajectory;
import org.distsde.io.ResultDir;
import org.distsde.io.ResultTable;

/**
 * The {@code fit-noise} job: one Spark job for the trajectories (one task per series,
 * {@link Trajectory}), then one in which every task fits a contiguous block of one series' agents
 * ({@link NoiseFit}; the fit points and configs broadcast once), then on the driver
 * the pooled averages, (L0, L1) and the learning-rate condition ({@link FitResult#of}). An agent's
 * draws are keyed by (seed, point, agent, sample), so the result does not depend on the blocks, the
 * partitions or the task order, and equals {@link FitResult#local} bit for bit. Writes
 * {@code fit.json} and {@code agents.csv} atomically through {@link ResultDir}.
 */
public final class FitNoiseJob {
    private FitNoiseJob() { }

    /** What one task fits: agents [from, to) of series {@code series}. */
    record Range(int series, int from, int to) implements Serializable { }

    /** One series' broadcast inputs. */
    record Plan(ExperimentConfig cfg, FitPoints points) implements Serializable { }

    /** A task's fits. */
    record Part(int series, int from, ArrayList<NoiseFit.AgentFit> fits) implements Serializable { }

    /** Fits every series of {@code exp}, writes the result into {@code dir} and commits it. */
    public static List<FitResult> run(SparkSession spark, ConfigLoader.Experiment exp, FitResult.Options opt,
                                      ResultDir dir) throws IOException {
        final JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        final List<FitResult> results = fit(sc, exp.series(), opt, 2 * sc.defaultParallelism());
        dir.writeString("fit.json", json(spark.version(), exp, opt, results));
        dir.writeString("agents.csv", csv(results));
        dir.commit();
        return results;
    }

    /**
     * Fits the series with at most {@code blocks} tasks per series (fewer when a series has fewer
     * agents); results in series order.
     */
    static List<FitResult> fit(JavaSparkContext sc, List<Series> series, FitResult.Options opt, int blocks) {
        final ArrayList<ExperimentConfig> cfgs = new ArrayList<>();
        final List<Integer> index = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            cfgs.add(series.get(s).config());
            index.add(s);
        }
        // the trajectories: one task per series
        final Broadcast<ArrayList<ExperimentConfig>> cb = sc.broadcast(cfgs);
        final List<Traced> traced = new ArrayList<>(sc.parallelize(index, Math.max(1, index.size()))
                .map(new TrajectoryTask(cb, opt)).collect());
        cb.destroy();
        traced.sort(Comparator.comparingInt(Traced::series));
        final List<Trajectory> trajs = new ArrayList<>();
        for (Traced t : traced) {
            if (t.error() != null) {
                throw new ConfigException(t.error() + (series.size() > 1 ? " (series " + series.get(t.series()).label()
                        + ")" : ""));
            }
            trajs.add(t.trajectory());
        }
        // the agents: one task per block of a series' agents
        final ArrayList<Plan> plans = new ArrayList<>();
        final List<Range> ranges = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            final ExperimentConfig c = cfgs.get(s);
            plans.add(new Plan(c, trajs.get(s).points()));
            final int n = c.agents(), nb = Math.max(1, Math.min(n, blocks));
            for (int b = 0; b < nb; b++) {
                ranges.add(new Range(s, (int) ((long) n * b / nb), (int) ((long) n * (b + 1) / nb)));
            }
        }
        final Broadcast<ArrayList<Plan>> bc = sc.broadcast(plans);
        final List<Part> parts = new ArrayList<>(sc.parallelize(ranges, ranges.size())
                .map(new FitTask(bc, opt.samples())).collect());
        bc.destroy();
        parts.sort(Comparator.comparingInt(Part::series).thenComparingInt(Part::from));
        final List<FitResult> out = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            final List<NoiseFit.AgentFit> fits = new ArrayList<>();
            for (Part p : parts) {
                if (p.series() == s) {
                    fits.addAll(p.fits());
                }
            }
            final Series se = series.get(s);
            out.add(FitResult.of(se.index(), se.label(), se.config(), opt, trajs.get(s), fits));
        }
        return out;
    }

    /** A series' trajectory, or why there is none (a config error, reported as such on the driver). */
    record Traced(int series, Trajectory trajectory, String error) implements Serializable { }

    /** A task: one series' trajectory. */
    static final class TrajectoryTask implements Function<Integer, Traced> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<ArrayList<ExperimentConfig>> cfgs;
        private final FitResult.Options opt;

        TrajectoryTask(Broadcast<ArrayList<ExperimentConfig>> cfgs, FitResult.Options opt) {
            this.cfgs = cfgs;
            this.opt = opt;
        }

        @Override
        public Traced call(Integer s) throws Exception {
            final ExperimentConfig c = cfgs.value().get(s);
            try {
                return new Traced(s, ComputeThreads.call(() -> Trajectory.of(c, opt.points(), opt.trajectoryRuns())),
                        null);
            } catch (ConfigException e) {
                return new Traced(s, null, e.getMessage());
            }
        }
    }

    /** A task: its block of agents, in order. */
    static final class FitTask implements Function<Range, Part> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<ArrayList<Plan>> plans;
        private final int samples;

        FitTask(Broadcast<ArrayList<Plan>> plans, int samples) {
            this.plans = plans;
            this.samples = samples;
        }

        @Override
        public Part call(Range r) throws Exception {
            final Plan p = plans.value().get(r.series());
            final ExperimentConfig c = p.cfg();
            final List<NoiseFit.AgentFit> fits = ComputeThreads.call(() -> NoiseFit.fit(AgentGradientsOf.of(c),
                    c.buildObjective(), p.points(), r.from(), r.to(), samples, c.seed()));
            return new Part(r.series(), r.from(), new ArrayList<>(fits));
        }
    }

    // ---------------------------------------------------------------- output

    /** fit.json: the options, the config, versions, and per series everything {@link FitResult} holds. */
    static String json(String sparkVersion, ConfigLoader.Experiment exp, FitResult.Options opt,
                       List<FitResult> results) throws IOException {
        final ObjectMapper m = ConfigLoader.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
        final ObjectNode root = m.createObjectNode();
        final ExperimentConfig first = exp.first();
        root.put("command", "fit-noise");
        root.put("name", first.name());
        root.put("description", first.description());
        root.put("seed", first.seed());
        final ObjectNode o = root.putObject("options");
        o.put("points", opt.points());
        o.put("samples", opt.samples());
        o.put("trajectoryRuns", opt.trajectoryRuns());
        final ObjectNode meth = root.putObject("method");
        meth.put("variance", "per agent and point: v_t = mean over coordinates of the unbiased sample variance of M "
                + "draws; sigma0^2, sigma1^2 by weighted least squares of v_t on |grad f(x_t)|^2 with weights "
                + "1/mu_t^2 (iteratively reweighted); SE: sandwich A^-1 B A^-1 with each point's Var(v_t) estimated "
                + "from its own M samples (valid for correlated coordinates); 95% intervals estimate +- 1.96 SE");
        meth.put("tailIndex", "Hill on |Z|/fitted scale pooled over coordinates and points, k = floor(sqrt n)");
        meth.put("pooled", "equal-weight means over the agents (as the theorems), SE = sqrt(sum SE_i^2)/N");
        meth.put("smoothness", "L1: least-squares slope through the upper convex hull of (|grad f|, |hess f|) at the "
                + "points; L0: smallest covering every point; interval: leave-one-out range (a sensitivity range, "
                + "not a confidence interval: key 'range' instead of 'ci95'); checked by Definition 1 on 2000 sampled "
                + "points (definitionOneSampled), and a refuted pair qualifies the condition's verdict");
        meth.put("condition", "the optimizer's learning-rate condition at every trajectory round, with the estimates "
                + "and with the pessimistic ends of their intervals: '" + FittedConditions.HOLDS_INTERVAL + "', '"
                + FittedConditions.HOLDS_ESTIMATE + "', '" + FittedConditions.FAILS + "'");
        root.set("config", exp.tree());
        root.set("versions", m.valueToTree(Versions.all(sparkVersion)));
        final ArrayNode arr = root.putArray("series");
        for (FitResult r : results) {
            series(arr.addObject(), r, m);
        }
        return m.writeValueAsString(root) + "\n";
    }

    private static void series(ObjectNode s, FitResult r, ObjectMapper m) {
        s.put("index", r.series());
        s.put("label", r.label());
        s.put("optimizer", r.optimizer());
        s.put("objective", r.objective());
        s.put("agents", r.agents());
        s.put("dim", r.dim());
        final ObjectNode tr = s.putObject("trajectory");
        tr.put("runs", r.options().trajectoryRuns());
        tr.put("run", r.trajectoryRun());
        tr.put("lastRound", r.trajectoryLastRound());
        tr.put("rounds", r.rounds());
        tr.put("note", r.trajectoryNote());
        final ArrayNode pts = tr.putArray("points");
        final FitPoints p = r.points();
        final SmoothnessFit.Result sm = r.smoothness();
        for (int t = 0; t < p.size(); t++) {
            final ObjectNode q = pts.addObject();
            q.put("t", t);
            q.put("round", p.rounds()[t]);
            num(q, "gradNormSq", p.gradNormSq()[t]);
            num(q, "hessianNorm", sm.hessianNorm()[t]);
        }
        final ObjectNode po = s.putObject("pooled");
        po.set("sigma0Sq", est(r.pooled().sigma0Sq(), m));
        po.set("sigma1Sq", est(r.pooled().sigma1Sq(), m));
        num(po, "omega", r.pooled().omega());
        po.set("sigma0SqOmega", est(r.pooled().sigma0SqOmega(), m));
        po.set("sigma1SqOmega", est(r.pooled().sigma1SqOmega(), m));
        final ObjectNode tail = po.putObject("smallestTailIndex");
        tail.put("agent", r.pooled().tailAgent());
        tail.setAll(est(r.pooled().tailIndex(), m));
        final ObjectNode sn = s.putObject("smoothness");
        sn.set("l0", est(sm.l0(), m));
        sn.set("l1", est(sm.l1(), m));
        num(sn, "maxRatioAtPoints", sm.maxRatio());
        final ObjectNode d1 = sn.putObject("definitionOneSampled");
        d1.put("samples", sm.sampled().samples());
        num(d1, "radius", sm.sampled().radius());
        num(d1, "maxRatio", sm.sampled().maxRatio());
        d1.put("holds", sm.sampled().holds());
        final FitResult.Configured cf = r.configured();
        final ObjectNode cs = s.putObject("configured");
        num(cs, "sigma0Sq", cf.meanSigma0Sq());
        num(cs, "sigma1Sq", cf.meanSigma1Sq());
        num(cs, "sigma0SqOmega", cf.meanSigma0SqOmega());
        num(cs, "sigma1SqOmega", cf.meanSigma1SqOmega());
        cs.put("finiteVariance", cf.finiteVariance());
        if (cf.l0() != null) {
            num(cs, "l0", cf.l0());
            num(cs, "l1", cf.l1());
        }
        s.set("condition", condition(r.condition(), m));
        final ArrayNode ag = s.putArray("agents");
        for (NoiseFit.AgentFit a : r.agentFits()) {
            final ObjectNode x = ag.addObject();
            final int i = a.agent();
            x.put("agent", i);
            x.set("sigma0Sq", est(a.sigma0Sq(), m));
            x.set("sigma1Sq", est(a.sigma1Sq(), m));
            x.set("tailIndex", est(a.tailIndex(), m));
            x.put("tailSample", a.tailSample());
            x.set("medianAbsNoise", est(a.medianAbs(), m));
            num(x, "kurtosis", a.kurtosis());
            num(x, "dispersion", a.dispersion());
            num(x, "correlationFactor", a.correlationFactor());
            final ObjectNode gof = x.putObject("goodnessOfFit");
            num(gof, "chi2", a.gofChi2());
            gof.put("df", a.gofDf());
            num(gof, "p", a.gofP());
            final ObjectNode bias = x.putObject("bias");
            num(bias, "rms", a.biasRms());
            num(bias, "ratio", a.biasRatio());
            num(bias, "p", a.biasP());
            x.put("iterations", a.iterations());
            x.put("converged", a.converged());
            arr(x.putArray("variance"), a.variance());
            arr(x.putArray("fitted"), a.fitted());
            final ObjectNode c = x.putObject("configured");
            num(c, "sigma0Sq", cf.sigma0Sq()[i]);
            num(c, "sigma1Sq", cf.sigma1Sq()[i]);
            num(c, "tailIndex", cf.tailIndex()[i]);
            num(c, "omega", cf.omega()[i]);
            final ArrayNode notes = x.putArray("notes");
            a.notes().forEach(notes::add);
        }
    }

    private static ObjectNode condition(FittedConditions.Check c, ObjectMapper m) {
        final ObjectNode n = m.createObjectNode();
        n.put("theorem", c.theorem());
        n.put("condition", c.condition());
        n.put("form", c.form());
        n.put("strict", c.strict());
        num(n, "epsilon", c.epsilon());
        n.put("verdict", c.verdict());
        n.put("smoothnessRefuted", c.smoothnessRefuted());
        n.put("qualifiedVerdict", c.qualifiedVerdict());
        n.put("reason", c.reason());
        n.put("rounds", c.rounds());
        n.put("heldEstimate", c.heldEstimate());
        n.put("heldPessimistic", c.heldPessimistic());
        n.put("heldConfigured", c.heldConfigured());
        n.put("firstFailEstimate", c.firstFailEstimate());
        n.put("firstFailPessimistic", c.firstFailPessimistic());
        num(n, "marginEstimate", c.marginEstimate());
        num(n, "marginPessimistic", c.marginPessimistic());
        num(n, "marginConfigured", c.marginConfigured());
        constants(n, "estimate", c.estimate());
        constants(n, "pessimistic", c.pessimistic());
        constants(n, "configured", c.configured());
        final ArrayNode notes = n.putArray("notes");
        c.notes().forEach(notes::add);
        return n;
    }

    private static void constants(ObjectNode n, String key, FittedConditions.Constants c) {
        if (c == null) {
            n.putNull(key);
            return;
        }
        final ObjectNode o = n.putObject(key);
        final String[] names = {"l0", "l1", "sigma0Sq", "sigma1Sq", "omega", "sigma0SqOmega", "sigma1SqOmega",
            "sigmaHarmonic", "nu", "ellNu"};
        final double[] v = {c.l0(), c.l1(), c.sigma0Sq(), c.sigma1Sq(), c.omega(), c.sigma0SqOmega(),
            c.sigma1SqOmega(), c.sigmaHarmonic(), c.nu(), c.ellNu()};
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                num(o, names[i], v[i]);
            }
        }
    }

    /**
     * An estimated constant: {"status": "estimated", "estimate", "se", "ci95": [lo, hi], "text",
     * "method"}; a leave-one-out range is under "range" instead of "ci95", with "interval" naming it.
     */
    private static ObjectNode est(Estimated e, ObjectMapper m) {
        final ObjectNode n = m.createObjectNode();
        n.put("status", e.present() ? "estimated" : "not identified");
        num(n, "estimate", e.estimate());
        num(n, "se", e.se());
        n.put("interval", e.interval());
        final ArrayNode ci = n.putArray(e.confidence() ? "ci95" : "range");
        ci.add(finite(e.lo()) ? m.getNodeFactory().numberNode(e.lo()) : m.getNodeFactory().textNode(ResultTable.num(e.lo())));
        ci.add(finite(e.hi()) ? m.getNodeFactory().numberNode(e.hi()) : m.getNodeFactory().textNode(ResultTable.num(e.hi())));
        n.put("text", e.text());
        n.put("method", e.method());
        return n;
    }

    private static boolean finite(double v) {
        return Double.isFinite(v);
    }

    /** A number, or "NaN" / "Infinity" as a string (JSON has no such numbers). */
    private static void num(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.put(key, ResultTable.num(v));
        }
    }

    private static void arr(ArrayNode a, double[] v) {
        for (double x : v) {
            if (Double.isFinite(x)) {
                a.add(x);
            } else {
                a.add(ResultTable.num(x));
            }
        }
    }

    /** The columns of agents.csv. */
    static final String[] CSV = {"series", "label", "agent", "sigma0Sq", "sigma0Sq_se", "sigma0Sq_lo", "sigma0Sq_hi",
        "sigma1Sq", "sigma1Sq_se", "sigma1Sq_lo", "sigma1Sq_hi", "tailIndex", "tailIndex_lo", "tailIndex_hi",
        "medianAbsNoise", "medianAbsNoise_se", "kurtosis", "gof_p", "bias_rms", "bias_ratio", "bias_p",
        "configured_sigma0Sq", "configured_sigma1Sq", "configured_tailIndex", "omega"};

    /** agents.csv: one row per series × agent. */
    static String csv(List<FitResult> results) {
        final StringBuilder b = new StringBuilder(String.join(",", CSV)).append('\n');
        for (FitResult r : results) {
            final FitResult.Configured cf = r.configured();
            for (NoiseFit.AgentFit a : r.agentFits()) {
                final int i = a.agent();
                b.append(r.series()).append(',').append(ResultTable.quote(r.label())).append(',').append(i);
                final double[] v = {a.sigma0Sq().estimate(), a.sigma0Sq().se(), a.sigma0Sq().lo(), a.sigma0Sq().hi(),
                    a.sigma1Sq().estimate(), a.sigma1Sq().se(), a.sigma1Sq().lo(), a.sigma1Sq().hi(),
                    a.tailIndex().estimate(), a.tailIndex().lo(), a.tailIndex().hi(), a.medianAbs().estimate(),
                    a.medianAbs().se(), a.kurtosis(), a.gofP(), a.biasRms(), a.biasRatio(), a.biasP(),
                    cf.sigma0Sq()[i], cf.sigma1Sq()[i], cf.tailIndex()[i], cf.omega()[i]};
                for (double x : v) {
                    b.append(',').append(ResultTable.num(x));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /**
     * The printed table: one row per series with the pooled estimates ± SE, the smallest tail index
     * with its interval, L0, L1 and the condition's verdict.
     */
    public static String table(List<FitResult> results) {
        int w = 6;
        for (FitResult r : results) {
            w = Math.max(w, r.label().length());
        }
        final String row = "%-3s %-" + w + "s %-21s %-21s %-17s %-8s %-8s %s%n";
        final StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, row, "#", "series", "sigma0^2 (mean)", "sigma1^2 (mean)", "tail index (min)",
                "L0", "L1", "condition: verdict"));
        for (FitResult r : results) {
            final var p = r.pooled();
            final var c = r.condition();
            final String cond = c.condition().startsWith("Eq. 5") ? "Eq. 5" : c.condition().startsWith("Eq. 1")
                    ? "Eq. 1" : c.theorem().equals("Theorem 7") ? "Theorem 7" : c.theorem();
            final StringBuilder v = new StringBuilder(cond).append(": ").append(c.verdict());
            if (c.smoothnessRefuted()) {
                v.append(" [(L0, L1) REFUTED by Definition 1: claims nothing]");
            }
            if (c.rounds() > 0) {
                v.append(String.format(Locale.ROOT, " (%d, %d", c.heldEstimate(), c.heldPessimistic()));
                if (c.heldConfigured() >= 0) {
                    v.append(String.format(Locale.ROOT, "; config %d", c.heldConfigured()));
                }
                v.append(String.format(Locale.ROOT, " of %d rounds)", c.rounds()));
            } else if (!c.reason().isEmpty()) {
                v.append(" - ").append(c.reason());
            }
            final boolean noVariance = p.tailIndex().present() && p.tailIndex().hi() < 2;
            b.append(String.format(Locale.ROOT, row, r.series(), r.label(),
                    noVariance ? "none (tail index < 2)" : pm(p.sigma0Sq()), noVariance ? "none" : pm(p.sigma1Sq()),
                    tail(p.tailIndex()), g4(r.smoothness().l0().estimate()), g4(r.smoothness().l1().estimate()), v));
        }
        for (FitResult r : results) {
            if (!r.trajectoryNote().isEmpty()) {
                b.append("series ").append(r.series()).append(": ").append(r.trajectoryNote()).append('\n');
            }
        }
        for (FitResult r : results) {
            if (r.condition().smoothnessRefuted()) {
                b.append("series ").append(r.series()).append(": ").append(r.condition().notes().get(0)).append('\n');
            }
        }
        b.append("All estimated, from ").append(results.isEmpty() ? 0 : results.get(0).agents()).append(" agent(s): "
                + "sigma^2 estimate ± SE (mean over the agents), the smallest tail\nindex [95% interval], (L0, L1) "
                + "along the trajectory. Verdict: rounds at which the condition holds\nwith the estimates, with the "
                + "pessimistic ends of their intervals (95% for the noise constants,\nthe leave-one-out range for "
                + "(L0, L1)); with the config's constants.\nIntervals in fit.json, every agent in agents.csv.\n");
        return b.toString();
    }

    private static String pm(Estimated e) {
        return e.present() ? String.format(Locale.ROOT, "%.4g ± %.2g", e.estimate(), e.se()) : "not identified";
    }

    private static String tail(Estimated e) {
        return e.present() ? String.format(Locale.ROOT, "%.3g [%.3g, %.3g]", e.estimate(), e.lo(), e.hi()) : "-";
    }

    private static String g4(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
