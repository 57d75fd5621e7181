package org.distsde.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.Series;
import org.distsde.io.CheckpointStore;
import org.distsde.io.ResultDir;
import org.distsde.io.ResultTable;
import org.distsde.sim.Aggregator;
import org.distsde.sim.MemoryBudget;
import org.distsde.sim.RoundStats;
import org.distsde.sde.SdeSimulation;
import org.distsde.sde.refine.Refinement;
import org.distsde.sim.Simulation;
import org.distsde.sim.Tracking;
import org.distsde.report.ChecksText;
import org.distsde.theory.Source;
import org.distsde.theory.TheoremChecker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code simulate} and {@code integrate} jobs: every series of an experiment is simulated with
 * the agents spread over Spark partitions ({@link SparkAggregator}, or whole trajectories per task,
 * {@link RunParallel}) and/or its SDE integrated over paths ({@link IntegrateJob}); each result is
 * checked against its theorem ({@link TheoremChecker}); the metrics table (CSV and Parquet), the
 * checks and a JSON summary are written atomically to the output path.
 */
public final class SimulateJob {
    private static final Logger LOG = LoggerFactory.getLogger(SimulateJob.class);

    private SimulateJob() { }

    /**
     * A series' results, for the summary; {@code refinement} is set for the resolved SDE
     * (kind {@code sde-resolved}).
     */
    public record SeriesResult(Series series, String kind, List<RoundStats> rows, double seconds, Object checks,
                               Refinement refinement) { }

    /**
     * Runs the experiment and writes {@code out}. The output path was validated by the caller
     * (through {@link ResultDir#open}).
     */
    public static List<SeriesResult> run(SparkSession spark, ConfigLoader.Experiment exp, ResultDir out)
            throws IOException {
        return run(spark, exp, out, true, false, -1);
    }

    public static List<SeriesResult> run(SparkSession spark, ConfigLoader.Experiment exp, ResultDir out,
                                         boolean optimizer) throws IOException {
        return run(spark, exp, out, optimizer, false, -1);
    }

