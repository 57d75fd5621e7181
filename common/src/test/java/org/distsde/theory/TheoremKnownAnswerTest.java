package org.distsde.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.objective.Quartic;
import org.distsde.schedule.PowerDecay;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Rows;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * Known answers for Theorems 4–7 through the branch real runs use (finite per-run integrals),
 * with ε = 0.3, d = 3, N = 4, the power schedule ηₖ = (k + 1)^(−1/2) (so φ¹ ≠ φ²), σ̄0² = 0.36,
 * σ̄1² = 0.09, ω = 1.5, (L0, L1) = (2, 0.5), η = 0.05, x0 = (1, 0.5, −1) on f = Σxⱼ⁴/4
 * (f(x0) − f* = 0.515625). Every expected value is written out from the paper's formula here,
 * so a missing d, N or η, ε swapped with 1 − ε, or φ¹ swapped with φ² fails.
 */
class TheoremKnownAnswerTest {
    static final double ETA = 0.05, EPS = 0.3, L0 = 2, L1 = 0.5, S0 = 0.36, S1 = 0.09, OMEGA = 1.5, GAP = 0.515625;
    static final int D = 3, N = 4, K = 40;
    /** E‖∇f‖ in the rows; the measured ‖∇f‖² levels: I1 = A·φ¹, I2 = B·φ². */
    static final double GN = 0.8, A = 0.3, B = 0.45;

    static ExperimentConfig config(String optimizer, String noise, String extra) {
        return ConfigLoader.parse("""
                {"name": "ka", "runs": 10, "rounds": 40, "recordEvery": 20, "optimizer": "%s", "agents": 4,
                 "eta": 0.05, "objective": {"type": "quartic", "dim": 3}, "x0": [1, 0.5, -1], "noise": %s,
                 "schedule": {"type": "power", "theta": 0.5}, "smoothness": {"l0": 2, "l1": 0.5}%s}
                """.formatted(optimizer, noise, extra), List.of()).first();
    }

    static final String GAUSS = "{\"type\": \"gaussian\", \"sigma0\": 0.6, \"sigma1\": 0.3}";
    static final String EPS03 = ", \"normalization\": {\"type\": \"theorem\", \"epsilon\": 0.3}";

    /** φ¹ and φ² at round k as the simulators record them: left Riemann sums of ηₛ = (j + 1)^(−1/2), ds = η. */
    static double[] phi(int k) {
        double p1 = 0, p2 = 0;
        for (int j = 0; j < k; j++) {
            p1 += ETA / Math.sqrt(j + 1);
            p2 += ETA / (j + 1);
        }
        return new double[] {p1, p2};
    }

    /** A row at round k with the four sums and a covariance (upper triangle). */
    static RoundStats row(int k, double lrMax, double[] cov) {
        final double[] p = phi(k);
        return Rows.row(k, k * ETA, lrMax, lrMax, lrMax, 10, 0, 0, 0, 0, 0, 0, A, GN, p[0], p[1], A * p[0],
                B * p[1], cov);
    }

    static List<RoundStats> rows(double lrMax) {
        final double[] cov = {0.01, 0.002, 0.003, 0.001, 0.004, 0.0005, 0.001, 0.02, 0.006, 0.03};
        final RoundStats r0 = Rows.row(0, 0, lrMax, lrMax, lrMax, 10, 0, 0, 0, 0, 0, 0, A, GN, 0, 0, 0, 0, null);
        return List.of(r0, row(20, lrMax, cov), row(K, lrMax, cov));
    }

    @Test
    void theorem4Eq1AndEq2() {
        final ExperimentConfig c = config("dsgd", GAUSS, EPS03);
        final var r = TheoremChecker.check(c, Simulation.averages(c), rows(0.01), Source.SDE_RESOLVED, null);
        assertEquals("Theorem 4", r.theorem());
        // Eq. 1: 2Nε / (d(σ̄1²L0 + σ̄0²L1 + L1σ̄1²E‖∇f‖))
        final double ceil = 2 * N * EPS / (D * (S1 * L0 + S0 * L1 + L1 * S1 * GN));
        assertEquals(ceil, r.points().get(2).ceiling(), 1e-12 * ceil);
        // Eq. 2: (f(x0) − f* + φ²ηd(L0 + L1)(σ̄0² + σ̄1²)/(2N)) / ((1 − ε)φ¹)
        final double[] p = phi(K);
        final double bound = (GAP + p[1] * ETA * D * (L0 + L1) * (S0 + S1) / (2 * N)) / ((1 - EPS) * p[0]);
        final var b = r.primaryBound();
        assertEquals("Eq. 2", b.equation());
        assertEquals(bound, b.values().get(1).bound(), 1e-12 * bound);
        assertEquals(A - bound, b.values().get(1).excess(), 1e-12);
        assertEquals(A, r.points().get(2).measured(), 1e-12);
        assertTrue(r.condition().form().startsWith("expectation"));
        assertEquals(3, r.condition().held());
    }

