package org.distsde.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.numbers.gamma.Erf;
import org.distsde.spark.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sweep-charts on result directories written by {@code simulate} on embedded Spark: the extracted
 * final-round points against closed forms (noise-free DSGD, the Theorem 7 bound) and
 * against summary.json, the expected behaviour of averaged Cauchy noise, the written files, and
 * the refusals.
 */
class SweepChartsTest extends SparkTestBase {
    @TempDir
    Path tmp;

    /** Noise-free DSGD on cosh from x0 = 0.5 (converges) and x0 = 6 (overshoots at once), N in {1, 3}. */
    static final String EXACT = """
            {"name": "exact", "seed": 7, "runs": 10, "rounds": 20, "recordEvery": 5, "optimizer": "dsgd",
             "agents": 1, "eta": 0.1, "objective": {"type": "cosh", "dim": 1}, "x0": [0.5],
             "noise": {"type": "gaussian", "sigma0": 0, "sigma1": 0}, "layout": {"mode": "auto"},
             "sweep": {"x0": [[0.5], [6.0]], "agents": [1, 3]}}
            """;

    /** DSGD and DSignSGD (with its SDE) under Gaussian and Cauchy noise near the minimum, N in {1, 100}. */
    static final String HEAVY = """
            {"name": "heavy", "seed": 11, "runs": 200, "rounds": 30, "recordEvery": 10, "optimizer": "dsgd",
             "agents": 1, "eta": 0.1, "objective": {"type": "cosh", "dim": 1}, "x0": [0.05],
             "noise": {"type": "gaussian", "sigma0": 0.25, "sigma1": 0}, "layout": {"mode": "auto"},
             "sweep": {
               "cases": [{"label": "dsgd", "optimizer": "dsgd"},
                         {"label": "dsignsgd", "optimizer": "dsignsgd", "signSampling": "cdf",
                          "sde": {"enabled": true, "maxRefinements": 1}}],
               "noise": [{"type": "gaussian", "sigma0": 0.25, "sigma1": 0}, {"type": "student-t", "nu": 1, "sigma": 0.25}],
               "agents": [1, 100]}}
            """;

    private Path simulate(String name, String config, String... sets) throws Exception {
        final Path cfg = tmp.resolve(name + ".json");
        Files.writeString(cfg, config);
        final Path out = tmp.resolve(name);
        final String[] base = {"simulate", "--config", cfg.toString(), "--out", out.toString()};
        final String[] args = new String[base.length + 2 * sets.length];
        System.arraycopy(base, 0, args, 0, base.length);
        for (int i = 0; i < sets.length; i++) {
            args[base.length + 2 * i] = "--set";
            args[base.length + 2 * i + 1] = sets[i];
        }
        final Cli r = cli(args);
        assertEquals(0, r.code(), r.err());
        return out;
    }

