package org.distsde.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.Series;
import org.distsde.io.CheckpointStore;
import org.distsde.io.ResultDir;
import org.distsde.io.ResultTable;
import org.distsde.io.SeriesKind;
import org.distsde.sim.RoundSchema;
import org.distsde.sim.Aggregator;
import org.distsde.sim.MemoryBudget;
import org.distsde.sim.RoundStats;
import org.distsde.sde.SdeSimulation;
import org.distsde.sde.refine.Refinement;
import org.distsde.sim.Simulation;
import org.distsde.sim.Tracking;
import org.distsde.theory.Source;
import org.distsde.theory.TheoremChecker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code simulate} and {@code integrate} jobs: every series of an experiment is simulated with
 * the agents spread over Spark partitions ({@link SparkAggregator}, or whole trajectories per task,
 * {@link RunParallel}) and/or its SDE integrated over paths ({@link IntegrateJob}); each result is
 * checked against its theorem ({@link TheoremChecker}); the data — the metrics table (CSV and
 * Parquet), a small JSON summary and the full checks — are written into the (uncommitted) output
 * directory, which the caller commits. Rendering (checks as text, charts, the page) is the report's.
 */
public final class SimulateJob {
    private static final Logger LOG = LoggerFactory.getLogger(SimulateJob.class);

    private SimulateJob() { }

    /**
     * A series' results, for the summary; {@code refinement} is set for the resolved SDE
     * (kind {@link SeriesKind#SDE_RESOLVED}).
     */
    public record SeriesResult(Series series, SeriesKind kind, List<RoundStats> rows, double seconds,
                               TheoremChecker.Report checks, Refinement refinement) { }

    /** What is written besides the data before the result is committed (the CLI's text rendering of the checks). */
    @FunctionalInterface
    public interface Extra {
        void write(ResultDir out, List<SeriesResult> results) throws IOException;
    }

