package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.distsde.frontier.Bisection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code frontier} command on embedded Spark. */
class FrontierJobTest extends SparkTestBase {
    @TempDir
    Path tmp;

    private static List<String[]> rows(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    }

    private static int col(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }

    /**
     * Noiseless gradient descent on f = ½hx² with one agent is x_{k+1} = (1 − ηh)x_k: it diverges
     * iff η &gt; 2/h. Over h ∈ {1, 4} the bracket must contain 2/h and be exactly the bisection's
     * resolution wide. With K = 400,000 rounds and the threshold 10⁴·f(x0), the smallest η counted
     * as diverged is 2/h·(1 + ln(10⁴)/(4K)) = 2/h·(1 + 5.8·10⁻⁶), far inside one bisection step
     * (the resolution is 1.0006).
     */
    @Test
    void bracketsTheClosedFormThresholdOfGradientDescentOnAQuadratic() throws Exception {
        final Path cfg = tmp.resolve("quad.json");
        Files.writeString(cfg, """
                {"name": "gd-quadratic", "runs": 2, "rounds": 400000, "optimizer": "dsgd", "agents": 1, "eta": 0.1,
                 "objective": {"type": "quadratic", "h": [1.0]}, "x0": [1.0], "divergenceThreshold": 5000,
                 "noise": {"type": "gaussian", "sigma0": 0.0, "sigma1": 0.0}}""");
        final Path out = tmp.resolve("quad");
        final int steps = 14;
        final Cli r = cli("frontier", "--config", cfg.toString(), "--out", out.toString(), "--grid", "objective.h=1,4",
                "--lo", "0.01", "--hi", "100", "--steps", Integer.toString(steps), "--max-diverged-fraction", "0");
        assertEquals(0, r.code(), r.err());
        final List<String[]> rows = rows(out.resolve("frontier.csv"));
        final String[] h = rows.get(0);
        final double res = Bisection.resolution(0.01, 100, steps);
        for (int i = 1; i <= 2; i++) {
            final String[] row = rows.get(i);
            final double curv = Double.parseDouble(row[0]);
            final double lo = Double.parseDouble(row[col(h, "bracket_lo")]);
            final double hi = Double.parseDouble(row[col(h, "bracket_hi")]);
            assertEquals("bracketed", row[col(h, "status")]);
            assertTrue(lo < 2 / curv && 2 / curv < hi, "[" + lo + ", " + hi + "] contains 2/h = " + 2 / curv);
            assertEquals(res, hi / lo, 1e-9, "the bracket is the resolution wide");
            assertTrue(res < 1.001, "resolution " + res);
            assertEquals("0", row[col(h, "diverged_at_lo")]);
            assertEquals("2", row[col(h, "diverged_at_hi")]);
            // the quadratic has L1 = 0 and no noise: Eq. 1 puts no ceiling
            assertEquals("Infinity", row[col(h, "ceiling")]);
        }
        assertTrue(r.out().contains((steps + 1) + " Spark jobs"), r.out());
    }

    /**
     * The SDE models' own frontiers (--sde) on noise-free x⁴/4 from x₀ = 2, where gradient descent
     * overshoots away once η·x₀² &gt; 2 (η &gt; 0.5): the curvature-corrected model knows that limit both
     * at Δt = η and resolved (Δt = η/16: its bracket contains 0.5, like the optimizer's), while the
     * first-order SDE (Eq. 8) has none — resolved, only Euler–Maruyama's own limit at Δt = η/16 stops it,
     * 16 times further out (η/16·x₀² = 2, η = 8). Bugs this catches: the SDE probes run as optimizer
     * probes (identical rows), Δt not scaled with the bisected η, a process's results assigned to another.
     */
    @Test
    void sdeModelsHaveTheirOwnFrontiers() throws Exception {
        final Path cfg = tmp.resolve("quartic.json");
        Files.writeString(cfg, """
                {"name": "gd-quartic", "runs": 2, "rounds": 3000, "optimizer": "dsgd", "agents": 1, "eta": 0.1,
                 "objective": {"type": "quartic", "dim": 1}, "x0": [2.0], "divergenceThreshold": 1e6,
                 "noise": {"type": "gaussian", "sigma0": 0.0, "sigma1": 0.0}}""");
        final Path out = tmp.resolve("quartic");
        final Cli r = cli("frontier", "--config", cfg.toString(), "--out", out.toString(), "--lo", "0.05", "--hi", "50",
                "--steps", "9", "--max-diverged-fraction", "0", "--sde", "curvature:1", "--sde", "curvature:16",
                "--sde", "full:16");
        assertEquals(0, r.code(), r.err());
        final List<String[]> rows = rows(out.resolve("frontier.csv"));
        final String[] h = rows.get(0);
        assertEquals(5, rows.size(), "one row per process");
        final java.util.Map<String, double[]> br = new java.util.HashMap<>();
        for (String[] row : rows.subList(1, rows.size())) {
            assertEquals("bracketed", row[col(h, "status")], row[col(h, "process")]);
            br.put(row[col(h, "process")], new double[] {Double.parseDouble(row[col(h, "bracket_lo")]),
                Double.parseDouble(row[col(h, "bracket_hi")])});
        }
        for (String p : new String[] {"optimizer", "curvature:1", "curvature:16"}) {
            assertTrue(br.get(p)[0] < 0.5 && 0.5 < br.get(p)[1], p + ": [" + br.get(p)[0] + ", " + br.get(p)[1] + "]");
        }
        assertTrue(br.get("full:16")[0] < 8 && 8 < br.get("full:16")[1], "full:16: Euler-Maruyama's own limit at 8: ["
                + br.get("full:16")[0] + ", " + br.get("full:16")[1] + "]");
        // the curvature model's noise-free prediction is the limit itself
        final String[] opt = rows.get(1);
        assertEquals(0.5, Double.parseDouble(opt[col(h, "predicted_deterministic")]), 1e-9);
    }