    private static int charts(ByteArrayOutputStream err, String... args) {
        final String[] line = new String[args.length + 1];
        line[0] = "sweep-charts";
        System.arraycopy(args, 0, line, 1, args.length);
        return org.distsde.cli.Main.run(line, null, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void noiseFreeDsgdGivesTheIteratedLossAndFullDivergence() throws Exception {
        final Path dir = simulate("exact", EXACT);
        final SweepData.Sweep s = SweepData.extract(List.of(ResultData.read(dir)));
        assertEquals(4, s.points().size());
        final Map<String, List<SweepData.Point>> lines = s.lines();
        assertEquals(2, lines.size(), lines.keySet().toString()); // one line per x0, N along it
        double x = 0.5;
        for (int k = 0; k < 20; k++) {
            x -= 0.1 * Math.sinh(x);
        }
        final double expected = Math.cosh(x) - 1;
        for (SweepData.Point p : s.points()) {
            assertEquals("dsgd", p.optimizer());
            assertEquals("Gaussian", p.noise());
            assertEquals(20, p.round());
            assertEquals(10, p.total(), "alive + diverged runs");
            assertTrue(p.other().startsWith("x0="), p.other());
            assertTrue(Double.isNaN(p.tailIndex()), "fewer than 100 runs: no Hill estimate");
            if (p.other().contains("6.0")) {
                assertEquals(10, p.diverged());
                assertEquals(1.0, p.divergedFraction());
                assertTrue(Double.isNaN(p.median()), "no alive run: no median");
            } else {
                assertEquals(0, p.diverged());
                assertEquals(0.0, p.divergedFraction());
                assertEquals(expected, p.median(), 1e-12 * expected, "N = " + p.agents());
                assertEquals(expected, p.p95(), 1e-12 * expected, "N = " + p.agents());
            }
        }
        assertEquals(List.of(1L, 3L), lines.values().iterator().next().stream().map(SweepData.Point::agents).toList());
        assertTrue(s.bounds().stream().allMatch(b -> b.theorem().equals("Theorem 4")), "DSGD's check is Theorem 4");
    }

    @Test
    void cauchyAveragesStayCauchyWhileSignsConcentrate() throws Exception {
        final Path dir = simulate("heavy", HEAVY);
        final SweepData.Sweep s = SweepData.extract(List.of(ResultData.read(dir)));
        assertEquals(8, s.points().size());
        assertEquals(4, s.lines().size());
        // every point equals summary.json's final figures of its series (a second file, written separately)
        final JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        for (SweepData.Point p : s.points()) {
            JsonNode js = null;
            for (JsonNode n : summary.path("series")) {
                if (n.path("index").asInt() == p.series() && n.path("kind").asText().equals("optimizer")) {
                    js = n;
                }
            }
            assertNotNull(js, "series " + p.series());
            assertEquals(js.path("agents").asLong(), p.agents());
            assertEquals(js.path("optimizer").asText(), p.optimizer());
            assertTrue(js.path("label").asText().contains("agents=" + p.agents()), js.path("label").asText());
            assertTrue(js.path("label").asText().contains(p.noise().equals("Gaussian") ? "gaussian" : "student-t"));
            final JsonNode f = js.path("final");
            assertEquals(f.path("loss_p50").asDouble(), p.median(), 0.0);
            assertEquals(f.path("loss_p95").asDouble(), p.p95(), 0.0);
            assertEquals(f.path("diverged").asLong(), p.diverged());
            assertEquals(200, p.total());
            assertEquals(f.path("loss_tail_index").asDouble(), p.tailIndex(), 0.0);
        }
        final SweepData.Point dsgdC1 = s.at("dsgd", "Student-t ν = 1", 1), dsgdC100 = s.at("dsgd", "Student-t ν = 1", 100);
        final SweepData.Point dsgdG1 = s.at("dsgd", "Gaussian", 1), dsgdG100 = s.at("dsgd", "Gaussian", 100);
        // the mean of 100 Cauchy variables is Cauchy with the same scale: DSGD's loss does not move with N
        final double flat = dsgdC100.median() / dsgdC1.median();
        assertTrue(flat > 0.3 && flat < 3, "DSGD Cauchy median N=100 / N=1 = " + flat);
        assertTrue(dsgdC1.diverged() > 0 && dsgdC100.diverged() > 0, dsgdC1 + " " + dsgdC100);
        assertTrue(dsgdC100.tailIndex() < 1.5, "loss ~ x^2/2 with x Cauchy-like: tail index about 1/2, got "
                + dsgdC100.tailIndex());
        // Gaussian noise: variance / N
        assertTrue(dsgdG100.median() < dsgdG1.median() / 20, dsgdG1 + " " + dsgdG100);
        for (String noise : new String[] {"Gaussian", "Student-t ν = 1"}) {
            final SweepData.Point a = s.at("dsignsgd", noise, 1), b = s.at("dsignsgd", noise, 100);
            assertEquals(0, a.diverged() + b.diverged());
            // about 1/N; at N = 1 the sign steps keep x on x0 + 0.1Z, which quantizes the median
            assertTrue(b.median() < a.median() / 10 && b.p95() < a.p95() / 20, noise + ": " + a + " " + b);
            assertTrue(b.tailIndex() > dsgdC100.tailIndex(), noise + ": " + b);
        }
        // Theorem 7, constant schedule, phi1 = phi2 = K eta = 3, R = max(1, sinh(x0)/sigma) = 1, L0 = L1 = 1:
        // bound = (f(x0) - f* + eta (L0 + L1) d phi2 / (2N)) / (phi1 l / sigma_H - phi2 eta L1 d / (2N))
        final double gap = Math.cosh(0.05) - 1;
        for (String noise : new String[] {"Gaussian", "Student-t ν = 1"}) {
            final double ell = noise.equals("Gaussian") ? Erf.value(1 / Math.sqrt(2)) : 0.5; // 2F(1) - 1
            for (long n : new long[] {1, 100}) {
                final double bound = (gap + 0.1 * 2 * 3 / (2.0 * n)) / (3 * ell / 0.25 - 3 * 0.1 / (2.0 * n));
                int kinds = 0;
                for (SweepData.BoundPoint b : s.bounds()) {
                    if (b.optimizer().equals("dsignsgd") && b.noise().equals(noise) && b.agents() == n
                            && !b.kind().equals("sde")) {
                        kinds++;
                        assertEquals("Theorem 7", b.theorem());
                        assertEquals(bound, b.bound(), 1e-6 * bound, b.toString());
                        if (b.kind().equals("sde-resolved")) { // the object of the theorem
                            assertEquals("HOLDS", b.verdict(), b.toString());
                            assertTrue(b.measured() > 0 && b.measured() < b.bound(), b.toString());
                        }
                    }
                }
                assertEquals(2, kinds, "optimizer and sde-resolved at N = " + n + ", " + noise);
            }
        }
        // the files
        final Path out = tmp.resolve("charts");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, charts(err, "--in", dir.toString(), "--out", out.toString(), "--name", "hv"), err.toString());
        final BufferedImage grid = ImageIO.read(out.resolve("hv.png").toFile());
        assertEquals(2 * SweepFigures.CELL_W, grid.getWidth());
        assertTrue(grid.getHeight() > 4 * SweepFigures.CELL_H);
        assertEquals(Plots.WIDTH, ImageIO.read(out.resolve("hv-theorem.png").toFile()).getWidth());
        assertTrue(Files.readString(out.resolve("hv.svg")).contains("<svg"));
        final List<String> rows = Files.readAllLines(out.resolve("hv-points.csv"));
        assertEquals(9, rows.size());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("dsignsgd,Student-t ν = 1,,100,30,200,0,0.00000,")), rows.toString());
        // the points read back from the CSV are the extracted ones (to its 6 significant digits), and report
        // takes the directory as one more result
        final SweepData.Sweep back = SweepData.read(Files.readString(out.resolve("hv-points.csv")));
        assertEquals(s.points().size(), back.points().size());
        assertEquals(s.bounds().stream().filter(b -> b.kind().equals("optimizer") || b.kind().equals("sde-resolved"))
                .count(), back.bounds().size());
        for (int i = 0; i < back.points().size(); i++) {
            final SweepData.Point p = back.points().get(i);
            final SweepData.Point q = s.at(p.optimizer(), p.noise(), p.agents());
            assertEquals(q.median(), p.median(), 1e-5 * Math.abs(q.median()), p.toString());
            assertEquals(q.diverged(), p.diverged());
        }
        final Path report = tmp.resolve("charts-report");
        assertEquals(0, ReportCommandTest.run("--in", out.toString(), "--out", report.toString()));
        assertTrue(Files.readString(report.resolve("index.html")).contains("sweep-charts"));
        ReportPageTest.check(report);
    }

    @Test
    void refusesDuplicatePointsAndDifferentHorizons() throws Exception {
        final Path a = simulate("a", EXACT, "x0=[0.5]");
        final Path b = simulate("b", EXACT, "x0=[0.5]", "rounds=10");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, charts(err, "--in", a.toString(), "--in", a.toString(), "--out", tmp.resolve("o1").toString()));
        assertTrue(err.toString().contains("two series give dsgd | Gaussian"), err.toString());
        err = new ByteArrayOutputStream();
        assertEquals(2, charts(err, "--in", a.toString(), "--in", b.toString(), "--out", tmp.resolve("o2").toString()));
        assertTrue(err.toString().contains("final rounds differ (20 in a, 10 in b"), err.toString());
        assertFalse(Files.exists(tmp.resolve("o2")));
        err = new ByteArrayOutputStream();
        assertEquals(2, charts(err, "--out", tmp.resolve("o3").toString()));
        assertTrue(err.toString().contains("'--in=<dir>'"), err.toString());
    }
}