    /**
     * Runs the experiment, writes its data into {@code out}, calls {@code extra}, commits {@code out}
     * and then deletes the checkpoints. The output path was validated by the caller (through
     * {@link ResultDir#open}).
     *
     * @param optimizer true for {@code simulate} (the optimizer, plus the SDE of series with
     *                  {@code sde.enabled}), false for {@code integrate} (the SDE only)
     */
    public static List<SeriesResult> run(SparkSession spark, ConfigLoader.Experiment exp, ResultDir out,
                                         boolean optimizer, boolean resume, int checkpointEvery, Extra extra)
            throws IOException {
        final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        if (optimizer) {
            checkMemory(jsc, exp); // before anything is written
        } else {
            for (Series s : exp.series()) { // integrate: every series needs an SDE
                if (s.config().optimizer().sdeModels().isEmpty()) {
                    throw new ConfigException("optimizer: " + s.config().optimizer() + " has no SDE to integrate"
                            + (exp.series().size() > 1 ? " (series " + s.label() + ")" : ""));
                }
            }
        }
        final CheckpointStore ckpt = CheckpointStore.open(out, fingerprint(exp, optimizer), resume);
        final long t0 = System.nanoTime();
        final int cores = jsc.defaultParallelism();
        final List<SeriesResult> results = new ArrayList<>();
        final int n = exp.series().size();
        // every SDE, and every optimizer series in the runs layout, of the sweep in one Spark job each
        final List<Series> sdeTodo = new ArrayList<>(), refineTodo = new ArrayList<>(), runsTodo = new ArrayList<>();
        final List<Series> agentsTodo = new ArrayList<>();
        for (Series s : exp.series()) {
            final ExperimentConfig c = s.config();
            if ((!optimizer || c.sde().enabled()) && ckpt.done(s.index(), SeriesKind.SDE) == null) {
                (c.sde().resolve() ? refineTodo : sdeTodo).add(s);
            }
            if (optimizer && ckpt.done(s.index(), SeriesKind.OPTIMIZER) == null) {
                (c.layout().byRuns(c.normalization()) ? runsTodo : agentsTodo).add(s);
            }
        }
        // planned seconds (cost model), each Spark job of a whole sweep with its fixed overhead
        final double sdeWork = sdeTodo.isEmpty() ? 0
                : CostModel.JOB_S + work(sdeTodo, c -> CostModel.sdeSeconds(c, cores, 1));
        final double[] refineWork = new double[refineTodo.isEmpty() ? 0 : CostModel.TYPICAL_LEVELS];
        for (int l = 0; l < refineWork.length; l++) {
            refineWork[l] = CostModel.JOB_S + (1 << l) * work(refineTodo, c -> CostModel.sdeSeconds(c, cores, 1));
        }
        final double runsWork = runsTodo.isEmpty() ? 0
                : CostModel.JOB_S + work(runsTodo, c -> CostModel.optimizerSeconds(c, cores));
        final double agentsWork = work(agentsTodo, c -> CostModel.optimizerSeconds(c, cores));
        final Progress progress = new Progress("[" + exp.first().name() + "]",
                sdeWork + java.util.Arrays.stream(refineWork).sum() + runsWork + agentsWork);
        if (!sdeTodo.isEmpty()) {
            try (Progress.Watch w = progress.watch(spark.sparkContext(), "SDEs at dt0 (" + sdeTodo.size() + " series)",
                    sdeWork)) {
                markDone(ckpt, sdeTodo, SeriesKind.SDE, IntegrateJob.runAll(jsc, configs(sdeTodo)));
            }
        }
        if (!refineTodo.isEmpty()) {
            final long ts = System.nanoTime();
            final List<RefineJob.Result> res;
            try (Progress.Watch w = progress.watch(spark.sparkContext(), "SDEs resolved in dt (" + refineTodo.size()
                    + " series, one job per level)", refineWork)) {
                res = RefineJob.runAll(jsc, configs(refineTodo), false);
            }
            for (int i = 0; i < res.size(); i++) {
                final int idx = refineTodo.get(i).index();
                final Refinement ref = res.get(i).refinement();
                ckpt.markDone(idx, SeriesKind.SDE_RESOLVED, new CheckpointStore.Done(ref.resolved(), res.get(i).seconds(),
                        ref));
                ckpt.markDone(idx, SeriesKind.SDE, new CheckpointStore.Done(res.get(i).model(),
                        res.get(i).seconds() / ref.levels().size()));
            }
            LOG.info(String.format("[%s] resolved SDEs: %d series, %.1f s", exp.first().name(), res.size(),
                    (System.nanoTime() - ts) / 1e9));
        }
        if (!runsTodo.isEmpty()) {
            final long ts = System.nanoTime();
            final List<SeriesRows> res;
            try (Progress.Watch w = progress.watch(spark.sparkContext(), "optimizers, runs layout (" + runsTodo.size()
                    + " series in one job)", runsWork)) {
                res = RunParallel.runAll(jsc, configs(runsTodo));
            }
            LOG.info(String.format("[%s] runs layout: %d series in one job, %.1f s", exp.first().name(), res.size(),
                    (System.nanoTime() - ts) / 1e9));
            markDone(ckpt, runsTodo, SeriesKind.OPTIMIZER, res);
        }
        int agentsSeriesDone = 0;
        for (Series s : exp.series()) {
            final ExperimentConfig c = s.config();
            if (!optimizer || c.sde().enabled()) {
                final CheckpointStore.Done saved = ckpt.done(s.index(), SeriesKind.SDE);
                final RoundStats last = saved.rows().get(saved.rows().size() - 1);
                LOG.info(String.format("[%s %d/%d %s] SDE: %d paths, %.1f s, final loss_mean %.4g, diverged %d",
                        c.name(), s.index() + 1, n, s.label(), last.runs() + last.diverged(), saved.seconds(),
                        last.loss().mean(), last.diverged()));
                results.add(checked(s, SeriesKind.SDE, saved.rows(), saved.seconds(), null));
                final CheckpointStore.Done resolved = ckpt.done(s.index(), SeriesKind.SDE_RESOLVED);
                if (resolved != null) {
                    final Refinement ref = (Refinement) resolved.extra();
                    final Refinement.Summary sum = ref.summary();
                    LOG.info(String.format("[%s %d/%d %s] resolved SDE: %d levels, dt %.4g -> %.4g, %s (max change "
                            + "%.3g%% at %s), %.1f s", c.name(), s.index() + 1, n, s.label(), sum.levels(), sum.baseDt(),
                            sum.finestDt(), sum.converged() ? "converged" : "NOT converged", 100 * sum.lastChange(),
                            sum.worst(), resolved.seconds()));
                    results.add(checked(s, SeriesKind.SDE_RESOLVED, resolved.rows(), resolved.seconds(), ref));
                }
            }
            if (!optimizer) {
                continue;
            }
            final CheckpointStore.Done done = ckpt.done(s.index(), SeriesKind.OPTIMIZER);
            if (done != null) {
                final RoundStats last = done.rows().get(done.rows().size() - 1);
                LOG.info(String.format("[%s %d/%d %s] optimizer: %.1f s, final loss_mean %.4g, diverged %d/%d",
                        c.name(), s.index() + 1, n, s.label(), done.seconds(), last.loss().mean(), last.diverged(),
                        c.runs()));
                results.add(checked(s, SeriesKind.OPTIMIZER, done.rows(), done.seconds(), null));
                continue;
            }
            final long ts = System.nanoTime();
            final Simulation sim = new Simulation(c);
            final int logEvery = Math.max(c.recordEvery(), c.rounds() / 10);
            final String tag = (s.index() + 1) + "/" + n + " " + s.label();
            final List<RoundStats> rows;
            final int every = checkpointEvery >= 0 ? checkpointEvery : Math.max(1, c.rounds() / 10);
            final double seriesWork = CostModel.optimizerSeconds(c, cores);
            final int[] firstRound = {-1};
            agentsSeriesDone++;
            final String which = "agents layout, series " + agentsSeriesDone + "/" + agentsTodo.size();
            try (Aggregator agg = new SparkAggregator(jsc, c)) { // the agents layout: one Spark job per round
                rows = sim.run(agg, st -> {
                    if (firstRound[0] < 0) {
                        firstRound[0] = st.round(); // 0, or the round a resumed run starts from
                    }
                    final double f = (double) (st.round() - firstRound[0]) / Math.max(1, c.rounds() - firstRound[0]);
                    progress.log(String.format("%s round %d/%d  %.1f s  loss_mean %.4g  diverged %d/%d  (%s: %s)", tag,
                            st.round(), c.rounds(), (System.nanoTime() - ts) / 1e9, st.loss().mean(), st.diverged(),
                            c.runs(), which, Progress.series(st.round(), firstRound[0], c.rounds(), ts, System.nanoTime())),
                            f * seriesWork,
                            st.round() % logEvery == 0 || st.round() == c.rounds());
                }, ckpt.rounds(s.index(), SeriesKind.OPTIMIZER, every));
            }
            progress.advance(seriesWork);
            final double sec = (System.nanoTime() - ts) / 1e9;
            ckpt.markDone(s.index(), SeriesKind.OPTIMIZER, new CheckpointStore.Done(rows, sec));
            results.add(checked(s, SeriesKind.OPTIMIZER, rows, sec, null));
        }
        results.sort(java.util.Comparator.<SeriesResult>comparingInt(r -> r.series().index())
                .thenComparing(SeriesResult::kind));
        write(spark, exp, results, out, (System.nanoTime() - t0) / 1e9);
        if (extra != null) {
            extra.write(out, results);
        }
        out.commit();
        ckpt.delete();
        return results;
    }