    /**
     * The smallest degree of normalization (--param normalization.power) that keeps noise-free gradient
     * descent on x⁴/4 stable, from x₀ = 2 with η = 1.5 and lr = η/max(1, |x|³)^α: w = lr·x² stays below 2 on
     * [1, x₀] iff 1.5·x₀^{2−3α} &lt; 2, α* = (2 − log₂(4/3))/3 = 0.52832 (the bisection runs the other way: stable
     * above). The optimizer's and the curvature model's (Δt = η) brackets contain α*, and the model's
     * noise-free prediction is α* itself (the first step at lr = η/8^α reaching 2/x₀²). Bugs this catches: the
     * bisection keeping the stable end at lo, a log midpoint from lo = 0, the power not applied by the step rule.
     */
    @Test
    void smallestDegreeOfNormalization() throws Exception {
        final Path cfg = tmp.resolve("power.json");
        Files.writeString(cfg, """
                {"name": "gd-power", "runs": 2, "rounds": 3000, "optimizer": "dsgd", "agents": 1, "eta": 1.5,
                 "objective": {"type": "quartic", "dim": 1}, "x0": [2.0], "divergenceThreshold": 1e6,
                 "noise": {"type": "gaussian", "sigma0": 0.0, "sigma1": 0.0},
                 "normalization": {"type": "grad-norm", "floor": 1.0, "power": 1.0}}""");
        final Path out = tmp.resolve("power");
        final Cli r = cli("frontier", "--config", cfg.toString(), "--out", out.toString(), "--param",
                "normalization.power", "--steps", "10", "--max-diverged-fraction", "0", "--sde", "curvature:1");
        assertEquals(0, r.code(), r.err());
        final double alpha = (2 - Math.log(4.0 / 3) / Math.log(2)) / 3;
        final List<String[]> rows = rows(out.resolve("frontier.csv"));
        final String[] h = rows.get(0);
        assertEquals(3, rows.size(), "optimizer and curvature:1");
        for (String[] row : rows.subList(1, rows.size())) {
            assertEquals("bracketed", row[col(h, "status")], row[col(h, "process")]);
            final double lo = Double.parseDouble(row[col(h, "bracket_lo")]);
            final double hi = Double.parseDouble(row[col(h, "bracket_hi")]);
            assertTrue(lo < alpha && alpha < hi && hi - lo < 0.002, row[col(h, "process")] + ": [" + lo + ", " + hi + "]");
            assertEquals(alpha, Double.parseDouble(row[col(h, "predicted_deterministic")]), 1e-9);
        }
    }

