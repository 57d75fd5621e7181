package org.distsde.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.Series;
import org.distsde.sde.SdeSimulation;
import org.distsde.sim.Aggregator;
import org.distsde.sim.Simulation;
import org.distsde.spark.Dispatch;
import org.distsde.spark.IntegrateJob;
import org.distsde.spark.RunParallel;
import org.distsde.spark.SeriesRows;
import org.distsde.spark.SparkAggregator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: times the Appendix B workloads (N = 10, 1000 iterations, runs 1000 / 1000 / 10000,
 * the configs' x₀, η, σ, ω, ν and a "max1" normalization) through the same job code a user runs,
 * and — when python3 with numpy is there — NumPy peers in the same invocation: the project's own
 * {@code bench/numpy/bench.py} and, with {@code --reference-dir}, an independent one with the same
 * interface (such as ../shared/perf-reference, where that exists); the ratio is against the faster
 * peer on each workload. The load average is recorded at the start and the end. Per workload: median wall time of
 * the reps after warm-up runs (3, quick: 1; the JVM compiles Spark's job path over several jobs),
 * throughput (agent-gradient-coordinates/s; SDE: path-steps·d/s), where the job ran
 * ({@code layout.engine}, {@code --engine}: small workloads on the driver by default), the job
 * overhead share (wall − compute time, over wall; compute time = Σ task run time / slots on Spark,
 * Σ block time / threads on the driver), peak heap, and the ratio to NumPy. Plus the per-round cost
 * of the agents layout with no work. {@code --cores 1,2} repeats everything on local[1] and local[2]
 * (the NumPy peers run once) and prints each workload's parallel efficiency. Nothing here is a test.
 */
@Command(name = "bench", sortOptions = false,
        description = {"time the Appendix B workloads against the NumPy reference (see README, Benchmarks)"})
public final class BenchCommand extends Verb {
    static final List<String> ALL = List.of("b1", "b2", "b3", "adamw", "ef21-topk", "sde-dsgd", "sde-dcsgd", "sde-dsign",
            "sde-dsgd-fine");
    /** sde-dsgd-fine: sde-dsgd at Δt = η/FINE over the same horizon. */
    static final int FINE = 16;

    @Option(names = "--quick", description = "scale every workload down (about 20 s)")
    boolean quick;

    @Option(names = "--workloads", split = ",", paramLabel = "<w>",
            description = "comma-separated subset of b1,b2,b3,adamw,ef21-topk,sde-dsgd,sde-dcsgd,sde-dsign,sde-dsgd-fine "
                    + "(default all)")
    List<String> names = new ArrayList<>(ALL);

    @Option(names = "--reps", paramLabel = "N", defaultValue = "3", description = "timed runs per workload (default ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--warmup", paramLabel = "N", description = "untimed runs first (default 3, --quick 1)")
    Integer warmupOpt;

    @Option(names = "--b2-iters", paramLabel = "N", description = "iterations of b2 (default 50; its SDE 200)")
    Integer b2Iters;

    @Option(names = "--json", paramLabel = "<file>", description = "also write the figures as JSON")
    String json;

    @Option(names = "--conf-dir", paramLabel = "<dir>", defaultValue = "conf",
            description = "where the fig1 configs are (default ${DEFAULT-VALUE})")
    String confDir;

    @Option(names = "--reference-dir", paramLabel = "<dir>",
            description = "also an independent NumPy peer with the same bench.py interface; the ratio is "
                    + "against the faster peer")
    String refDir;

    @Option(names = "--numpy-dir", paramLabel = "<dir>", defaultValue = "bench/numpy",
            description = "the project's own NumPy peer (default ${DEFAULT-VALUE})")
    String numpyDir;

    @Option(names = "--no-reference", description = "skip the NumPy peers")
    boolean noReference;

    @Option(names = "--cores", split = ",", paramLabel = "<n>",
            description = "run every workload on local[n] for each n (e.g. 1,2) and print each workload's parallel "
                    + "efficiency, throughput(n)/((n/n0)·throughput(n0)) against the smallest n0")
    List<Integer> cores;

    @Option(names = "--engine", paramLabel = "<e>", defaultValue = "auto",
            description = "layout.engine of the workloads: auto (small ones on the driver), driver or spark "
                    + "(default ${DEFAULT-VALUE})")
    String engine;

    /** One workload: its experiment (series) and whether it is the SDE. */
    record Workload(String name, ConfigLoader.Experiment exp, boolean sde, int runs, int iters) {
        double work() {
            double w = 0;
            for (Series s : exp.series()) {
                final ExperimentConfig c = s.config();
                final int d = c.buildObjective().dim();
                w += sde ? (double) new SdeSimulation(c).paths() * new SdeSimulation(c).steps() * d
                        : (double) c.runs() * c.rounds() * d * c.agents();
            }
            return w;
        }
    }

    @Override
    protected int run() throws Exception {
        range("--reps", reps, 1, Integer.MAX_VALUE);
        if (warmupOpt != null) {
            range("--warmup", warmupOpt, 1, Integer.MAX_VALUE);
        }
        if (b2Iters != null) {
            range("--b2-iters", b2Iters, 1, Integer.MAX_VALUE);
        }
        for (String n : names) {
            if (!ALL.contains(n)) {
                throw new ConfigException("--workloads: unknown workload '" + n + "' (" + ALL + ")");
            }
        }
        if (!List.of("auto", "driver", "spark").contains(engine)) {
            throw new ConfigException("--engine must be auto, driver or spark (got '" + engine + "')");
        }
        final ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        final ObjectNode root = m.createObjectNode();
        final Map<String, JsonNode> peers = new HashMap<>(); // each NumPy peer once per workload, whatever the cores
        if (cores == null || cores.isEmpty()) {
            withSpark("distsde-bench", spark -> bench(spark, out(), root, peers, false));
        } else {
            for (int c : cores) {
                range("--cores", c, 1, 4096);
            }
            final List<Integer> cs = new ArrayList<>(new java.util.TreeSet<>(cores));
            for (int c : cs) {
                out().println();
                out().println("## local[" + c + "]");
                withSpark("distsde-bench", "local[" + c + "]", spark -> bench(spark, out(), root, peers, true));
            }
            efficiency(root, out());
        }
        if (json != null) {
            Files.writeString(Path.of(json), m.writeValueAsString(root));
            out().println("wrote " + json);
        }
        return 0;
    }

    /**
     * Each workload's parallel efficiency from the rows of every core count: throughput(n) over
     * (n/n0)·throughput(n0), n0 the smallest slot count measured (1 is perfect scaling).
     */
    static void efficiency(ObjectNode root, PrintStream out) {
        final ArrayNode eff = root.putArray("efficiency");
        final Map<String, double[]> base = new java.util.LinkedHashMap<>(); // workload -> {slots, throughput}
        for (JsonNode r : root.path("workloads")) {
            final double[] b = base.get(r.path("workload").asText());
            if (b == null || r.path("slots").asInt() < b[0]) {
                base.put(r.path("workload").asText(), new double[] {r.path("slots").asInt(), r.path("throughput").asDouble()});
            }
        }
        out.println();
        out.println("| workload | slots | throughput | parallel efficiency |");
        out.println("|---|---|---|---|");
        for (JsonNode r : root.path("workloads")) {
            final double[] b = base.get(r.path("workload").asText());
            final int n = r.path("slots").asInt();
            final double e = r.path("throughput").asDouble() / (n / b[0] * b[1]);
            final ObjectNode o = eff.addObject();
            o.put("workload", r.path("workload").asText());
            o.put("slots", n);
            o.put("baseSlots", (int) b[0]);
            o.put("efficiency", e);
            out.printf(Locale.ROOT, "| %s | %d | %.1f M/s | %.2f |%n", r.path("workload").asText(), n,
                    r.path("throughput").asDouble() / 1e6, e);
        }
    }

    private int bench(SparkSession spark, PrintStream out, ObjectNode root, Map<String, JsonNode> peers,
                      boolean byCores) throws Exception {
        final int warmup = warmupOpt != null ? warmupOpt : quick ? 1 : 3;
        final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        final TaskTime taskTime = new TaskTime();
        spark.sparkContext().addSparkListener(taskTime);
        final int slots = jsc.defaultParallelism();
        // the NumPy peers: the project's own (bench/numpy) and --reference-dir, an independent cross-check
        final List<Peer> available = new ArrayList<>();
        for (Peer p : peers()) {
            if (numpyAvailable(p.dir())) {
                available.add(p);
            } else if (peers.isEmpty()) {
                out.println("NumPy peer " + p.name() + " not available (python3 with numpy and " + p.dir()
                        + "/bench.py needed)");
            }
        }
        if (peers.isEmpty()) {
            for (Peer p : available) {
                out.println("NumPy peer " + p.name() + ": " + p.dir() + "/bench.py");
            }
        }
        final ObjectMapper m = new ObjectMapper();
        root.put("quick", quick);
        root.put("reps", reps);
        root.put("warmup", warmup);
        root.put("engine", engine);
        root.put("java", System.getProperty("java.version"));
        root.put("spark", spark.version());
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        if (!root.has("loadAverageStart")) {
            root.put("loadAverageStart", loadAverage());
        }
        final double perRound = perRoundOverhead(jsc, out);
        if (!root.has("perRoundOverheadMs")) {
            root.put("slots", slots);
            root.put("perRoundOverheadMs", perRound);
        }
        if (byCores) {
            root.withArray("cores").add(slots);
            final ObjectNode by = root.has("perRoundOverheadMsBySlots") ? (ObjectNode) root.get("perRoundOverheadMsBySlots")
                    : root.putObject("perRoundOverheadMsBySlots");
            by.put(Integer.toString(slots), perRound);
        }
        final ArrayNode rows = root.withArray("workloads");
        out.println();
        out.printf(Locale.ROOT, "load average %.2f%n", loadAverage());
        out.println();
        out.println("| workload | slots | engine | runs | iters | configs | median wall | throughput | job overhead | peak heap | NumPy (own) | NumPy (reference) | ratio to the faster |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String name : names) {
            final Workload w = workload(name, Path.of(confDir), quick, b2Iters, engine);
            final double[] times = new double[reps];
            for (int i = 0; i < warmup; i++) { // the JIT compiles Spark's job path over several jobs
                run(jsc, w);
            }
            resetPeaks();
            double overhead = 0;
            String where = "";
            for (int r = 0; r < reps; r++) {
                taskTime.reset();
                final long t0 = System.nanoTime();
                final List<SeriesRows> res = run(jsc, w);
                times[r] = (System.nanoTime() - t0) / 1e9;
                final Dispatch d = res.get(0).dispatch();
                where = d.engine();
                // compute time: the tasks' run time over the slots (Spark), the blocks' time over the threads (driver)
                double compute = taskTime.seconds() / slots;
                if (d.onDriver()) {
                    compute = 0;
                    for (SeriesRows sr : res) {
                        compute += sr.seconds();
                    }
                }
                overhead += Math.max(0, times[r] - compute) / times[r];
            }
            final double med = median(times);
            final double thr = w.work() / med;
            final ObjectNode row = rows.addObject();
            row.put("workload", name);
            row.put("slots", slots);
            row.put("engine", where);
            row.put("runs", w.runs());
            row.put("iters", w.iters());
            row.put("configs", w.exp().series().size());
            row.put("medianSeconds", med);
            row.set("seconds", m.valueToTree(times));
            row.put("throughput", thr);
            row.put("unit", w.sde() ? "path-steps*d/s" : "agent-gradient-coordinates/s");
            row.put("sparkOverheadShare", overhead / reps);
            row.put("peakHeapMiB", peakHeap() / 1048576.0);
            final String ref = peerColumns(name, w, available, peers, row, thr);
            out.printf(Locale.ROOT, "| %s | %d | %s | %d | %d | %d | %.3f s | %.1f M/s | %.0f%% | %.0f MiB %s%n", name,
                    slots, where, w.runs(), w.iters(), w.exp().series().size(), med, thr / 1e6, 100 * overhead / reps,
                    peakHeap() / 1048576.0, ref);
        }
        spark.sparkContext().removeSparkListener(taskTime);
        root.put("loadAverageEnd", loadAverage());
        // the kernels in use by the end (plain until the Vector API code is compiled: same numbers, slower)
        root.put("rngKernel", new org.distsde.rng.GaussianBlocks(0, 0).kernel());
        root.put("sdeStepKernel", SdeSimulation.stepKernel());
        out.printf(Locale.ROOT, "load average %.2f%n", loadAverage());
        return 0;
    }

    /** A NumPy peer: "own" (bench/numpy) or "reference" (--reference-dir). */
    record Peer(String name, Path dir) { }

    /** The peers asked for: the project's own unless --no-reference, and --reference-dir when given. */
    List<Peer> peers() {
        final List<Peer> ps = new ArrayList<>();
        if (!noReference) {
            ps.add(new Peer("own", Path.of(numpyDir)));
            if (refDir != null) {
                ps.add(new Peer("reference", Path.of(refDir)));
            }
        }
        return ps;
    }

    /**
     * Runs each available peer on a workload once per invocation (cached in {@code done} under
     * "peer/workload", whatever the cores), records them in the row ({@code numpy.own},
     * {@code numpy.reference}; {@code numpyThroughput}, {@code numpyPeer} and {@code ratio} for the
     * faster) and returns the table's last three columns.
     */
    private String peerColumns(String name, Workload w, List<Peer> available, Map<String, JsonNode> done, ObjectNode row,
                               double thr) {
        final String[] cols = {"-", "-"};
        double best = 0;
        String bestPeer = null;
        JsonNode bestNode = null;
        for (Peer p : available) {
            if (p.name().equals("reference") && name.equals("sde-dsgd-fine")) {
                continue; // the independent reference has no sde-dsgd-fine
            }
            final String key = p.name() + "/" + name;
            final JsonNode np = done.containsKey(key) ? done.get(key)
                    : numpy(p.dir(), name, w.runs(), w.iters(), Math.max(1, Math.min(reps, 3)));
            done.put(key, np);
            if (np == null) {
                continue;
            }
            final double t = np.path("throughput_per_s").asDouble();
            row.with("numpy").putObject(p.name()).put("medianSeconds", np.path("median_total_seconds").asDouble())
                    .put("throughput", t);
            cols[p.name().equals("own") ? 0 : 1] = String.format(Locale.ROOT, "%.3f s, %.1f M/s",
                    np.path("median_total_seconds").asDouble(), t / 1e6);
            if (t > best) {
                best = t;
                bestPeer = p.name();
                bestNode = np;
            }
        }
        if (bestNode == null) {
            return "| - | - | - |";
        }
        row.put("numpyPeer", bestPeer);
        row.put("numpyMedianSeconds", bestNode.path("median_total_seconds").asDouble());
        row.put("numpyThroughput", best);
        row.put("ratio", thr / best);
        return String.format(Locale.ROOT, "| %s | %s | %.2f× (%s) |", cols[0], cols[1], thr / best, bestPeer);
    }

    /** The system load average over the last minute (−1 where the JVM cannot tell). */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The workloads at the reference's settings (quick: scaled down). */
    static Workload workload(String name, Path conf, boolean quick, Integer b2Iters) {
        return workload(name, conf, quick, b2Iters, "auto");
    }

    /** As {@link #workload(String, Path, boolean, Integer)} with {@code layout.engine} set. */
    static Workload workload(String name, Path conf, boolean quick, Integer b2Iters, String engine) {
        final boolean sde = name.startsWith("sde-");
        final boolean fine = name.endsWith("-fine");
        final String base = sde ? name.substring(4, fine ? name.length() - 5 : name.length()) : name;
        final String file = switch (base) {
            case "b1", "dsgd" -> "fig1-b1-dsgd.json";
            case "b2", "dcsgd" -> "fig1-b2-dcsgd.json";
            case "adamw" -> "bench-adamw.json";
            case "ef21-topk" -> "bench-ef21-topk.json";
            default -> "fig1-b3-dsignsgd.json";
        };
        final boolean two = file.contains("b2") || file.contains("adamw") || file.contains("ef21"); // d = 1000: 50 iterations
        final boolean three = file.contains("b3");
        int runs = three ? 10_000 : 1000;
        int iters = two ? (b2Iters != null ? b2Iters : sde ? 200 : 50) : 1000;
        if (quick) {
            runs = Math.max(20, runs / 50);
            iters = two ? 5 : 100;
        }
        final List<String> sets = new ArrayList<>(List.of("runs=" + runs, "rounds=" + iters, "sde.enabled=false",
                "layout.mode=runs", "layout.engine=" + engine, "recordEvery=" + iters));
        if (file.contains("b1")) { // the reference's none / max1 normalization
            sets.add("sweep={\"normalization\": [{\"type\": \"none\"}, {\"type\": \"grad-norm\", \"floor\": 1}],"
                    + " \"noise.sigma1\": [0.1, 1.0, 3.0]}");
        }
        final Path p = conf.resolve(file);
        if (fine) { // the same SDE at Δt = η/16 over the same horizon: 16× the steps
            final double eta = ConfigLoader.load(p, sets).series().get(0).config().eta();
            sets.add("sde.dt=" + eta / FINE);
        }
        return new Workload(name, ConfigLoader.load(p, sets), sde, runs, iters);
    }

    /** All configurations of a workload in one Spark job, as {@code simulate} / {@code integrate} run a sweep. */
    static List<SeriesRows> run(JavaSparkContext jsc, Workload w) {
        final List<ExperimentConfig> cfgs = new ArrayList<>();
        for (Series s : w.exp().series()) {
            cfgs.add(s.config());
        }
        return w.sde() ? IntegrateJob.runAll(jsc, cfgs) : RunParallel.runAll(jsc, cfgs);
    }

    /** ms per round of the agents layout with (almost) no work: 1 run, d = 1, 2 agents. */
    static double perRoundOverhead(JavaSparkContext jsc, PrintStream out) {
        final ExperimentConfig c = ConfigLoader.parse("""
                {"name": "overhead", "runs": 1, "rounds": 200, "recordEvery": 200, "optimizer": "dsgd", "agents": 2,
                 "eta": 0.01, "objective": {"type": "quartic", "dim": 1}, "x0": [1], "noise": {"type": "gaussian"}}
                """, List.of()).first();
        try (Aggregator a = new SparkAggregator(jsc, c)) {
            new Simulation(c).run(a, null); // warm-up
        }
        final long t0 = System.nanoTime();
        try (Aggregator a = new SparkAggregator(jsc, c)) {
            new Simulation(c).run(a, null);
        }
        final double ms = (System.nanoTime() - t0) / 1e6 / c.rounds();
        out.printf(Locale.ROOT, "agents layout, per-round cost with no work: %.1f ms (%d partitions)%n", ms,
                c.layout().partitions(c.agents(), jsc.defaultParallelism()));
        return ms;
    }

    static boolean numpyAvailable(Path refDir) {
        if (!Files.isRegularFile(refDir.resolve("bench.py"))) {
            return false;
        }
        try {
            final Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Runs a peer's bench.py for one workload; its last JSON line, or null. */
    static JsonNode numpy(Path refDir, String name, int runs, int iters, int reps) {
        try {
            final File log = File.createTempFile("numpy-bench", ".jsonl");
            log.deleteOnExit();
            return lastJsonLine(new ProcessBuilder("python3", refDir.resolve("bench.py").toString(), "exp", name,
                    "--reps", Integer.toString(reps), "--runs", Integer.toString(runs), "--iters",
                    Integer.toString(iters), "--log", log.getPath()));
        } catch (Exception e) {
            return null;
        }
    }

    /** Runs a process and returns the last line of its output that starts with "{", as JSON, or null. */
    private static JsonNode lastJsonLine(ProcessBuilder pb) throws Exception {
        final Process p = pb.redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("{")) {
                    last = line;
                }
            }
        }
        p.waitFor();
        return last == null ? null : new ObjectMapper().readTree(last);
    }


    static double median(double[] v) {
        final double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                b.resetPeakUsage();
            }
        }
    }

    static long peakHeap() {
        long s = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP && b.getPeakUsage() != null) {
                s += b.getPeakUsage().getUsed();
            }
        }
        return s;
    }

    /** Σ of the tasks' executor run time, for the Spark overhead share. */
    static final class TaskTime extends SparkListener {
        private final AtomicLong ms = new AtomicLong();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd e) {
            if (e.taskMetrics() != null) {
                ms.addAndGet(e.taskMetrics().executorRunTime());
            }
        }

        void reset() {
            ms.set(0);
        }

        double seconds() {
            return ms.get() / 1e3;
        }
    }
}