    /**
     * @param optimizer true for {@code simulate} (the optimizer, plus the SDE of series with
     *                  {@code sde.enabled}), false for {@code integrate} (the SDE only)
     */
    public static List<SeriesResult> run(SparkSession spark, ConfigLoader.Experiment exp, ResultDir out,
                                         boolean optimizer, boolean resume, int checkpointEvery) throws IOException {
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
        final List<SeriesResult> results = new ArrayList<>();
        final int n = exp.series().size();
        // every SDE, and every optimizer series in the runs layout, of the sweep in one Spark job each
        final List<Series> sdeTodo = new ArrayList<>(), refineTodo = new ArrayList<>(), runsTodo = new ArrayList<>();
        for (Series s : exp.series()) {
            final ExperimentConfig c = s.config();
            if ((!optimizer || c.sde().enabled()) && ckpt.done(s.index(), "sde") == null) {
                (c.sde().resolve() ? refineTodo : sdeTodo).add(s);
            }
            if (optimizer && c.layout().byRuns(c.normalization()) && ckpt.done(s.index(), "optimizer") == null) {
                runsTodo.add(s);
            }
        }
        if (!sdeTodo.isEmpty()) {
            markDone(ckpt, sdeTodo, "sde", IntegrateJob.runAll(jsc, configs(sdeTodo)));
        }
        if (!refineTodo.isEmpty()) {
            final long ts = System.nanoTime();
            final List<RefineJob.Result> res = RefineJob.runAll(jsc, configs(refineTodo), false);
            for (int i = 0; i < res.size(); i++) {
                final int idx = refineTodo.get(i).index();
                final Refinement ref = res.get(i).refinement();
                ckpt.markDone(idx, "sde-resolved", new CheckpointStore.Done(ref.resolved(), res.get(i).seconds(), ref));
                ckpt.markDone(idx, "sde", new CheckpointStore.Done(res.get(i).model(),
                        res.get(i).seconds() / ref.levels().size()));
            }
            LOG.info(String.format("[%s] resolved SDEs: %d series, %.1f s", exp.first().name(), res.size(),
                    (System.nanoTime() - ts) / 1e9));
        }
        if (!runsTodo.isEmpty()) {
            final long ts = System.nanoTime();
            final List<SeriesRows> res = RunParallel.runAll(jsc, configs(runsTodo));
            LOG.info(String.format("[%s] runs layout: %d series in one job, %.1f s", exp.first().name(), res.size(),
                    (System.nanoTime() - ts) / 1e9));
            markDone(ckpt, runsTodo, "optimizer", res);
        }
        int agentsTotal = 0; // optimizer series still to run in the agents layout, for the sweep's progress
        for (Series s : exp.series()) {
            if (optimizer && ckpt.done(s.index(), "optimizer") == null) {
                agentsTotal++;
            }
        }
        final int agentsAll = agentsTotal;
        int agentsSeriesDone = 0;
        final long tAgents = System.nanoTime();
        for (Series s : exp.series()) {
            final ExperimentConfig c = s.config();
            if (!optimizer || c.sde().enabled()) {
                final CheckpointStore.Done saved = ckpt.done(s.index(), "sde");
                final RoundStats last = saved.rows().get(saved.rows().size() - 1);
                LOG.info(String.format("[%s %d/%d %s] SDE: %d paths, %.1f s, final loss_mean %.4g, diverged %d",
                        c.name(), s.index() + 1, n, s.label(), last.runs() + last.diverged(), saved.seconds(),
                        last.lossMean(), last.diverged()));
                results.add(checked(s, "sde", saved.rows(), saved.seconds(), null));
                final CheckpointStore.Done resolved = ckpt.done(s.index(), "sde-resolved");
                if (resolved != null) {
                    final Refinement ref = (Refinement) resolved.extra();
                    final Refinement.Summary sum = ref.summary();
                    LOG.info(String.format("[%s %d/%d %s] resolved SDE: %d levels, dt %.4g -> %.4g, %s (max change "
                            + "%.3g%% at %s), %.1f s", c.name(), s.index() + 1, n, s.label(), sum.levels(), sum.baseDt(),
                            sum.finestDt(), sum.converged() ? "converged" : "NOT converged", 100 * sum.lastChange(),
                            sum.worst(), resolved.seconds()));
                    results.add(checked(s, "sde-resolved", resolved.rows(), resolved.seconds(), ref));
                }
            }
            if (!optimizer) {
                continue;
            }
            final CheckpointStore.Done done = ckpt.done(s.index(), "optimizer");
            if (done != null) {
                final RoundStats last = done.rows().get(done.rows().size() - 1);
                LOG.info(String.format("[%s %d/%d %s] optimizer: %.1f s, final loss_mean %.4g, diverged %d/%d",
                        c.name(), s.index() + 1, n, s.label(), done.seconds(), last.lossMean(), last.diverged(),
                        c.runs()));
                results.add(checked(s, "optimizer", done.rows(), done.seconds(), null));
                continue;
            }
            final long ts = System.nanoTime();
            final Simulation sim = new Simulation(c);
            final int logEvery = Math.max(c.recordEvery(), c.rounds() / 10);
            final String tag = "[" + c.name() + " " + (s.index() + 1) + "/" + n + " " + s.label() + "]";
            final List<RoundStats> rows;
            final int every = checkpointEvery >= 0 ? checkpointEvery : Math.max(1, c.rounds() / 10);
            final int agentsDone = agentsSeriesDone;
            final int[] firstRound = {-1};
            try (Aggregator agg = new SparkAggregator(jsc, c)) { // the agents layout: one Spark job per round
                rows = sim.run(agg, st -> {
                    if (firstRound[0] < 0) {
                        firstRound[0] = st.round(); // 0, or the round a resumed run starts from
                    }
                    if (st.round() % logEvery == 0 || st.round() == c.rounds()) {
                        LOG.info(String.format("%s round %d/%d  %.1f s  loss_mean %.4g  diverged %d/%d  %s", tag,
                                st.round(), c.rounds(), (System.nanoTime() - ts) / 1e9, st.lossMean(),
                                st.diverged(), c.runs(), Progress.line(st.round(), firstRound[0], c.rounds(), ts,
                                        agentsDone, agentsAll, tAgents)));
                    }
                }, ckpt.rounds(s.index(), "optimizer", every));
            }
            agentsSeriesDone++;
            final double sec = (System.nanoTime() - ts) / 1e9;
            ckpt.markDone(s.index(), "optimizer", new CheckpointStore.Done(rows, sec));
            results.add(checked(s, "optimizer", rows, sec, null));
        }
        results.sort((a, b) -> a.series().index() != b.series().index()
                ? Integer.compare(a.series().index(), b.series().index()) : a.kind().compareTo(b.kind()));
        write(spark, exp, results, out, (System.nanoTime() - t0) / 1e9);
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

    /** Marks each series of a one-job sweep done, with its rows and compute time. */
    private static void markDone(CheckpointStore ckpt, List<Series> ss, String kind, List<SeriesRows> res) {
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
    static SeriesResult checked(Series s, String kind, List<RoundStats> rows, double seconds, Refinement ref) {
        // the optimizer and the SDE at Δt = η are discrete processes: the theorem is about the resolved SDE,
        // whose discretisation error comes from the estimate one level coarser
        final Source source = ref != null ? Source.SDE_RESOLVED
                : kind.equals("sde") && s.config().sde().resolve() ? Source.SDE_MODEL : Source.of(kind, s.config());
        final TheoremChecker.Report report = TheoremChecker.check(s.config(), Simulation.averages(s.config()), rows,
                source, ref != null ? ref.coarser() : null);
        return new SeriesResult(s, kind, rows, seconds, report, ref);
    }

    /** One line per series: the theorem, how often its condition held, and the verdict. */
    public static String checksTable(List<SeriesResult> results) {
        final StringBuilder b = new StringBuilder(String.format("%-4s %-12s %-10s %-10s %s%n", "#", "kind", "theorem",
                "condition", "verdict"));
        for (SeriesResult r : results) {
            final TheoremChecker.Report rep = (TheoremChecker.Report) r.checks();
            final var cond = rep.condition();
            b.append(String.format("%-4d %-12s %-10s %-10s %s%n", r.series().index(), r.kind(),
                    rep.theorem().length() > 10 ? rep.theorem().substring(0, 10) : rep.theorem(),
                    cond.applicable() ? String.format("%d/%d", cond.held(), cond.points()) : "n/a", rep.summary()));
        }
        return b.toString();
    }

    static void write(SparkSession spark, ConfigLoader.Experiment exp, List<SeriesResult> results, ResultDir out,
                      double wall) throws IOException {
        final ResultTable table = new ResultTable();
        for (SeriesResult r : results) {
            table.add(new ResultTable.Block(r.series().index(), r.series().label(), r.kind(),
                    r.series().config().optimizer().id(), r.rows()));
        }
        out.writeString("metrics.csv", table.toCsv());
        writeParquet(spark, table, out);
        out.writeString("summary.json", summary(spark, exp, results, wall));
        final StringBuilder checks = new StringBuilder();
        for (SeriesResult r : results) {
            checks.append(r.series().label()).append(" / ").append(r.kind()).append('\n');
            if (r.refinement() != null) {
                checks.append(resolution(r.refinement().summary()));
            }
            checks
                    .append(ChecksText.render((TheoremChecker.Report) r.checks(), 12)).append('\n');
        }
        out.writeString("checks.txt", checks.toString());
        out.commit();
    }

    static void writeParquet(SparkSession spark, ResultTable table, ResultDir out) {
        final String[] h = table.header();
        final int k = table.coordinates();
        final List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(h[0], DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(h[1], DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(h[2], DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(h[3], DataTypes.StringType, false));
        for (int i = 4; i < h.length; i++) {
            final boolean integral = h[i].equals("round") || h[i].equals("runs") || h[i].equals("diverged");
            fields.add(DataTypes.createStructField(h[i], integral ? DataTypes.LongType : DataTypes.DoubleType, false));
        }
        final List<Row> rows = new ArrayList<>();
        for (ResultTable.Block b : table.blocks()) {
            for (RoundStats s : b.rows()) {
                final Object[] v = new Object[h.length];
                v[0] = b.series();
                v[1] = b.label();
                v[2] = b.kind();
                v[3] = b.optimizer();
                final double[] d = s.values(k);
                for (int i = 0; i < d.length; i++) {
                    final String col = h[i + 4];
                    final boolean integral = col.equals("round") || col.equals("runs") || col.equals("diverged");
                    v[i + 4] = integral ? (Object) (long) d[i] : (Object) d[i];
                }
                rows.add(RowFactory.create(v));
            }
        }
        final Dataset<Row> df = spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0])));
        df.coalesce(1).write().parquet(out.path("metrics.parquet").toString());
    }

