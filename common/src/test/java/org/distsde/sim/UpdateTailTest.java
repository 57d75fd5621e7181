package org.distsde.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/**
 * The update's tail index (Hill over |Σᵢmᵢ| of all runs and coordinates) tells the papers' point
 * apart: started at the minimum (∇f = 0), the sum of N standard Cauchy messages is Cauchy with
 * scale N, tail index 1 at every N, while the sign aggregate is bounded. 2000 runs × d = 2 gives
 * n = 4000 values and k = 63, so α̂ has a relative standard error 1/√63 ≈ 13%; the check allows
 * 3 of them. Catches: the loss's tail instead of the update's (the loss x⁴/4 moves little in one
 * step), the update of another round (round 0 must have one, the last round none).
 */
class UpdateTailTest {
    private static List<RoundStats> run(String optimizer, int agents) {
        final ExperimentConfig c = ConfigLoader.parse("{\"name\":\"t\",\"seed\":11,\"runs\":2000,\"rounds\":2,"
                + "\"recordEvery\":1,\"optimizer\":\"" + optimizer + "\",\"agents\":" + agents + ",\"eta\":0.01,"
                + "\"objective\":{\"type\":\"quartic\",\"dim\":2},\"x0\":[0],"
                + "\"noise\":{\"type\":\"student-t\",\"nu\":1,\"sigma\":1}}", List.of()).first();
        return new Simulation(c).run(new LocalAggregator(c), null);
    }

    private static void assertCauchy(RoundStats r) {
        final double a = r.updateTail().alpha();
        assertTrue(Math.abs(a - 1) < 3 * a / Math.sqrt(63), "tail index " + a + " should be 1 (Cauchy)");
        assertTrue(r.updateTail().lo() < a && a < r.updateTail().hi());
    }

    @Test
    void averagingCauchyAgentsStaysCauchy() {
        for (int n : new int[] {1, 10, 50}) {
            final List<RoundStats> rows = run("dsgd", n);
            assertCauchy(rows.get(0));
            assertTrue(Double.isNaN(rows.get(rows.size() - 1).updateTail().alpha()), "no update at the last round");
        }
    }

    @Test
    void theSignAggregateHasNoHeavyTail() {
        final RoundStats r = run("dsignsgd", 10).get(0);
        assertFalse(r.updateTail().lo() < 3, "sign aggregate: tail index " + r.updateTail().alpha()
                + " [" + r.updateTail().lo() + ", " + r.updateTail().hi() + "] should be far above 1");
    }
}
