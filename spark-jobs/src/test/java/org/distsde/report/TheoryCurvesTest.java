package org.distsde.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.Series;
import org.distsde.sde.SdeSimulation;
import org.distsde.sim.RoundStats;
import org.distsde.theory.QuadraticLimits;
import org.distsde.theory.QuadraticMoments;
import org.junit.jupiter.api.Test;

class TheoryCurvesTest {
    static ExperimentConfig cfg(String optimizer, String x0, String extra) {
        return ConfigLoader.parse("""
                {"name": "t", "runs": 10, "rounds": 3000, "optimizer": "%s", "agents": 1, "eta": 0.001,
                 "objective": {"type": "quadratic", "h": [1, 2]}, "x0": %s,
                 "noise": {"type": "gaussian", "sigma0": 0.1} %s}
                """.formatted(optimizer, x0, extra), List.of()).first();
    }

    static double[] rounds() {
        final double[] r = new double[31];
        for (int i = 0; i < r.length; i++) {
            r[i] = 100 * i;
        }
        return r;
    }

    @Test
    void inPhase3FromTheStartThePredictionIsLemma37() {
        final var c = cfg("dsignsgd", "[0.01, 0.01]", "");
        final List<TheoryCurves.Curve> lines = TheoryCurves.loss(c, rounds(), true);
        final QuadraticMoments m = QuadraticMoments.signPhase3(new double[] {1, 2}, new double[] {0.1},
                Math.sqrt(2 / Math.PI), 0.001, 1);
        for (int i = 0; i < 31; i++) {
            final double t = 0.1 * i;
            double expect = 0;
            for (int j = 0; j < 2; j++) {
                final double[] mv = m.at(j, 0.01, t);
                expect += (j + 1) * (mv[1] + mv[0] * mv[0]) / 2;
            }
            assertEquals(expect, lines.get(0).y()[i], 1e-9 * expect, "t = " + t);
        }
        // the Phase 3 bound (Eq. 7) starts at t = 0 and lies above the prediction (Lemma 3.5: mu = 1, L = 3)
        final TheoryCurves.Curve p3 = lines.stream().filter(l -> l.name().contains("Phase 3 bound")).findFirst()
                .orElseThrow();
        for (int i = 0; i < p3.y().length; i++) {
            assertTrue(p3.y()[i] >= lines.get(0).y()[i], "Eq. 7 above the exact Phase 3 loss at " + p3.x()[i]);
        }
        assertEquals(QuadraticLimits.phase3Bound(0.5 * 1e-4 + 1e-4, 0.001, 1, 3, 0.1, 3.0), p3.y()[p3.y().length - 1],
                1e-15);
    }

    @Test
    void farFromTheMinimumThePredictionFollowsSignGdThenPhase3() {
        final var c = cfg("dsignsgd", "[1.0, -1.0]", "");
        final List<TheoryCurves.Curve> lines = TheoryCurves.loss(c, rounds(), true);
        final double[] y = lines.get(0).y();
        // t = 0.5: the ODE has moved both coordinates by 0.5: f = (0.25 + 2 * 0.25) / 2
        assertEquals(0.375, y[5], 1e-9);
        // entry into Phase 3 after a distance 1 - sqrt(2) 0.1 / 1 = 0.8586; later the loss tends to Lemma 3.7's limit
        final QuadraticMoments m = QuadraticMoments.signPhase3(new double[] {1, 2}, new double[] {0.1},
                Math.sqrt(2 / Math.PI), 0.001, 1);
        final double limit = (m.stationaryVariance(0) + 2 * m.stationaryVariance(1)) / 2;
        assertEquals(limit, y[30], 0.01 * limit);
        // the Phase 1 bound of Lemma 3.5 lies above SignGD's loss while it is drawn
        final TheoryCurves.Curve p1 = lines.stream().filter(l -> l.name().contains("Phase 1 bound")).findFirst()
                .orElseThrow();
        for (int i = 0; i < p1.y().length; i++) {
            assertTrue(p1.y()[i] >= y[i] - 1e-12, "Phase 1 bound at " + p1.x()[i]);
        }
    }

    @Test
    void sgdPredictionIsLemma38AndItsBoundLemma36() {
        final var c = cfg("dsgd", "[1.0, 1.0]", "");
        final List<TheoryCurves.Curve> lines = TheoryCurves.loss(c, rounds(), true);
        // t = 3: sum_j lambda_j/2 (e^{-2 lambda_j t} + eta sigma^2/(2 lambda_j)(1 - e^{-2 lambda_j t}))
        double expect = 0;
        for (int l = 1; l <= 2; l++) {
            final double e = Math.exp(-2 * l * 3.0);
            expect += l / 2.0 * (e + 0.001 * 0.01 / (2 * l) * (1 - e));
        }
        assertEquals(expect, lines.get(0).y()[30], 1e-6 * expect);
        assertEquals("Lemma 3.6 bound", lines.get(1).name());
        assertTrue(lines.get(1).y()[30] >= lines.get(0).y()[30]);
    }

    @Test
    void noClosedFormNoLines() {
        assertTrue(TheoryCurves.loss(ConfigLoader.parse("""
                {"name": "q", "runs": 1, "rounds": 10, "optimizer": "dsgd", "agents": 1, "eta": 0.1,
                 "objective": {"type": "quartic", "dim": 1}, "x0": [1], "noise": {"type": "gaussian", "sigma0": 1}}
                """, List.of()).first(), rounds(), true).isEmpty());
        assertNull(TheoryCurves.moment(cfg("dsignsgd", "[1, 1]", ", \"sde\": {\"model\": \"phase1\"}"), rounds(), 0,
                false));
    }