    static String summary(SparkSession spark, ConfigLoader.Experiment exp, List<SeriesResult> results, double wall)
            throws IOException {
        final ObjectMapper m = ConfigLoader.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
        final ObjectNode root = m.createObjectNode();
        final ExperimentConfig first = exp.first();
        root.put("name", first.name());
        root.put("description", first.description());
        root.put("seed", first.seed());
        root.set("config", exp.tree());
        root.set("versions", m.valueToTree(Versions.all(spark.version())));
        root.put("wallSeconds", wall);
        final ArrayNode arr = root.putArray("series");
        for (SeriesResult r : results) {
            final ExperimentConfig c = r.series().config();
            final ObjectNode s = arr.addObject();
            s.put("index", r.series().index());
            s.put("label", r.series().label());
            s.put("kind", r.kind());
            s.put("optimizer", c.optimizer().id());
            s.set("params", m.valueToTree(r.series().params()));
            s.put("agents", c.agents());
            final boolean sde = r.kind().startsWith("sde");
            s.put("runs", sde ? new SdeSimulation(c).paths() : c.runs());
            s.put("rounds", c.rounds());
            s.put("dim", c.buildObjective().dim());
            s.put("seconds", r.seconds());
            // resolved SDE: the steps of every level integrated, (2^levels − 1) times level 0's
            final double levelSteps = r.refinement() == null ? 1 : (1L << r.refinement().levels().size()) - 1;
            final double work = sde
                    ? (double) new SdeSimulation(c).paths() * new SdeSimulation(c).steps() * levelSteps
                    * c.buildObjective().dim()
                    : (double) c.runs() * c.rounds() * c.buildObjective().dim() * c.agents();
            s.put("throughput", work / r.seconds());
            final RoundStats last = r.rows().get(r.rows().size() - 1);
            final ObjectNode fin = s.putObject("final");
            final double[] v = last.values();
            final String[] cols = RoundStats.columns(last.coordinates());
            for (int i = 0; i < v.length; i++) {
                final double x = v[i];
                if (Double.isFinite(x)) {
                    fin.put(cols[i], x);
                } else {
                    fin.put(cols[i], Double.toString(x));
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
                s.set("checks", m.valueToTree(r.checks()));
            }
        }
        return m.writeValueAsString(root);
    }

    /** One line on the Δt resolution of a resolved SDE series. */
    static String resolution(Refinement.Summary r) {
        return String.format(java.util.Locale.ROOT, "  dt resolution (%s): %d levels, dt %.4g -> %.4g, %s (largest change "
                + "%.3g%% at %s, tolerance %.3g%%); final loss_mean %.6g, discretisation error %.3g +- %.2g (SE), "
                + "Richardson %.6g, fitted weak order %.3f [%.3f, %.3f]%n", r.scheme(), r.levels(), r.baseDt(),
                r.finestDt(), r.converged() ? "converged" : "NOT converged", 100 * r.lastChange(), r.worst(),
                100 * r.tolerance(), r.finalLoss(), r.discretisationError(), r.discretisationSe(), r.richardson(),
                r.order().order(), r.order().lo(), r.order().hi());
    }

    /** Writes nothing; used by the CLI to report per-series wall times. */
    public static String describe(List<SeriesResult> results) {
        final StringBuilder b = new StringBuilder();
        for (SeriesResult r : results) {
            final RoundStats last = r.rows().get(r.rows().size() - 1);
            b.append(String.format("%-4d %-12s %-40s %9.2f s  final loss_mean %-11.4g diverged %d/%d",
                    r.series().index(), r.kind(), r.series().label(), r.seconds(), last.lossMean(),
                    last.diverged(), last.runs() + last.diverged()));
            final Tracking t = tracking(results, r);
            if (t != null && t.rows() > 0) {
                b.append(String.format(java.util.Locale.ROOT, "   tracks the optimizer: mean |dlog E f| %.3g +- %.2g",
                        t.meanAbsLogDiff(), t.se()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** An SDE series' tracking of its optimizer (same series index), or null. */
    static Tracking tracking(List<SeriesResult> results, SeriesResult r) {
        if (!r.kind().startsWith("sde")) {
            return null;
        }
        for (SeriesResult o : results) {
            if (o.kind().equals("optimizer") && o.series().index() == r.series().index()) {
                return Tracking.of(o.rows(), r.rows());
            }
        }
        return null;
    }
}
