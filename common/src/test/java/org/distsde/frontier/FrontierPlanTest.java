package org.distsde.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import java.util.List;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/** The frontier's grid, its configurations and the theorem ceilings in closed form. */
class FrontierPlanTest {
    static final String DSGD = """
            {"name": "t", "runs": 10, "rounds": 50, "optimizer": "dsgd", "agents": 10, "eta": 0.01,
             "objective": {"type": "quartic", "dim": 1}, "x0": [8.0],
             "noise": {"type": "gaussian", "sigma0": 0.0, "sigma1": 1.0}, "seed": 7}""";
    static final String DCSGD = """
            {"name": "t", "runs": 10, "rounds": 50, "optimizer": "dcsgd", "agents": 10, "eta": 0.1,
             "objective": {"type": "quartic", "dim": 10}, "x0": [1.25],
             "noise": {"type": "gaussian", "sigma0": 0.0, "sigma1": 0.1},
             "compression": {"type": "random-sparsification", "p": 0.5}}""";

    private static FrontierPlan plan(String json, String param, FrontierPlan.Axis... grid) {
        return FrontierPlan.of(ConfigLoader.parse(json, List.of()).tree(), List.of(grid), param);
    }

    /** Eq. 1 at σ0 = 0: 2Nε / (d σ1² (L0 + L1‖∇f(x0)‖)) with (L0, L1) = (4, 1), ‖∇f(8)‖ = 512. */
    @Test
    void dsgdCeilingInEtaAndInSigma1() {
        final FrontierPlan p = plan(DSGD, "eta");
        assertEquals(10.0 / 516, p.ceiling(0), 1e-15);
        assertEquals("Eq. 1", p.theorem(0));
        // inverted for sigma1 at eta = 0.01: sigma1² = 2Nε / (η (L0 + L1 G))
        final FrontierPlan s = plan(DSGD, "noise.sigma1");
        assertEquals(Math.sqrt(10 / (0.01 * 516)), s.ceiling(0), 1e-9);
        assertEquals(1.0, s.value(s.points().get(0).config()));
    }

    /** Eq. 5: N / ((L0 + L1 G) c1), c1 = ω + dσ1²(ω + 1); inverted for ω at the config's η. */
    @Test
    void dcsgdCeilingInEtaAndInOmega() {
        final double g = Math.sqrt(10) * Math.pow(1.25, 3), ds = 10 * 0.01;
        final FrontierPlan p = plan(DCSGD, "eta");
        assertEquals(10 / ((4 + g) * (1 + ds * 2)), p.ceiling(0), 1e-12); // p = 0.5: omega = 1
        assertEquals("Eq. 5", p.theorem(0));
        final FrontierPlan w = plan(DCSGD, "compression.omega");
        final double c1 = 10 / (0.1 * (4 + g));
        assertEquals((c1 - ds) / (1 + ds), w.ceiling(0), 1e-9);
        // omega replaces the config's keep probability p
        assertEquals(3.0, w.config(0, 3.0).compression().build().compression(1).omega(), 1e-12);
        // without noise the DCSGD ceiling is Eq. 3
        assertEquals("Eq. 3", plan(DCSGD.replace("\"sigma1\": 0.1", "\"sigma1\": 0.0"), "eta").theorem(0));
    }

    @Test
    void gridIsTheSweepWithGridAxesReplacingOrAdded() {
        final String swept = DSGD.replace("\"seed\": 7}", "\"seed\": 7, \"sweep\": {\"noise.sigma1\": [0.1, 1.0], "
                + "\"agents\": [3]}}");
        final FrontierPlan p = plan(swept, "eta", new FrontierPlan.Axis("agents", List.of(IntNode.valueOf(1),
                IntNode.valueOf(10))));
        assertEquals(4, p.points().size());
        assertEquals("noise.sigma1=0.1 agents=1", p.points().get(0).label());
        assertEquals("noise.sigma1=1.0 agents=10", p.points().get(3).label());
        final ExperimentConfig c = p.config(3, 0.123);
        assertEquals(0.123, c.eta());
        assertEquals(10, c.agents());
        assertEquals(7L, c.seed(), "the config's seed at every value: common random numbers");
        assertEquals(Integer.MAX_VALUE, c.recordEvery(), "only rounds 0 and K are recorded");
    }

