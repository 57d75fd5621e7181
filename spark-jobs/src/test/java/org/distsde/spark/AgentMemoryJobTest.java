package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.io.FsMemoryStore;
import org.distsde.io.SerializableConf;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.MemoryStore;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents with memory (EF-SGD's residuals) in the Spark layouts: the rows of the agents layout
 * (memory on the executors, one state RDD per round, lineage truncated every 10 rounds), of the
 * runs layout (memory inside each task) and of the driver's reference are the same bits, whatever
 * the number of partitions; a checkpoint written by the tasks resumes with another number of
 * partitions to the same bits. Stateless kernels go through the same comparison (the digests of
 * {@code RefactoringInvarianceTest} pin the reference).
 */
class AgentMemoryJobTest extends SparkTestBase {
    @TempDir
    Path tmp;

    /** 6 agents in 3 blocks, 25 rounds (two lineage truncations), a biased and an unbiased compressor. */
    static final String EF = """
            {"name": "ef", "seed": 9, "runs": 30, "rounds": 25, "recordEvery": 5, "optimizer": "ef-sgd", "agents": 6,
             "eta": 0.02, "objective": {"type": "quartic", "dim": 3}, "x0": [1.2, -0.8, 0.5],
             "noise": {"type": "gaussian", "sigma0": 0.3, "sigma1": 0.2, "agentSpread": [0.5, 1.5]},
             "compression": {"type": "scaled-sign"}, "layout": {"blocks": 3}}
            """;

    static ExperimentConfig cfg(String json, String... sets) {
        return ConfigLoader.parse(json, List.of(sets)).first();
    }

    static String digest(List<RoundStats> rows) {
        final StringBuilder b = new StringBuilder();
        for (RoundStats s : rows) {
            b.append(s.round()).append(' ').append(s.runs()).append(' ').append(java.util.Arrays.toString(org.distsde.sim.RoundSchema.values(s)))
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * A round input too large to travel inside the tasks (R·d = 40·1000 above
     * {@link SparkAggregator#INLINE_MAX}) is broadcast; past a lineage truncation (25 rounds, two of
     * them) the agents layout still gives the driver's rows. Catches the broadcast of the truncation
     * round destroyed while the checkpointed state's function, which every later task serializes,
     * still refers to it ("Task not serializable: Broadcast destroyed").
     */
    @Test
    void broadcastRoundInputsSurviveTheLineageTruncation() {
        final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        final ExperimentConfig c = cfg(EF, "runs=40", "objective={\"type\": \"quartic\", \"dim\": 1000}", "x0=[1.0]");
        assertTrue((long) c.runs() * 1000 > SparkAggregator.INLINE_MAX, "the round input must be broadcast");
        final String ref = digest(new Simulation(c).run(new LocalAggregator(c), null));
        try (SparkAggregator agg = new SparkAggregator(jsc, c)) {
            assertEquals(ref, digest(new Simulation(c).run(agg, null)));
        }
    }

    /**
     * Driver reference, agents layout over 1, 2 and 3 partitions, runs layout: identical rows, for
     * EF with scaled sign and with random sparsification, EF21 with top-k and DIANA with rand-k
     * (their shifts are the agents' memory). Catches memory kept per partition
     * instead of per block, a state RDD mutated in place (a recomputation would apply a round
     * twice), or a block's memory given to another block.
     */
    @Test
    void everyLayoutAndPartitionCountGivesTheReferenceRows() {
        final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        for (String[] opt : new String[][] {{"ef-sgd", "{\"type\": \"scaled-sign\"}"},
            {"ef-sgd", "{\"type\": \"random-sparsification\", \"p\": 0.7}"},
            {"ef21", "{\"type\": \"top-k\", \"k\": 1}"}, {"diana", "{\"type\": \"rand-k\", \"k\": 2}"}}) {
            final String optimizer = "optimizer=" + opt[0], compression = opt[1];
            final ExperimentConfig c = cfg(EF, optimizer, "compression=" + compression);
            final String ref = digest(new Simulation(c).run(new LocalAggregator(c), null));
            for (int p : new int[] {1, 2, 3}) {
                final ExperimentConfig cp = cfg(EF, optimizer, "compression=" + compression, "layout.partitions=" + p);
                try (SparkAggregator agg = new SparkAggregator(jsc, cp)) {
                    assertEquals(ref, digest(new Simulation(cp).run(agg, null)), opt[0] + " " + compression
                            + ", partitions " + p);
                }
            }
            assertEquals(ref, digest(RunParallel.run(jsc, cfg(EF, optimizer, "compression=" + compression,
                    "layout.runBlocks=4"))), opt[0] + " " + compression + ", runs layout");
        }
    }

    /** Stateless kernels through the same layouts: correlated noise, per-agent compression, the adaptive server. */
    @Test
    void statelessKernelsAgreeAcrossLayoutsToo() {
        final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        for (String[] sets : new String[][] {
            {"optimizer=dcsgd", "compression={\"type\": \"random-sparsification\", \"agentOmegas\": [0, 1, 2, 0.5, 3, 1]}"},
            {"optimizer=dsgd", "compression=null", "noise.agentSpread=null",
                "noise.correlation=[[1, 0.5, 0.2], [0.5, 2, -0.3], [0.2, -0.3, 0.8]]"},
            {"optimizer=adam", "compression=null", "eta=0.01"}}) {
            final ExperimentConfig c = cfg(EF, sets);
            final String ref = digest(new Simulation(c).run(new LocalAggregator(c), null));
            try (SparkAggregator agg = new SparkAggregator(jsc, cfg(EF, append(sets, "layout.partitions=2")))) {
                assertEquals(ref, digest(new Simulation(c).run(agg, null)), String.join(" ", sets));
            }
            assertEquals(ref, digest(RunParallel.run(jsc, c)), String.join(" ", sets) + ", runs layout");
        }
    }

    static String[] append(String[] a, String s) {
        return Stream.concat(Stream.of(a), Stream.of(s)).toArray(String[]::new);
    }

    /** A state checkpoint in memory, the agents' memory in files written by the tasks. */
    static final class Checkpoints implements Simulation.Checkpoints {
        final MemoryStore store;
        Simulation.State state;

        Checkpoints(Path dir) {
            this.store = new FsMemoryStore(new org.apache.hadoop.fs.Path(dir.toUri()), new SerializableConf(new Configuration()));
        }

        @Override public int every() { return 10; }
        @Override public Simulation.State load() { return state; }
        @Override public void save(Simulation.State s) { state = s; }
        @Override public MemoryStore memory() { return store; }
    }

    /**
     * The agents layout checkpoints at rounds 10 and 20 (memory written by the executors, keyed by
     * block), then a fresh aggregator over 1 partition instead of 3 resumes from round 20: the
     * rows equal the uninterrupted run's. Catches memory keyed by partition, or not written at all
     * (the resumed residuals would be 0).
     */
    @Test
    void aCheckpointResumesWithAnotherPartitionCount() throws Exception {
        final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        final ExperimentConfig three = cfg(EF, "layout.partitions=3"), one = cfg(EF, "layout.partitions=1");
        final String ref = digest(new Simulation(one).run(new LocalAggregator(one), null));
        final Path dir = tmp.resolve("memory");
        final Checkpoints cp = new Checkpoints(dir);
        try (SparkAggregator agg = new SparkAggregator(jsc, three)) {
            assertEquals(ref, digest(new Simulation(three).run(agg, null, cp)));
        }
        assertEquals(20, cp.state.round());
        try (Stream<Path> rounds = Files.list(dir)) {
            assertEquals(List.of("r20"), rounds.map(p -> p.getFileName().toString()).toList(), "older rounds deleted");
        }
        try (Stream<Path> blocks = Files.list(dir.resolve("r20"))) {
            assertEquals(List.of("b0", "b1", "b2"), blocks.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .sorted().toList(), "one file per summation block");
        }
        try (SparkAggregator agg = new SparkAggregator(jsc, one)) {
            assertEquals(ref, digest(new Simulation(one).run(agg, null, cp)));
        }
        // the residuals matter: zeroed, the resumed run differs
        for (int b = 0; b < 3; b++) {
            cp.store.write(20, b, new double[cp.store.read(20, b).length]);
        }
        try (SparkAggregator agg = new SparkAggregator(jsc, one)) {
            assertNotEquals(ref, digest(new Simulation(one).run(agg, null, cp)));
        }
    }

    /**
     * Through the command line: simulate EF-SGD in both layouts to the same metrics; memory over
     * the budget is refused before anything is written, naming the layout field to change.
     */
    @Test
    void commandLineLayoutsAgreeAndOversizedMemoryIsRefused() throws Exception {
        final Path cfg = tmp.resolve("ef.json");
        Files.writeString(cfg, EF);
        String first = null;
        for (String layout : new String[] {"layout.mode=agents", "layout.mode=runs"}) {
            final Path out = tmp.resolve(layout.substring(layout.indexOf('=') + 1));
            final Cli r = cli("simulate", "--config", cfg.toString(), "--out", out.toString(), "--set", layout);
            assertEquals(0, r.code(), r.err());
            final String csv = Files.readString(out.resolve("metrics.csv"));
            if (first == null) {
                first = csv;
            }
            assertEquals(first, csv, layout);
            assertTrue(Files.readString(out.resolve("checks.txt")).contains("neither seed has a theorem for ef-sgd"));
        }
        for (String[] c : new String[][] {{"layout.mode=runs", "layout.runBlocks"},
            {"layout.mode=agents", "layout.partitions"}}) {
            final Path out = tmp.resolve("big-" + c[1]);
            final Cli r = cli("simulate", "--config", cfg.toString(), "--out", out.toString(), "--set", c[0],
                    "--set", "runs=100000000", "--set", "agents=1000", "--set", "layout.blocks=16");
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(c[1]) && r.err().contains("needs 2.4 TB") && r.err().contains("budget"),
                    r.err());
            assertFalse(Files.exists(out), "nothing written");
            try (Stream<Path> left = Files.list(tmp)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".big")), "no checkpoint directory");
            }
        }
        // EF-SGD has no SDE: the verbs that integrate one refuse it in one line, writing nothing
        for (List<String> verb : List.of(List.of("integrate"), List.of("converge", "--etas", "2"))) {
            final Path out = tmp.resolve("nosde-" + verb.get(0));
            final List<String> args = new java.util.ArrayList<>(verb);
            args.addAll(List.of("--config", cfg.toString(), "--out", out.toString()));
            final Cli r = cli(args.toArray(new String[0]));
            assertEquals(2, r.code(), verb + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("optimizer") && r.err().contains("ef-sgd has no SDE"), r.err());
            assertFalse(Files.exists(out), "nothing written");
            try (Stream<Path> left = Files.list(tmp)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".nosde")), "no checkpoint directory");
            }
        }
    }
}