    /**
     * Every variance curve the report can draw for a shipped config, and for Phase 3 / full SDEs
     * started far inside and outside the Phase 3 interval |x| ≤ σ/(κλ), is ≥ 0 at every drawn time.
     * Catches Lemma 3.7's formula applied from a point where the linearised diffusion
     * √(η(1 − (κλx/σ)²)) is imaginary (conf/seed000-fig2-phases.json, x2 with the Phase 3 model:
     * the variance went down to −6·10⁻⁵ at t ≈ 0.03).
     */
    @Test
    void noDrawnTheoreticalVarianceIsNegative() throws Exception {
        final List<ExperimentConfig> cfgs = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "conf"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                final JsonNode tree = ConfigLoader.mapper().readTree(f.toFile());
                if (tree.path("objective").path("type").asText().equals("quadratic")) {
                    for (Series s : ConfigLoader.load(f, List.of()).series()) {
                        cfgs.add(s.config());
                    }
                }
            }
        }
        assertTrue(cfgs.size() > 20, "the shipped quadratic configs were read");
        for (String model : new String[] {"phase3", "full"}) {
            for (String x0 : new String[] {"[0.001, -0.001]", "[0.1029, 0.1642]", "[1.0, -3.0]"}) {
                cfgs.add(cfg("dsignsgd", x0, ", \"recordCoordinates\": 2, \"sde\": {\"model\": \"" + model + "\"}"));
            }
        }
        int drawn = 0;
        for (ExperimentConfig c : cfgs) {
            final double[] rounds = new double[c.rounds() / c.recordEvery() + 1];
            for (int i = 0; i < rounds.length; i++) {
                rounds[i] = (double) i * c.recordEvery();
            }
            for (int j = 0; j < c.recordCoordinates(); j++) {
                final TheoryCurves.Curve v = TheoryCurves.moment(c, rounds, j, true);
                if (v == null) {
                    continue;
                }
                drawn++;
                for (int i = 0; i < v.y().length; i++) {
                    assertTrue(v.y()[i] >= 0, c.name() + " " + v.name() + " x" + (j + 1) + " at round " + v.x()[i]
                            + ": " + v.y()[i]);
                }
            }
        }
        assertTrue(drawn >= 12, "variance curves checked: " + drawn);
    }

    /**
     * The Phase 3 SDE started outside its interval (x2 of seed 000's Figure 2, |κλx₀/σ| = 2.6):
     * the drawn mean and variance against the SDE engine's Monte Carlo (Euler–Maruyama, 4000 paths).
     * Tolerance per comparison: K standard errors (mean √(Var/n), variance Var·√(2/(n − 1))) with
     * K = 4.56 = Φ⁻¹(1 − 10⁻³/400) for 2 × 101 × 2 comparisons at a family-wise rate of 10⁻³,
     * plus the scheme's own discretisation error, computed: the Euler recursion of the moments
     * (deterministic x ← (1 − aΔt)x until |x| ≤ √(q/b), then m ← (1 − aΔt)m,
     * S ← ((1 − aΔt)² − bΔt)S + qΔt) against the drawn curve. The former curve (Lemma 3.7's formula
     * from x₀) is 6·10⁻⁵ below zero at t ≈ 0.03, where every path is still the same point.
     */
    @Test
    void phase3SdeFromOutsideItsIntervalMatchesTheDrawnMoments() {
        final ExperimentConfig c = ConfigLoader.parse("""
                {"name": "p3", "runs": 4000, "rounds": 1000, "recordEvery": 10, "optimizer": "dsignsgd",
                 "agents": 1, "eta": 0.001, "objective": {"type": "quadratic", "h": [1, 2]}, "x0": [0.1029, 0.1642],
                 "noise": {"type": "gaussian", "sigma0": 0.1}, "recordCoordinates": 2,
                 "sde": {"enabled": true, "model": "phase3"}}
                """, List.of()).first();
        final List<RoundStats> rows = new SdeSimulation(c).run();
        final double[] rounds = rows.stream().mapToDouble(RoundStats::round).toArray();
        final double k = 4.56, dt = 0.001, q = 0.001;
        int compared = 0;
        for (int j = 0; j < 2; j++) {
            final double[] mean = TheoryCurves.moment(c, rounds, j, false).y();
            final double[] var = TheoryCurves.moment(c, rounds, j, true).y();
            final double a = Math.sqrt(2 / Math.PI) * (j + 1) / 0.1, b = dt * a * a;
            double em = c.initialPoint()[j], es = em * em;
            boolean outside = b * em * em > q;
            int step = 0;
            for (int i = 0; i < rows.size(); i++) {
                for (; step < rows.get(i).round(); step++) { // the scheme's moments up to this round
                    em *= 1 - a * dt;
                    es = outside ? em * em : ((1 - a * dt) * (1 - a * dt) - b * dt) * es + q * dt;
                    outside &= b * em * em > q;
                }
                final RoundStats r = rows.get(i);
                final int n = r.runs();
                final double disc = Math.abs(es - em * em - var[i]);
                final double ulps = 1e-12 * c.initialPoint()[j] * c.initialPoint()[j]; // rounding of the sums over paths
                assertEquals(var[i], r.x().var()[j], k * var[i] * Math.sqrt(2.0 / (n - 1)) + disc + ulps,
                        "Var[x" + (j + 1) + "] at round " + r.round());
                assertEquals(mean[i], r.x().mean()[j], k * Math.sqrt(var[i] / n) + Math.abs(em - mean[i]) + ulps,
                        "E[x" + (j + 1) + "] at round " + r.round());
                compared++;
            }
        }
        assertEquals(2 * 101, compared);
    }
}
