package org.distsde.sde.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.SdeSimulation;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Noise-free gradient descent on objectives whose curvature changes strongly within one step has
 * a step-size limit at which it starts to overshoot away from the minimizer: on x⁴/4 from x₀,
 * η·x₀² = 2 (x₁ = x₀(1 − ηx₀²) = −x₀); on cosh from x₀, η·sinh(x₀) = 2x₀ (again x₁ = −x₀), while
 * the Hessian at x₀ would put it at 2/(3x₀²) and 2/cosh(x₀). The curvature-corrected SDE's flow
 * (integrated at Δt = η/64) must converge just below that limit and diverge just above it, like
 * the optimizer; the first-order SDE (Eq. 8) and the second-order modified equation must converge
 * on both sides — they have no limit. Bugs this catches: the curvature measured by the Hessian at
 * x (limit at 2/3 of the true one), ψ's sign for z &gt; 2, the secant taken over the wrong step.
 */
class StepSizeLimitTest {
    static ExperimentConfig config(String objective, double x0, double eta, String model, String dt) {
        return ConfigLoader.parse(String.format(Locale.ROOT, "{\"name\":\"l\",\"runs\":4,\"rounds\":400,"
                + "\"recordEvery\":400,\"optimizer\":\"dsgd\",\"agents\":1,\"eta\":%s,\"objective\":%s,\"x0\":[%s],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.0},\"divergenceThreshold\":1e8,"
                + "\"sde\":{\"enabled\":true,\"paths\":4,\"model\":\"%s\",\"dt\":%s,\"resolve\":false}}", eta, objective,
                x0, model, dt), List.of()).first();
    }

    static boolean sdeDiverges(String objective, double x0, double eta, String model) {
        final List<RoundStats> rows = new SdeSimulation(config(objective, x0, eta, model, Double.toString(eta / 64))).run();
        return rows.get(rows.size() - 1).diverged() > 0;
    }

    static boolean optimizerDiverges(String objective, double x0, double eta) {
        final ExperimentConfig c = config(objective, x0, eta, "full", Double.toString(eta));
        final List<RoundStats> rows = new Simulation(c).run(new LocalAggregator(c), null);
        return rows.get(rows.size() - 1).diverged() > 0;
    }

    @ParameterizedTest(name = "{0} from x0 = {1}")
    @CsvSource(delimiter = ';', value = {
        "{\"type\":\"quartic\",\"dim\":1}; 8.0; 0.03125",          // 2/x0²
        "{\"type\":\"quartic\",\"dim\":1}; 1.25; 1.28",            // B.2's x0
        "{\"type\":\"cosh\",\"dim\":1}; 3.0; 0.59892942",          // 2·3/sinh 3
    })
    void theCurvatureModelKnowsTheLimitOfGradientDescent(String objective, double x0, double limit) {
        if (objective.contains("cosh")) {
            assertEquals(2 * x0 / Math.sinh(x0), limit, 1e-6, "the fixture's limit");
        } else {
            assertEquals(2 / (x0 * x0), limit, 1e-12, "the fixture's limit");
        }
        final double below = 0.97 * limit, above = 1.03 * limit;
        assertTrue(!optimizerDiverges(objective, x0, below) && optimizerDiverges(objective, x0, above),
                "gradient descent itself: stable at 0.97, divergent at 1.03 times the limit");
        assertTrue(!sdeDiverges(objective, x0, below, "curvature"), "curvature model below the limit");
        assertTrue(sdeDiverges(objective, x0, above, "curvature"), "curvature model above the limit");
        for (String m : new String[] {"full", "modified"}) {
            assertTrue(!sdeDiverges(objective, x0, above, m) && !sdeDiverges(objective, x0, 3 * limit, m),
                    m + " has no step-size limit");
        }
    }
}
