package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.distsde.config.ConfigLoader;
import org.distsde.fit.FitResult;
import org.distsde.fit.FittedConditions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fit-noise} end to end on the embedded Spark: its files, determinism, blocking, bad input. */
class FitNoiseJobTest extends SparkTestBase {
    @TempDir
    Path tmp;

    /** Two series (σ1 swept) of 7 heterogeneous Gaussian agents, DSGD on Σxⱼ⁴/4 in d = 2 from x0 = 3. */
    static final String SMALL = """
            {"name": "fit-small", "seed": 9, "runs": 50, "rounds": 200, "optimizer": "dsgd", "agents": 7, "eta": 0.01,
             "objective": {"type": "quartic", "dim": 2}, "x0": [3.0, -2.0],
             "noise": {"type": "gaussian", "sigma0": 0.3, "sigma1": 0.2, "agentSpread": [0.5, 1.5]},
             "sweep": {"noise.sigma1": [0.2, 2.0]}}
            """;

    Path config() throws Exception {
        final Path p = tmp.resolve("small.json");
        Files.writeString(p, SMALL);
        return p;
    }

    /**
     * The verb writes fit.json (options, config, per series the trajectory points, pooled
     * averages, (L0, L1), the condition, every agent with its intervals) and agents.csv (one row per
     * series × agent), prints one table row per series and "wrote …"; a second run into another
     * directory writes byte-identical files.
     */
    @Test
    void writesFitJsonAndAgentsCsvIdenticallyTwice() throws Exception {
        final Path cfg = config();
        final Path a = tmp.resolve("a"), b = tmp.resolve("b");
        final Cli r1 = cli("fit-noise", "--config", cfg.toString(), "--out", a.toString(), "--points", "10",
                "--samples", "40", "--trajectory-runs", "3");
        assertEquals(0, r1.code(), r1.err());
        final Cli r2 = cli("fit-noise", "--config", cfg.toString(), "--out", b.toString(), "--points", "10",
                "--samples", "40", "--trajectory-runs", "3");
        assertEquals(0, r2.code(), r2.err());
        System.out.print(r1.out());
        // the command's first line and its plan, then the table
        assertTrue(r1.out().startsWith("distsde fit-noise: ") && r1.out().contains("\n#   series"), r1.out());
        assertTrue(r1.out().contains("\n0   noise.sigma1=0.2 ") && r1.out().contains("\n1   noise.sigma1=2.0 "));
        assertTrue(r1.out().contains("Eq. 1: "));
        assertTrue(r1.out().lines().anyMatch(l -> l.startsWith("wrote ")));
        for (String f : List.of("fit.json", "agents.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        try (var files = Files.list(a)) {
            assertEquals(List.of("agents.csv", "fit.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        final JsonNode j = new ObjectMapper().readTree(a.resolve("fit.json").toFile());
        assertEquals("fit-noise", j.get("command").asText());
        assertEquals(10, j.get("options").get("points").asInt());
        assertEquals(40, j.get("options").get("samples").asInt());
        assertEquals("fit-small", j.get("config").get("name").asText());
        assertTrue(j.get("versions").has("spark"));
        assertEquals(2, j.get("series").size());
        final JsonNode s1 = j.get("series").get(1);
        assertEquals("noise.sigma1=2.0", s1.get("label").asText());
        assertEquals(10, s1.get("trajectory").get("points").size());
        assertEquals(7, s1.get("agents").size());
        for (String k : List.of("sigma0Sq", "sigma1Sq")) {
            final JsonNode e = s1.get("pooled").get(k);
            assertEquals("estimated", e.get("status").asText());
            assertEquals(2, e.get("ci95").size());
            assertTrue(e.get("text").asText().startsWith("estimated "));
        }
        for (String k : List.of("l0", "l1")) {
            assertEquals("estimated", s1.get("smoothness").get(k).get("status").asText());
        }
        final JsonNode agent = s1.get("agents").get(6);
        assertEquals(6, agent.get("agent").asInt());
        for (String k : List.of("sigma0Sq", "sigma1Sq", "tailIndex")) {
            assertTrue(agent.get(k).get("ci95").get(0).asDouble() <= agent.get(k).get("estimate").asDouble());
        }
        assertEquals(10, agent.get("variance").size());
        assertEquals(Math.pow(0.3 * 1.5, 2), agent.get("configured").get("sigma0Sq").asDouble(), 1e-12);
        final String verdict = s1.get("condition").get("verdict").asText();
        assertTrue(List.of(FittedConditions.HOLDS_INTERVAL, FittedConditions.HOLDS_ESTIMATE, FittedConditions.FAILS)
                .contains(verdict), verdict);
        final List<String> csv = Files.readAllLines(a.resolve("agents.csv"));
        assertEquals(1 + 2 * 7, csv.size());
        assertEquals(String.join(",", FitNoiseJob.CSV), csv.get(0));
        assertTrue(csv.get(8).startsWith("1,noise.sigma1=2.0,0,"), csv.get(8));
        assertEquals(FitNoiseJob.CSV.length, csv.get(8).split(",").length);
    }

    /**
     * One task for every agent, or one per series, or the Spark job against the whole fit in this
     * thread: the same fit.json, character for character.
     */
    @Test
    void resultDoesNotDependOnTheBlocksAndEqualsTheLocalFit() throws Exception {
        final var exp = ConfigLoader.parse(SMALL, List.of());
        final var opt = new FitResult.Options(8, 30, 2);
        final JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        final String one = FitNoiseJob.json("v", exp, opt, FitNoiseJob.fit(sc, exp.series(), opt, 1));
        final String many = FitNoiseJob.json("v", exp, opt, FitNoiseJob.fit(sc, exp.series(), opt, 7));
        final String three = FitNoiseJob.json("v", exp, opt, FitNoiseJob.fit(sc, exp.series(), opt, 3));
        assertEquals(one, many);
        assertEquals(one, three);
        final List<FitResult> local = exp.series().stream()
                .map(s -> FitResult.local(s.index(), s.label(), s.config(), opt)).toList();
        assertEquals(one, FitNoiseJob.json("v", exp, opt, local));
    }

    /** Bad input: one line on stderr naming the option or field, exit status 2, nothing written. */
    @Test
    void badInputIsOneLineWithStatusTwo() throws Exception {
        final Path cfg = config();
        final Path out = tmp.resolve("bad");
        bad("--points must be in [3, 10000] (got 2)", "fit-noise", "--config", cfg.toString(), "--out",
                out.toString(), "--points", "2");
        bad("--samples must be in [10, 1000000] (got 5)", "fit-noise", "--config", cfg.toString(), "--out",
                out.toString(), "--samples", "5");
        bad("--trajectory-runs", "fit-noise", "--config", cfg.toString(), "--out", out.toString(),
                "--trajectory-runs", "many");
        bad("config: file not found", "fit-noise", "--config", tmp.resolve("nope.json").toString(), "--out",
                out.toString());
        bad("agents must be >= 1", "fit-noise", "--config", cfg.toString(), "--out", out.toString(), "--set", "agents=0");
        // more points than the trajectory has rounds: found inside the job, still status 2, nothing left behind
        bad("--points 500 exceeds the 201 rounds of the trajectory", "fit-noise", "--config", cfg.toString(),
                "--out", out.toString(), "--points", "500");
        assertFalse(Files.exists(out));
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".bad")), "no staging left");
        }
        Files.createDirectories(out.resolve("x"));
        bad("exists and is not empty (use --overwrite)", "fit-noise", "--config", cfg.toString(), "--out",
                out.toString());
    }

    private static void bad(String expected, String... args) {
        final Cli r = cli(args);
        assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(expected), r.err());
        // at most the command's first line and its plan (an error found inside the job comes after both)
        assertTrue(r.out().lines().allMatch(l -> l.startsWith("distsde fit-noise: ") || l.endsWith("--dry-run for the plan)")),
                r.out());
    }
}