    /**
     * The frontier over ω for compressors parametrised otherwise: rand-k sets k = d/(1 + ω) rounded
     * (d = 10: ω = 3 gives k = 3 (ω = 7/3 nearer than k = 2's 4)), QSGD s, rand-k ∘ natural k from
     * (9/8)(d/k) − 1; the value reported is the ω in force. The ceiling for rand-k is the largest
     * attainable ω at or below Eq. 5's continuous inverse. Catches the former requirement of random
     * sparsification, and a ceiling reported at a ω no k gives.
     */
    @Test
    void frontierOverOmegaForEveryUnbiasedCompressor() {
        final String randK = DCSGD.replace("{\"type\": \"random-sparsification\", \"p\": 0.5}",
                "{\"type\": \"rand-k\", \"k\": 5}");
        final FrontierPlan w = plan(randK, "compression.omega");
        final ExperimentConfig c = w.config(0, 3.0);
        assertEquals("rand-k(k=3)", c.compression().build().describe());
        assertEquals(7 / 3.0, w.value(c), 1e-12);
        assertEquals(1.0, w.value(w.points().get(0).config()), 1e-12, "k = 5 of 10: omega = 1");
        final double g = Math.sqrt(10) * Math.pow(1.25, 3), ds = 10 * 0.01;
        final double exact = (10 / (0.1 * (4 + g)) - ds) / (1 + ds); // the continuous inverse of Eq. 5
        // the attainable ω (10/k − 1: 9, 4, 2.33, …) just below the continuous inverse 8.84: k = 2
        assertTrue(exact > 4 && exact < 9, "the inverse lies between k = 2 and k = 1: " + exact);
        assertEquals(4.0, w.ceiling(0), 1e-12);
        final FrontierPlan q = plan(DCSGD.replace("{\"type\": \"random-sparsification\", \"p\": 0.5}",
                "{\"type\": \"qsgd\", \"s\": 1}"), "compression.omega");
        assertEquals("qsgd(s=2)", q.config(0, 1.5).compression().build().describe()); // sqrt(10)/2 = 1.58
        final FrontierPlan n = plan(DCSGD.replace("{\"type\": \"random-sparsification\", \"p\": 0.5}",
                "{\"type\": \"rand-k-natural\", \"k\": 5}"), "compression.omega");
        assertEquals(1.125 * 2 - 1, n.value(n.config(0, 1.25)), 1e-12);
        final ConfigException e = assertThrows(ConfigException.class, () -> plan(DCSGD.replace(
                "{\"type\": \"random-sparsification\", \"p\": 0.5}", "{\"type\": \"natural\"}"), "compression.omega"));
        assertTrue(e.getMessage().contains("parametrised by omega"), e.getMessage());
    }

    @Test
    void badInputNamesTheFieldOrOption() {
        final String[][] cases = {
            {DSGD.replace("\"dsgd\"", "\"dsignsgd\""), "eta", "optimizer must be dsgd or dcsgd"},
            {DSGD.replace("\"seed\": 7}", "\"seed\": 7, \"normalization\": {\"type\": \"grad-norm\"}}"), "eta",
                "normalization.type must be none"},
            {DSGD, "compression.omega", "--param compression.omega needs optimizer dcsgd"},
            {DSGD, "noise.tau", "--param must be one of"},
            {DSGD.replace("\"seed\": 7}", "\"seed\": 7, \"sweep\": {\"eta\": [0.1, 0.2]}}"), "eta", "--grid eta"},
        };
        for (String[] c : cases) {
            final ConfigException e = assertThrows(ConfigException.class, () -> plan(c[0], c[1]), c[2]);
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
        }
    }

    @Test
    void invertEdgeCases() {
        assertEquals(0, FrontierPlan.invert(v -> 1 / (1 + v), 2));
        assertEquals(Double.POSITIVE_INFINITY, FrontierPlan.invert(v -> 5, 2));
        assertEquals(3, FrontierPlan.invert(v -> 1 / (1 + v), 0.25), 1e-12);
    }
}
