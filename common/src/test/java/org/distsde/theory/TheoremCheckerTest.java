package org.distsde.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseSpec;
import org.distsde.config.ScheduleSpec;
import org.distsde.objective.Quartic;
import org.distsde.schedule.PowerDecay;
import org.distsde.sde.Configs;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

class TheoremCheckerTest {
    /** Synthetic row: only time, lr_max, runs, diverged, grad_norm_sq_mean and grad_norm_mean matter. */
    private static RoundStats row(int round, double time, double lrMax, double g2, double g, int diverged) {
        return new RoundStats(round, time, lrMax, lrMax, lrMax, 10 - diverged, diverged, 0, 0, 0, 0, 0, g2, g,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static ExperimentConfig dsgdQuartic(ScheduleSpec schedule) {
        // quartic d = 1, x0 = 1 (f(x0) − f* = 1/4), (L0, L1) = (4, 1), σ0 = 0.5, σ1 = 0.2, N = 4, η = 0.01
        return Configs.of("dsgd", Configs.quartic(1), new double[] {1}, Configs.gaussian(0.5, 0.2), 4, 0.01,
                10, 200, 100, null, schedule, null, null);
    }

    @Test
    void eq2BoundAndEq1ConditionMatchHandComputation() {
        final ExperimentConfig c = dsgdQuartic(null);
        final List<RoundStats> rows = List.of(row(0, 0, 0.01, 0.4, 1.0, 0), row(100, 1, 0.01, 0.3, 0.7, 0),
                row(200, 2, 10, 0.1, 0.5, 0)); // lr_max = 10 exceeds the Eq. 1 ceiling at the last time
        final var r = TheoremChecker.check(c, Simulation.averages(c), rows, "synthetic");
        // by hand: σ̄0² = 0.25, σ̄1² = 0.04, ε = 0.5, d = 1, N = 4
        final double noiseTerm = 0.01 * 1 * (4 + 1) * (0.25 + 0.04) / (2 * 4);  // η d (L0+L1)(σ̄0²+σ̄1²)/(2N)
        assertEquals(0.0018125, noiseTerm, 1e-15);
        final var p1 = r.points().get(1);
        final var p2 = r.points().get(2);
        assertEquals(1, p1.phi1(), 1e-12);
        assertEquals(2, p2.phi2(), 1e-12);
        assertEquals((0.25 + 1 * 0.0018125) / (1 * 0.5), p1.bound(), 1e-12);  // 0.503625
        assertEquals((0.25 + 2 * 0.0018125) / (2 * 0.5), p2.bound(), 1e-12);  // 0.253625
        assertEquals((0.4 + 0.3) / 2, p1.measured(), 1e-12);                   // trapezoid, weight η_s = 1
        assertEquals(((0.4 + 0.3) / 2 + (0.3 + 0.1) / 2) / 2, p2.measured(), 1e-12);
        assertTrue(p1.boundHolds());
        assertFalse(p2.boundHolds());
        assertEquals(2, r.bound().points());
        assertEquals(1, r.bound().held());
        assertEquals(0.275 - 0.253625, r.bound().maxExcess(), 1e-12);
        // Eq. 1: 2Nε / (d(σ̄1²L0 + σ̄0²L1 + L1σ̄1²E‖∇f‖)) at E‖∇f‖ = 0.7 and 0.5
        assertEquals(4 / (0.04 * 4 + 0.25 + 0.04 * 0.7), p1.ceiling(), 1e-12);
        assertEquals(4 / (0.04 * 4 + 0.25 + 0.04 * 0.5), p2.ceiling(), 1e-12);
        assertTrue(p1.conditionHolds());
        assertFalse(p2.conditionHolds());
        assertEquals(3, r.condition().points());
        assertEquals(2.0 / 3, r.condition().fraction(), 1e-15);
        assertTrue(r.verdict().contains("VIOLATED"), r.verdict());
        assertEquals(0, r.bound().weightQuadratureError(), 1e-12); // constant weight: trapezoid exact
        System.out.println(TheoremChecker.render(r, 12));
    }

    @Test
    void divergedRunsViolateTheBound() {
        final ExperimentConfig c = dsgdQuartic(null);
        final var r = TheoremChecker.check(c, Simulation.averages(c),
                List.of(row(0, 0, 0.01, 1.0, 1.0, 0), row(100, 1, 0.01, 0.1, 0.3, 2)), "synthetic");
        assertEquals(0, r.bound().held());
        assertEquals(Double.POSITIVE_INFINITY, r.bound().maxExcess());
        assertTrue(r.bound().note().contains("diverged"));
    }

    @Test
    void theorem7BoundAndConditionForCauchyNoise() {
        // ν = 1, σ = 1, N = 1, η = 0.1, quartic d = 1, x0 = 1: ℓ_1 = 2F_1(1) − 1 = 1/2, σ_H,1 = 1
        final ExperimentConfig c = Configs.of("dsignsgd", Configs.quartic(1), new double[] {1},
                Configs.studentT(1, 1, null), 1, 0.1, 10, 20, 10, null, null, null, null);
        final List<RoundStats> rows = List.of(row(0, 0, 0.1, 1, 1, 0), row(10, 1, 0.1, 0.5, 0.6, 0),
                row(20, 2, 0.1, 0.2, 0.4, 0));
        final var r = TheoremChecker.check(c, Simulation.averages(c), rows, "synthetic");
        assertEquals(0.5, r.constants().ellNu(), 1e-15);
        assertEquals(1, r.constants().sigmaHarmonic(), 1e-15);
        // ceiling 2Nℓ/(σ_H L1 d) = 1
        assertEquals(1, r.points().get(1).ceiling(), 1e-15);
        assertEquals(1.0, r.condition().fraction());
        // Eq. 7 with constant schedule: (1/4 + η(L0+L1)dt/(2N)) / (tℓ/σ_H − tηL1d/(2N)) = (0.25 + 0.25t)/(0.45t)
        assertEquals((0.25 + 0.25) / 0.45, r.points().get(1).bound(), 1e-12);
        assertEquals((0.25 + 0.5) / 0.9, r.points().get(2).bound(), 1e-12);
        assertEquals(((1 + 0.5) / 2 + (0.5 + 0.2) / 2) / 2, r.points().get(2).measured(), 1e-12);
        assertEquals(2, r.bound().held());
        assertTrue(r.constants().assumptions().stream().anyMatch(a -> a.contains("l_nu")));
    }

    @Test
    void theorems4To6DoNotApplyWithInfiniteVariance() {
        final ExperimentConfig c = Configs.of("dsgd", Configs.quartic(1), new double[] {1},
                Configs.studentT(2, 1, null), 2, 0.1, 10, 20, 10, null, null, null, null);
        final var r = TheoremChecker.check(c, Simulation.averages(c), List.of(row(0, 0, 0.1, 1, 1, 0),
                row(10, 1, 0.1, 1, 1, 0)), "synthetic");
        assertFalse(r.condition().applicable());
        assertFalse(r.bound().applicable());
        assertTrue(r.verdict().contains("not applicable") && r.verdict().contains("infinite variance"), r.verdict());
        assertTrue(Double.isNaN(r.points().get(1).bound()));
    }

    @Test
    void theorem7DoesNotApplyToUnboundedGaussianScale() {
        final ExperimentConfig c = Configs.of("dsignsgd", Configs.quartic(1), new double[] {1},
                Configs.gaussian(0, 1), 2, 0.1, 10, 20, 10, null, null, null, null);
        final var r = TheoremChecker.check(c, Simulation.averages(c), List.of(row(0, 0, 0.1, 1, 1, 0)), "synthetic");
        assertFalse(r.condition().applicable());
    }

    @Test
    void robbinsMonroVerdicts() {
        final var constant = TheoremChecker.check(dsgdQuartic(null), Simulation.averages(dsgdQuartic(null)),
                List.of(row(0, 0, 0.01, 1, 1, 0)), "x").robbinsMonro();
        assertFalse(constant.classical());
        assertFalse(constant.paper());
        final ExperimentConfig half = dsgdQuartic(new ScheduleSpec("power", 0.5));
        final var rmHalf = TheoremChecker.check(half, Simulation.averages(half), List.of(row(0, 0, 0.01, 1, 1, 0)), "x")
                .robbinsMonro();
        assertFalse(rmHalf.classical()); // Σ 1/(k+1) diverges
        assertTrue(rmHalf.paper());      // but φ²/φ¹ → 0
        final ExperimentConfig threeQ = dsgdQuartic(new ScheduleSpec("power", 0.75));
        final var rm34 = TheoremChecker.check(threeQ, Simulation.averages(threeQ), List.of(row(0, 0, 0.01, 1, 1, 0)), "x")
                .robbinsMonro();
        assertTrue(rm34.classical() && rm34.paper());
    }

    @Test
    void sparseRecordingIsFlagged() {
        final ExperimentConfig c = dsgdQuartic(new ScheduleSpec("power", 0.5));
        // η = 0.01, one row at t = 2 (k = 200): trapezoid of η_s is 0.5(1 + 1/√201)·2 vs φ¹ = 0.02(√201 − 1)
        final var r = TheoremChecker.check(c, Simulation.averages(c),
                List.of(row(0, 0, 0.01, 1, 1, 0), row(200, 2, 0.01, 0.5, 0.7, 0)), "x");
        final double exact = 0.02 * (Math.sqrt(201) - 1);
        assertEquals(Math.abs((1 + 1 / Math.sqrt(201)) - exact) / exact, r.bound().weightQuadratureError(), 1e-7); // phi by Simpson
        assertTrue(r.bound().note().contains("too sparse"));
    }

    @Test
    void phiQuadratureMatchesClosedFormForPowerDecay() {
        // ηₛ = (s/η + 1)^{−1/2}: φ¹ₜ = 2η(√(t/η + 1) − 1), φ²ₜ = η ln(t/η + 1)
        final double eta = 0.05, t = 7.3;
        final double[] phi = TheoremChecker.phiIncrements(new PowerDecay(0.5), eta, 0, t);
        assertEquals(2 * eta * (Math.sqrt(t / eta + 1) - 1), phi[0], 1e-9);
        assertEquals(eta * Math.log(t / eta + 1), phi[1], 1e-9);
        final double[] tail = TheoremChecker.phiIncrements(new PowerDecay(0.5), eta, 2.0, t);
        assertEquals(2 * eta * (Math.sqrt(t / eta + 1) - Math.sqrt(2.0 / eta + 1)), tail[0], 1e-9);
    }

    @Test
    void definitionOneSampledCheck() {
        final Quartic f = new Quartic(3);
        final double[] x0 = {2, -1, 0.5};
        assertTrue(DefinitionOneCheck.check(f, 4, 1, x0, 2000, 1).holds());
        // L0 = 4/L1² is the smallest valid L0; (1, 1) fails, e.g. at |x| = 1: 3 > 1 + 1
        final var bad = DefinitionOneCheck.check(f, 1, 1, x0, 2000, 1);
        assertFalse(bad.holds());
        assertTrue(bad.maxRatio() > 1);
    }

    @Test
    void reportSerializesToJson() throws Exception {
        final ExperimentConfig c = dsgdQuartic(null);
        final var r = TheoremChecker.check(c, Simulation.averages(c),
                List.of(row(0, 0, 0.01, 1.0, 1.0, 0), row(100, 1, 0.01, 0.4, 0.7, 0)), "synthetic");
        final ObjectMapper om = new ObjectMapper();
        final JsonNode node = om.readTree(om.writeValueAsString(r));
        assertEquals("Theorem 4", node.get("theorem").asText());
        assertEquals(2, node.get("points").size());
        assertTrue(node.get("condition").get("applicable").asBoolean());
        assertEquals(0.503625, node.get("points").get(1).get("bound").asDouble(), 1e-12);
    }
}