    /**
     * End to end on the B.1 setting, small: frontier.csv and frontier.json appear
     * together (committed from a staging directory, none left behind); a second run without
     * --overwrite is refused and leaves them untouched.
     */
    @Test
    void writesTheResultAtomically() throws Exception {
        final Path cfg = tmp.resolve("b1.json");
        Files.writeString(cfg, """
                {"name": "b1-small", "runs": 40, "rounds": 60, "optimizer": "dsgd", "agents": 4, "eta": 0.01,
                 "objective": {"type": "quartic", "dim": 1}, "x0": [8.0],
                 "noise": {"type": "gaussian", "sigma0": 0.0, "sigma1": 1.0}, "layout": {"mode": "auto"},
                 "sweep": {"noise.sigma1": [0.3, 3.0]}}""");
        final Path out = tmp.resolve("res").resolve("b1");
        final Cli r = cli("frontier", "--config", cfg.toString(), "--out", out.toString(), "--steps", "5",
                "--lo", "0.001", "--hi", "1", "--grid", "agents=1,4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ceiling + stability"), r.out());
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertEquals(List.of("b1"), s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("cfg"))
                    .toList(), "no staging directory left");
        }
        final List<String[]> rows = rows(out.resolve("frontier.csv"));
        assertEquals(List.of("noise.sigma1", "agents", "process", "param", "status", "frontier"),
                List.of(rows.get(0)).subList(0, 6));
        assertEquals(5, rows.size(), "2 x 2 grid points");
        final String[] h = rows.get(0);
        for (String[] row : rows.subList(1, rows.size())) {
            assertEquals("bracketed", row[col(h, "status")]);
            assertEquals("Eq. 1", row[col(h, "theorem")]);
            // Eq. 1 at x0 = 8 (|grad f| = 512), d = 1, eps = 0.5, sigma0 = 0, (L0, L1) = (4, 1) of x^4/4 (the
            // pair with L1 = 1: max 3x^2 - |x|^3 = 4 at |x| = 2): 2N eps/(sigma1^2 L0 + L1 sigma1^2 512).
            // Bugs caught: N, eps or d dropped, |grad f(x0)| squared, another (L0, L1).
            final double s1 = Double.parseDouble(row[col(h, "noise.sigma1")]);
            final int n = Integer.parseInt(row[col(h, "agents")]);
            assertEquals(2 * n * 0.5 / (s1 * s1 * 4 + s1 * s1 * 512), Double.parseDouble(row[col(h, "ceiling")]),
                    1e-12);
            // lo is a stable point of noisy DSGD on x^4/4 from 8: it lies below noiseless gradient descent's
            // threshold 2/x0^2, beyond which |1 - eta x^2| > 1 makes most runs diverge (at most 2 of 40 may).
            // Bugs caught: the step scaled by N or 1/N, the rate of another grid point.
            assertTrue(Double.parseDouble(row[col(h, "bracket_lo")]) <= 2.0 / 64, "lo " + row[col(h, "bracket_lo")]);
            // the Clopper-Pearson upper end at lo from the Beta quantile, independently of BinomialInterval
            final int k = Integer.parseInt(row[col(h, "diverged_at_lo")]);
            final double cpHi = k == 40 ? 1 : org.apache.commons.statistics.distribution.BetaDistribution.of(k + 1, 40 - k)
                    .inverseCumulativeProbability(0.975);
            assertEquals(cpHi, Double.parseDouble(row[col(h, "fraction_at_lo_ci95_hi")]), 1e-9);
        }
        final JsonNode j = new ObjectMapper().readTree(out.resolve("frontier.json").toFile());
        assertEquals("eta", j.get("param").asText());
        assertEquals(6, j.get("jobs").asInt());
        assertEquals(4, j.get("points").size());
        assertEquals(2, j.get("points").get(0).get("atLo").get("clopperPearson95").size());
        // the job writes data only; the report draws the frontier from frontier.json
        assertFalse(Files.exists(out.resolve("frontier.png")));
        final Path rep = out.getParent().resolve("b1-report");
        assertEquals(0, cli("report", "--in", out.toString(), "--out", rep.toString()).code());
        try (Stream<Path> s = Files.list(rep)) {
            final List<String> pngs = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).toList();
            assertEquals(1, pngs.size(), pngs.toString());
            assertEquals(1200, ImageIO.read(rep.resolve(pngs.get(0)).toFile()).getWidth());
        }
        final String html = Files.readString(rep.resolve("index.html"));
        assertTrue(html.contains("stability frontier · grid point") && html.contains("bracketed"), "frontier overview");
        org.distsde.report.ReportPageTest.check(rep);
        final String before = Files.readString(out.resolve("frontier.csv"));
        final Cli again = cli("frontier", "--config", cfg.toString(), "--out", out.toString(), "--steps", "5");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("exists and is not empty"), again.err());
        assertEquals(before, Files.readString(out.resolve("frontier.csv")));
        assertFalse(Files.exists(out.resolve("metrics.csv")));
    }
}