    /** Share of a task's heap the agents' memory may take (Spark's default spark.memory.fraction). */
    static final double MEMORY_FRACTION = 0.6;

    /**
     * Refuses series whose agents' memory would not fit in a task ({@link MemoryBudget}), with the
     * layout each series runs in: the budget is {@value #MEMORY_FRACTION} of an executor's heap (the
     * driver's JVM in local mode) over its concurrent tasks.
     */
    static void checkMemory(JavaSparkContext jsc, ConfigLoader.Experiment exp) {
        final boolean local = jsc.master().startsWith("local");
        final long heap = local ? Runtime.getRuntime().maxMemory()
                : jsc.getConf().getSizeAsBytes("spark.executor.memory", "1g");
        final int tasks = local ? jsc.defaultParallelism() : jsc.getConf().getInt("spark.executor.cores", 1);
        final long budget = (long) (heap * MEMORY_FRACTION / Math.max(1, tasks));
        final String source = String.format(java.util.Locale.ROOT, "%s %.1f GB x %.1f / %d concurrent tasks",
                local ? "JVM heap" : "spark.executor.memory", heap / 1e9, MEMORY_FRACTION, tasks);
        int byRuns = 0;
        for (Series s : exp.series()) {
            byRuns += s.config().layout().byRuns(s.config().normalization()) ? 1 : 0;
        }
        for (Series s : exp.series()) {
            final ExperimentConfig c = s.config();
            final int vectors = new org.distsde.sim.AgentWorker(c).memoryVectors();
            if (vectors == 0) {
                continue;
            }
            final boolean runs = c.layout().byRuns(c.normalization());
            MemoryBudget.check(c.runs(), c.agents(), c.buildObjective().dim(), vectors, c.optimizer().id(), runs,
                    c.layout().runBlocks(c.runs(), jsc.defaultParallelism(), byRuns),
                    new org.distsde.sim.Blocks(c.agents(), c.layout().blocks(c.agents())),
                    c.layout().partitions(c.agents(), jsc.defaultParallelism()), budget, source);
        }
    }

