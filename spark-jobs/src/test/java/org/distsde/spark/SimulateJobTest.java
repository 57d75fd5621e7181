package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.LocalAggregator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimulateJobTest extends SparkTestBase {
    @TempDir
    Path tmp;

    /** A small heterogeneous DSGD experiment with two series. */
    static final String SMALL = """
            {"name": "small", "seed": 7, "runs": 40, "rounds": 30, "recordEvery": 5,
             "optimizer": "dsgd", "agents": 6, "eta": 0.05,
             "objective": {"type": "quartic", "dim": 3}, "x0": [1.5, -1.0, 0.5],
             "noise": {"type": "gaussian", "sigma0": 0.2, "sigma1": 0.5, "agentSpread": [0.5, 1.5]},
             "layout": {"blocks": 3},
             "sweep": {"eta": [0.05, 0.1]}}
            """;

    Path write(String name, String json) throws Exception {
        final Path p = tmp.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    @Test
    void sparkAggregatorEqualsTheLocalReferenceBitForBitWhateverThePartitions() {
        final ExperimentConfig cfg = ConfigLoader.parse(SMALL, List.of()).first();
        final int runs = cfg.runs(), d = 3;
        final double[] g = new double[runs * d];
        final double[] gn2 = new double[runs];
        final boolean[] active = new boolean[runs];
        for (int r = 0; r < runs; r++) {
            for (int j = 0; j < d; j++) {
                g[r * d + j] = Math.sin(r + 3.0 * j);
                gn2[r] += g[r * d + j] * g[r * d + j];
            }
            active[r] = r % 7 != 3;
        }
        final double[] expected = new double[runs * d];
        new LocalAggregator(cfg).sum(4, 0, null, g, gn2, active, expected);
        final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        for (int parts : new int[] {1, 2, 3}) {
            final ExperimentConfig c = ConfigLoader.parse(SMALL, List.of("layout.partitions=" + parts)).first();
            final double[] got = new double[runs * d];
            try (SparkAggregator agg = new SparkAggregator(jsc, c)) {
                agg.sum(4, 0, null, g, gn2, active, got);
            }
            assertArrayEquals(expected, got, 0.0, "partitions=" + parts);
        }
        assertEquals(0.0, expected[3 * d], "inactive run 3 must receive nothing");
    }

    @Test
    void sameConfigTwiceGivesIdenticalMetricsAndLayoutsAndPartitionsAgree() throws Exception {
        final Path cfg = write("small.json", SMALL);
        final String[] variants = {"layout.mode=agents", "layout.mode=agents", "layout.mode=runs", "layout.partitions=1"};
        final List<String> csvs = new ArrayList<>();
        for (int i = 0; i < variants.length; i++) {
            final Path out = tmp.resolve("out" + i);
            final Cli r = cli("simulate", "--config", cfg.toString(), "--out", out.toString(), "--set", variants[i]);
            assertEquals(0, r.code(), r.err());
            csvs.add(Files.readString(out.resolve("metrics.csv")));
        }
        for (int i = 1; i < csvs.size(); i++) {
            assertEquals(csvs.get(0), csvs.get(i), "variant " + variants[i] + " differs from " + variants[0]);
        }
        // 2 series x (30/5 + 1) recorded rounds + header
        assertEquals(1 + 2 * 7, csvs.get(0).lines().count());
    }

    @Test
    void outputsHaveTheDocumentedSchema() throws Exception {
        final Path out = tmp.resolve("res");
        final Cli r = cli("simulate", "--config", write("s.json", SMALL).toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        final String header = Files.readAllLines(out.resolve("metrics.csv")).get(0);
        for (String col : new String[] {"series", "optimizer", "round", "time", "lr", "runs", "diverged", "loss_mean",
            "loss_std", "loss_p05", "loss_p50", "loss_p95", "grad_norm_sq_mean"}) {
            assertTrue(List.of(header.split(",")).contains(col), "missing column " + col);
        }
        final List<Row> rows = spark.read().parquet(out.resolve("metrics.parquet").toString())
                .orderBy("series", "round").collectAsList();
        assertEquals(14, rows.size());
        final JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("small", s.get("name").asText());
        assertEquals(7, s.get("seed").asLong());
        assertTrue(s.get("versions").has("spark"));
        assertEquals(2, s.get("series").size());
        assertEquals("0.1", s.get("series").get(1).get("params").get("eta").asText());
        assertEquals(rows.get(13).getAs("loss_mean"), s.get("series").get(1).get("final").get("loss_mean").asDouble());
        try (Stream<Path> files = Files.list(tmp)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().contains("staging")), "staging left behind");
        }
    }

    @Test
    void divergedRunsAreCountedAndNeverAveraged() throws Exception {
        final Path out = tmp.resolve("div");
        final Cli r = cli("simulate", "--config", write("d.json", SMALL).toString(), "--out", out.toString(),
                "--set", "noise.sigma1=40", "--set", "noise.sigma0=0", "--set", "x0=[8]", "--set", "sweep=null",
                "--set", "divergenceThreshold=1e6");
        assertEquals(0, r.code(), r.err());
        final List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        final String[] h = lines.get(0).split(",");
        final String[] last = lines.get(lines.size() - 1).split(",");
        final int div = Integer.parseInt(last[List.of(h).indexOf("diverged")]);
        final int alive = Integer.parseInt(last[List.of(h).indexOf("runs")]);
        assertTrue(div > 0, "some runs must diverge at sigma1 = 40 from x0 = 8");
        assertEquals(40, div + alive);
        if (alive > 0) {
            assertTrue(Double.isFinite(Double.parseDouble(last[List.of(h).indexOf("loss_mean")])));
        }
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(List.of("--set", "noise.sigma1=-1"), "noise.sigma1"),
                Arguments.of(List.of("--set", "noise.sigma0=NaN"), "noise.sigma0"),
                Arguments.of(List.of("--set", "runs=0"), "runs"),
                Arguments.of(List.of("--set", "rounds=0"), "rounds"),
                Arguments.of(List.of("--set", "agents=0"), "agents"),
                Arguments.of(List.of("--set", "eta=-0.1"), "eta"),
                Arguments.of(List.of("--set", "bogus=1"), "bogus"),
                Arguments.of(List.of("--set", "runs=\"many\""), "runs"),
                Arguments.of(List.of("--set", "optimizer=lion"), "optimizer"),
                Arguments.of(List.of("--set", "sweep={\"eta\": []}"), "sweep.eta"),
                Arguments.of(List.of("--set", "x0=[1,2]"), "x0"),
                Arguments.of(List.of("--set", "optimizer=dcsgd", "--set", "compression={\"type\":\"random-sparsification\",\"p\":1.5}"), "compression.p"),
                Arguments.of(List.of("--set", "noise={\"type\":\"student-t\",\"nu\":0,\"sigma\":1}"), "noise.nu"),
                Arguments.of(List.of("--frobnicate"), "--frobnicate"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputGivesOneLineNamingTheFieldExitTwoAndNoOutput(List<String> extra, String field) throws Exception {
        final Path out = tmp.resolve("never");
        final List<String> args = new ArrayList<>(List.of("simulate", "--config", write("b.json", SMALL).toString(),
                "--out", out.toString()));
        args.addAll(extra);
        final Cli r = cli(args.toArray(new String[0]));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(field), "message must name " + field + ": " + r.err());
        assertFalse(Files.exists(out), "nothing may be written");
    }

    @Test
    void malformedOrMissingConfigAndOccupiedOutputAreRejected() throws Exception {
        final Path out = tmp.resolve("o");
        Cli r = cli("simulate", "--config", write("m.json", "{\"name\": \"x\", ").toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("malformed"), r.err());
        r = cli("simulate", "--config", tmp.resolve("missing.json").toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not found"), r.err());
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        r = cli("simulate", "--config", write("ok.json", SMALL).toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--overwrite"), r.err());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
        final Path file = write("afile", "x");
        r = cli("simulate", "--config", tmp.resolve("ok.json").toString(), "--out", file.resolve("sub").toString());
        assertEquals(2, r.code(), r.err());
        r = cli("simulate", "--config", tmp.resolve("ok.json").toString(), "--out", out.toString(), "--overwrite");
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(out.resolve("keep.txt")));
    }
}