    @Test
    void theorem4StandardErrorIsTheDeltaMethodOverTheFourMeans() {
        final ExperimentConfig c = config("dsgd", GAUSS, EPS03);
        final var r = TheoremChecker.check(c, Simulation.averages(c), rows(0.01), Source.SDE_RESOLVED, null);
        final double[] p = phi(K);
        final double i1 = A * p[0];
        final double cc = ETA * D * (L0 + L1) * (S0 + S1) / (2 * N);
        // e = I1/φ¹ − (gap + Cφ²)/((1 − ε)φ¹): ∂e/∂φ¹, ∂e/∂φ², ∂e/∂I1, ∂e/∂I2
        final double[] g = {-i1 / (p[0] * p[0]) + (GAP + cc * p[1]) / ((1 - EPS) * p[0] * p[0]),
            -cc / ((1 - EPS) * p[0]), 1 / p[0], 0};
        final double[][] s = {{0.01, 0.002, 0.003, 0.001}, {0.002, 0.004, 0.0005, 0.001},
            {0.003, 0.0005, 0.02, 0.006}, {0.001, 0.001, 0.006, 0.03}};
        double v = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                v += g[a] * g[b] * s[a][b];
            }
        }
        final double se = Math.sqrt(v / 10);
        assertEquals(se, r.primaryBound().values().get(1).se(), 1e-12 * se);
        // the measured side alone: ∂(I1/φ¹) = (−I1/φ¹², 0, 1/φ¹, 0)
        final double vm = Math.pow(i1 / (p[0] * p[0]), 2) * 0.01 - 2 * i1 / (p[0] * p[0]) / p[0] * 0.003
                + 0.02 / (p[0] * p[0]);
        assertEquals(Math.sqrt(vm / 10), r.points().get(2).measuredSe(), 1e-12);
    }

    @Test
    void theorem5Eq3AndEq4() {
        final ExperimentConfig c = config("dcsgd", "{\"type\": \"gaussian\", \"sigma0\": 0.6}",
                EPS03 + ", \"compression\": {\"type\": \"random-sparsification\", \"omega\": 1.5}");
        final var r = TheoremChecker.check(c, Simulation.averages(c), rows(0.01), Source.SDE_RESOLVED, null);
        assertTrue(r.theorem().startsWith("Theorem 5 (Eq. 3/Eq. 4"), r.theorem());
        assertTrue(r.condition().equation().startsWith("Eq. 3"));
        // Eq. 3 with ηηₜ: 2Nε / (ω̄L0 + d(σ̄² + σ̄²ω)L1 + ω̄L1E‖∇f‖)
        final double ceil = 2 * N * EPS / (OMEGA * L0 + D * (S0 + S0 * OMEGA) * L1 + OMEGA * L1 * GN);
        assertEquals(ceil, r.points().get(1).ceiling(), 1e-12 * ceil);
        // Eq. 4: (gap + φ²η(L0 + L1)d(σ̄² + σ̄²ω)/(2N)) / (φ¹(1 − ε))
        final double[] p = phi(K);
        final double eq4 = (GAP + p[1] * ETA * (L0 + L1) * D * (S0 + S0 * OMEGA) / (2 * N)) / (p[0] * (1 - EPS));
        final var derived = r.boundLabelled(DcsgdCheck.DERIVED);
        assertEquals("Eq. 4", derived.equation());
        assertTrue(derived.primary());
        assertEquals(eq4, derived.values().get(1).bound(), 1e-12 * eq4);
        // Eq. 6 as printed at σ1 = 0: (gap + φ²[L0ω̄ + L1d(σ̄0² + σ̄0²ω)]/(2N)) / ((1 − ε)φ¹)
        final double printed = (GAP + p[1] * (L0 * OMEGA + L1 * D * (S0 + S0 * OMEGA)) / (2 * N)) / ((1 - EPS) * p[0]);
        assertEquals(printed, r.boundLabelled(DcsgdCheck.PRINTED).values().get(1).bound(), 1e-12 * printed);
    }

    @Test
    void theorem6Eq5AndEq6PrintedAndDerived() {
        final ExperimentConfig c = config("dcsgd", GAUSS,
                EPS03 + ", \"compression\": {\"type\": \"random-sparsification\", \"omega\": 1.5}");
        final var r = TheoremChecker.check(c, Simulation.averages(c), rows(0.01), Source.SDE_RESOLVED, null);
        assertEquals("Theorem 6", r.theorem());
        // Eq. 5: 2Nε / (L0c₁ + L1d(σ̄0² + σ̄0²ω) + L1c₁E‖∇f‖), c₁ = ω̄ + d(σ̄1²ω + σ̄1²)
        final double c1 = OMEGA + D * (S1 * OMEGA + S1);
        final double ceil = 2 * N * EPS / (L0 * c1 + L1 * D * (S0 + S0 * OMEGA) + L1 * c1 * GN);
        assertEquals(ceil, r.points().get(1).ceiling(), 1e-12 * ceil);
        final double[] p = phi(K);
        // Eq. 6 as printed: constant [L0c₁ + L1d(σ̄0² + σ̄0²ω)]/(2N), no η
        final double printed = (GAP + p[1] * (L0 * c1 + L1 * D * (S0 + S0 * OMEGA)) / (2 * N)) / ((1 - EPS) * p[0]);
        // Eq. 6 derived (= Eq. 4 form): constant η(L0 + L1)d(σ̄0² + σ̄0²ω)/(2N)
        final double derived = (GAP + p[1] * ETA * (L0 + L1) * D * (S0 + S0 * OMEGA) / (2 * N)) / ((1 - EPS) * p[0]);
        assertEquals(printed, r.boundLabelled(DcsgdCheck.PRINTED).values().get(1).bound(), 1e-12 * printed);
        assertEquals(derived, r.boundLabelled(DcsgdCheck.DERIVED).values().get(1).bound(), 1e-12 * derived);
        assertEquals(DcsgdCheck.DERIVED, r.primaryBound().label());
    }

    @Test
    void perPathConditionsEq21AndEq43AreEnforcedByConstruction() {
        final String perRun = ", \"normalization\": {\"type\": \"theorem\", \"epsilon\": 0.3, \"perRun\": true}";
        final ExperimentConfig dsgd = config("dsgd", GAUSS, perRun);
        final var r = TheoremChecker.check(dsgd, Simulation.averages(dsgd), rows(0.01), Source.OPTIMIZER, null);
        assertTrue(r.condition().enforcedByConstruction());
        assertTrue(r.condition().form().contains("Eq. 21"), r.condition().form());
        // the testable consequence: lr_max <= Eq. 21 at |grad f| = 0 = 2Nε/(d(σ̄1²L0 + σ̄0²L1))
        assertEquals(2 * N * EPS / (D * (S1 * L0 + S0 * L1)), r.points().get(1).ceiling(), 1e-12);
        final ExperimentConfig dcsgd = config("dcsgd", GAUSS,
                perRun + ", \"compression\": {\"type\": \"random-sparsification\", \"omega\": 1.5}");
        final var q = TheoremChecker.check(dcsgd, Simulation.averages(dcsgd), rows(0.01), Source.OPTIMIZER, null);
        assertTrue(q.condition().form().contains("Eq. 43"), q.condition().form());
        final double c1 = OMEGA + D * (S1 * OMEGA + S1);
        assertEquals(2 * N * EPS / (L0 * c1 + L1 * D * (S0 + S0 * OMEGA)), q.points().get(1).ceiling(), 1e-12);
        // a per-path series whose E|grad f| form fails (lr_max above Eq. 5 at E|grad f| = 0.8) still meets it
        final double atMean = 2 * N * EPS / (L0 * c1 + L1 * D * (S0 + S0 * OMEGA) + L1 * c1 * GN);
        final double lr = 1.01 * atMean;
        final var q2 = TheoremChecker.check(dcsgd, Simulation.averages(dcsgd), rows(lr), Source.OPTIMIZER, null);
        assertEquals(3, q2.condition().held());
        final ExperimentConfig coupled = config("dcsgd", GAUSS,
                EPS03 + ", \"compression\": {\"type\": \"random-sparsification\", \"omega\": 1.5}");
        final var q3 = TheoremChecker.check(coupled, Simulation.averages(coupled), rows(lr), Source.OPTIMIZER, null);
        assertEquals(0, q3.condition().held());
        assertEquals(Verdict.NOT_CLAIMED, q3.verdict());
    }

    /**
     * Theorem 7 with ℓ_ν written out. x0 = (1, 0.5, −1) on Σxⱼ⁴/4 has max|∂ⱼf| = 1, so with σ = 0.7
     * the run starts outside the Phase-3 regime, at R = 1/0.7, and ℓ_ν is the secant 2Ξ_ν(R)/R:
     * Student-t ν = 3, 2F₃(t) − 1 = (2/π)(t/(√3(1 + t²/3)) + atan(t/√3)) (at t = 1: √3/(2π) + 1/3);
     * Gaussian erf(R/√2)/R.
     */
    @Test
    void theorem7StudentTAndGaussian() {
        final double rr = 1 / 0.7;
        final double ell3 = 2 / Math.PI * (rr / (Math.sqrt(3) * (1 + rr * rr / 3)) + Math.atan(rr / Math.sqrt(3))) / rr;
        final double ellG = org.apache.commons.numbers.gamma.Erf.value(rr / Math.sqrt(2)) / rr;
        assertTrue(ell3 < Math.sqrt(3) / (2 * Math.PI) + 1.0 / 3 && ellG < 0.6826894921370859,
                "outside Phase 3 the secant constant is below its Phase-3 value");
        // inside Phase 3 (R = 1) the constants are 2F_ν(1) − 1
        assertEquals(Math.sqrt(3) / (2 * Math.PI) + 1.0 / 3, DsignSgdCheck.ellStudent(3), 1e-12);
        assertEquals(0.6826894921370859, DsignSgdCheck.ellGaussian(), 1e-12);
        final String[] noises = {"{\"type\": \"student-t\", \"nu\": 3, \"sigma\": 0.7}",
            "{\"type\": \"gaussian\", \"sigma0\": 0.7}"};
        final double[] ells = {ell3, ellG};
        for (int i = 0; i < 2; i++) {
            final ExperimentConfig c = config("dsignsgd", noises[i], "");
            final var r = TheoremChecker.check(c, Simulation.averages(c), rows(0.01), Source.SDE_RESOLVED, null);
            final double ell = ells[i], sh = 0.7;
            assertEquals(ell, r.constants().ellNu(), 1e-12);
            // condition: ηηₜ < 2Nℓ_ν/(σ_H,1 L1 d)
            assertEquals(2 * N * ell / (sh * L1 * D), r.points().get(1).ceiling(), 1e-12);
            final double[] p = phi(K);
            final double q = ETA * L1 * D / (2 * N);
            // Eq. 7: (gap + η(L0 + L1)dφ²/(2N)) / (φ¹ℓ_ν/σ_H,1 − φ²ηL1d/(2N))
            final double bound = (GAP + ETA * (L0 + L1) * D * p[1] / (2 * N)) / (p[0] * ell / sh - p[1] * q);
            assertEquals(bound, r.primaryBound().values().get(1).bound(), 1e-12 * bound);
            // weight ηₛℓ_ν/σ_H,1 − ηₛ²ηL1d/(2N): measured (ℓ/σ I1 − q I2)/(ℓ/σ φ¹ − q φ²)
            final double m = (ell / sh * A * p[0] - q * B * p[1]) / (ell / sh * p[0] - q * p[1]);
            assertEquals(m, r.points().get(2).measured(), 1e-12);
        }
    }

    @Test
    void divergedRunsExceedTheBound() {
        final ExperimentConfig c = config("dsgd", GAUSS, EPS03);
        final double[] p = phi(20);
        final RoundStats bad = Rows.row(20, 1, 0.01, 0.01, 0.01, 8, 2, 0, 0, 0, 0, 0, A, GN, p[0], p[1],
                A * p[0], B * p[1], new double[10]);
        final var r = TheoremChecker.check(c, Simulation.averages(c), List.of(rows(0.01).get(0), bad),
                Source.SDE_RESOLVED, null);
        assertEquals(Verdict.VIOLATED, r.verdict());
        assertEquals(Double.POSITIVE_INFINITY, r.primaryBound().maxExcess());
        assertTrue(r.primaryBound().note().contains("diverged"));
        final var o = TheoremChecker.check(c, Simulation.averages(c), List.of(rows(0.01).get(0), bad), "optimizer");
        assertEquals(Verdict.EXCEEDED, o.verdict());
    }

    @Test
    void theorems4To6DoNotApplyWithInfiniteVariance() {
        final ExperimentConfig c = config("dsgd", "{\"type\": \"student-t\", \"nu\": 2, \"sigma\": 1}", "");
        final var r = TheoremChecker.check(c, Simulation.averages(c), rows(0.01), "optimizer");
        assertFalse(r.condition().applicable());
        assertEquals(Verdict.NOT_APPLICABLE, r.verdict());
        assertTrue(r.summary().contains("not applicable") && r.summary().contains("infinite variance"), r.summary());
    }

    @Test
    void theorem7DoesNotApplyToUnboundedGaussianScale() {
        final ExperimentConfig c = config("dsignsgd", GAUSS, "");
        assertEquals(Verdict.NOT_APPLICABLE, TheoremChecker.check(c, Simulation.averages(c), rows(0.01), "sde").verdict());
    }

    @Test
    void sourceFromTheJobsKind() {
        final ExperimentConfig c = config("dsgd", GAUSS, EPS03);
        assertEquals(Source.OPTIMIZER, Source.of("optimizer", c));
        assertEquals(Source.SDE_MODEL, Source.of("sde", c));
        final ExperimentConfig fine = ConfigLoader.parse("""
                {"name": "ka", "runs": 2, "rounds": 10, "agents": 1, "optimizer": "dsgd", "eta": 0.05, "objective": {"type": "quartic", "dim": 1},
                 "x0": [1], "noise": {"type": "gaussian", "sigma0": 0.5}, "sde": {"enabled": true, "dt": 0.01}}
                """, List.of()).first();
        assertEquals(Source.SDE_RESOLVED, Source.of("sde", fine));
    }

    @Test
    void robbinsMonroVerdicts() {
        final ExperimentConfig half = config("dsgd", GAUSS, EPS03);
        final var rmHalf = TheoremChecker.check(half, Simulation.averages(half), rows(0.01), "x").robbinsMonro();
        assertFalse(rmHalf.classical()); // Σ 1/(k+1) diverges
        assertTrue(rmHalf.paper());      // but φ²/φ¹ → 0
    }

    @Test
    void withoutPerRunSumsTheVerdictIsUnresolvedAndSparseRecordingIsFlagged() {
        final ExperimentConfig c = config("dsgd", GAUSS, EPS03);
        final RoundStats r0 = Rows.row(0, 0, 0.01, 0.01, 0.01, 10, 0, 0, 0, 0, 0, 0, 1, 1, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, null);
        final RoundStats r1 = Rows.row(200, 10, 0.01, 0.01, 0.01, 10, 0, 0, 0, 0, 0, 0, 0.5, 0.7, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, null);
        final var r = TheoremChecker.check(c, Simulation.averages(c), List.of(r0, r1), Source.SDE_RESOLVED, null);
        // trapezoid of ηₛ vs Simpson φ¹ = 2η(√201 − 1)
        final double exact = 2 * ETA * (Math.sqrt(201) - 1);
        assertEquals(Math.abs(0.5 * (1 + 1 / Math.sqrt(201)) * 10 - exact) / exact,
                r.primaryBound().weightQuadratureError(), 1e-7);
        assertTrue(r.primaryBound().note().contains("too sparse"));
        assertEquals(Verdict.UNRESOLVED, r.verdict());
        assertTrue(r.primaryBound().settle().contains("standard error"), r.primaryBound().settle());
    }

    @Test
    void phiQuadratureMatchesClosedFormForPowerDecay() {
        // ηₛ = (s/η + 1)^{−1/2}: φ¹ₜ = 2η(√(t/η + 1) − 1), φ²ₜ = η ln(t/η + 1)
        final double eta = 0.05, t = 7.3;
        final double[] phi = TimeAverages.phiIncrements(new PowerDecay(0.5), eta, 0, t);
        assertEquals(2 * eta * (Math.sqrt(t / eta + 1) - 1), phi[0], 1e-9);
        assertEquals(eta * Math.log(t / eta + 1), phi[1], 1e-9);
        final double[] tail = TimeAverages.phiIncrements(new PowerDecay(0.5), eta, 2.0, t);
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
        final ExperimentConfig c = config("dcsgd", GAUSS,
                EPS03 + ", \"compression\": {\"type\": \"random-sparsification\", \"omega\": 1.5}");
        final var r = TheoremChecker.check(c, Simulation.averages(c), rows(0.01), Source.SDE_RESOLVED, null);
        final ObjectMapper om = new ObjectMapper();
        final JsonNode node = om.readTree(om.writeValueAsString(r));
        assertEquals("Theorem 6", node.get("theorem").asText());
        assertEquals(3, node.get("points").size());
        assertEquals(2, node.get("bounds").size());
        assertEquals(DcsgdCheck.DERIVED, node.get("bounds").get(0).get("label").asText());
        assertEquals(r.verdict().name(), node.get("verdict").asText());
        assertEquals(3, node.get("k").asDouble());
        assertTrue(node.get("bounds").get(0).get("values").get(0).has("se"));
        assertTrue(node.get("bounds").get(0).get("values").get(0).has("disc"));
    }
}