    /** The planned seconds of a list of series. */
    private static double work(List<Series> ss, java.util.function.ToDoubleFunction<ExperimentConfig> cost) {
        double w = 0;
        for (Series s : ss) {
            final double v = cost.applyAsDouble(s.config());
            w += Double.isFinite(v) ? v : 0;
        }
        return w;
    }

    /** Marks each series of a one-job sweep done, with its rows and compute time. */
    private static void markDone(CheckpointStore ckpt, List<Series> ss, SeriesKind kind, List<SeriesRows> res) {
        for (int i = 0; i < res.size(); i++) {
            ckpt.markDone(ss.get(i).index(), kind, new CheckpointStore.Done(res.get(i).rows(), res.get(i).seconds()));
        }
    }

    private static List<ExperimentConfig> configs(List<Series> ss) {
        final List<ExperimentConfig> out = new ArrayList<>();
        for (Series s : ss) {
            out.add(s.config());
        }
        return out;
    }

    /** Identifies the resolved experiment (and the command) a checkpoint belongs to. */
    static String fingerprint(ConfigLoader.Experiment exp, boolean optimizer) {
        try {
            final byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(exp.tree().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return (optimizer ? "simulate:" : "integrate:") + java.util.HexFormat.of().formatHex(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the theorem checker on a series' rows. */
    static SeriesResult checked(Series s, SeriesKind kind, List<RoundStats> rows, double seconds, Refinement ref) {
        // the optimizer and the SDE at Δt = η are discrete processes: the theorem is about the resolved SDE,
        // whose discretisation error comes from the estimate one level coarser
        final Source source = switch (kind) {
            case OPTIMIZER -> Source.OPTIMIZER;
            case SDE -> s.config().sde().resolve() ? Source.SDE_MODEL : Source.of(kind.id(), s.config());
            case SDE_RESOLVED -> Source.SDE_RESOLVED;
        };
        final TheoremChecker.Report report = TheoremChecker.check(s.config(), Simulation.averages(s.config()), rows,
                source, ref != null ? ref.coarser() : null);
        return new SeriesResult(s, kind, rows, seconds, report, ref);
    }

    /**
     * The data of a result: metrics.csv and metrics.parquet (the table, {@link ResultTable}),
     * summary.json (the experiment, the resolved config, provenance and per series its final row and
     * the verdicts of its checks) and checks.json (every check in full, with its values at every
     * recorded time: the large arrays summary.json leaves out).
     */
    static void write(SparkSession spark, ConfigLoader.Experiment exp, List<SeriesResult> results, ResultDir out,
                      double wall) throws IOException {
        final ResultTable table = new ResultTable();
        for (SeriesResult r : results) {
            table.add(new ResultTable.Block(r.series().index(), r.series().label(), r.series().params(), r.kind(),
                    r.series().config().optimizer().id(), r.rows()));
        }
        out.writeString("metrics.csv", table.toCsv());
        table.writeParquet(spark, out.path("metrics.parquet").toString());
        final ObjectMapper m = ConfigLoader.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
        out.writeString("summary.json", m.writeValueAsString(summary(m, spark, exp, results, wall)));
        final ArrayNode checks = m.createArrayNode();
        for (SeriesResult r : results) {
            final ObjectNode c = checks.addObject();
            c.put("index", r.series().index());
            c.put("label", r.series().label());
            c.put("kind", r.kind().id());
            c.set("checks", m.valueToTree(r.checks()));
        }
        out.writeString("checks.json", m.writeValueAsString(checks));
    }

    /** The per-time arrays of a check, which checks.json keeps and summary.json leaves out. */
    static final List<String> CHECK_ARRAYS = List.of("points", "values");

    static ObjectNode summary(ObjectMapper m, SparkSession spark, ConfigLoader.Experiment exp,
                              List<SeriesResult> results, double wall) {
        final ObjectNode root = m.createObjectNode();
        final ExperimentConfig first = exp.first();
        root.put("name", first.name());
        root.put("description", first.description());
        root.put("seed", first.seed());
        root.set("config", exp.tree());
        root.set("versions", m.valueToTree(Versions.all(spark.version())));
        root.put("wallSeconds", wall);
        root.put("checksFile", "checks.json");
        final ArrayNode arr = root.putArray("series");
        for (SeriesResult r : results) {
            final ExperimentConfig c = r.series().config();
            final ObjectNode s = arr.addObject();
            s.put("index", r.series().index());
            s.put("label", r.series().label());
            s.put("kind", r.kind().id());
            s.put("optimizer", c.optimizer().id());
            s.set("params", m.valueToTree(r.series().params()));
            s.put("agents", c.agents());
            final boolean sde = r.kind().sde();
            final SdeSimulation probe = sde ? new SdeSimulation(c) : null;
            s.put("runs", sde ? probe.paths() : c.runs());
            s.put("rounds", c.rounds());
            final int d = c.buildObjective().dim();
            s.put("dim", d);
            s.put("seconds", r.seconds());
            // resolved SDE: the steps of every level integrated, (2^levels − 1) times level 0's
            final double levelSteps = r.refinement() == null ? 1 : (1L << r.refinement().levels().size()) - 1;
            final double work = sde ? (double) probe.paths() * probe.steps() * levelSteps * d
                    : (double) c.runs() * c.rounds() * d * c.agents();
            s.put("throughput", work / r.seconds());
            final RoundStats last = r.rows().get(r.rows().size() - 1);
            final ObjectNode fin = s.putObject("final");
            for (RoundSchema.Column col : RoundSchema.of(last.coordinates())) {
                final double x = col.value().applyAsDouble(last);
                if (Double.isFinite(x)) {
                    fin.put(col.name(), x);
                } else {
                    fin.put(col.name(), Double.toString(x));
                }
            }
            if (r.refinement() != null) {
                s.set("refinement", m.valueToTree(r.refinement().summary()));
            }
            final Tracking tr = tracking(results, r);
            if (tr != null) {
                s.set("tracking", m.valueToTree(tr));
            }
            if (r.checks() != null) {
                s.set("checks", compact(m.valueToTree(r.checks())));
            }
        }
        return root;
    }

    /** A check without its per-time arrays ({@link #CHECK_ARRAYS}, kept in checks.json). */
    static JsonNode compact(JsonNode check) {
        final ObjectNode c = ((ObjectNode) check).deepCopy();
        c.remove(CHECK_ARRAYS);
        for (JsonNode b : c.path("bounds")) {
            ((ObjectNode) b).remove(CHECK_ARRAYS);
        }
        return c;
    }

    /** An SDE series' tracking of its optimizer (same series index), or null. */
    public static Tracking tracking(List<SeriesResult> results, SeriesResult r) {
        if (!r.kind().sde()) {
            return null;
        }
        for (SeriesResult o : results) {
            if (o.kind() == SeriesKind.OPTIMIZER && o.series().index() == r.series().index()) {
                return Tracking.of(o.rows(), r.rows());
            }
        }
        return null;
    }
}
