package org.distsde.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

class QuadraticLimitsTest {
    static final double[] H = {1, 1};

    @Test
    void closedFormsAgainstHandComputedValues() {
        // Lemma 3.6: eta Tr(H) sigma^2 / (4 mu) = 0.01 * 2 * 1 / 4
        assertEquals(0.005, QuadraticLimits.sgd(0.01, H, 1), 1e-15);
        assertEquals(50.0, QuadraticLimits.sgd(0.01, H, 100), 1e-12);
        // discrete SGD: 2 * 0.01 / (2 * 1.99)
        assertEquals(0.01 / 1.99, QuadraticLimits.sgdDiscrete(0.01, H, 1), 1e-15);
        // Lemma 3.5 Phase 3: Delta = sqrt(2/pi) + 0.01/pi = 0.80106766, S = 0.01 / (2 Delta)
        assertEquals(0.00624167003, QuadraticLimits.signSgd(0.01, H, 1), 1e-11);
        // about linear in sigma for large sigma: S ~ eta sigma sqrt(pi/2) / 2
        assertEquals(0.01 * 100 * Math.sqrt(Math.PI / 2) / 2, QuadraticLimits.signSgd(0.01, H, 100), 2e-3);
    }

    /** Mean loss over runs at a stationary round, and its standard error. */
    static double[] stationary(String optimizer, double sigma) {
        final ExperimentConfig c = ConfigLoader.parse("""
                {"name": "limit", "runs": 4000, "rounds": 1500, "recordEvery": 1500, "optimizer": "%s", "agents": 1,
                 "eta": 0.01, "objective": {"type": "quadratic", "h": [1, 1]}, "x0": [0.2, -0.2],
                 "noise": {"type": "gaussian", "sigma0": %s}}
                """.formatted(optimizer, sigma), List.of()).first();
        final List<RoundStats> rows = new Simulation(c).run(new LocalAggregator(c), null);
        final RoundStats last = rows.get(rows.size() - 1);
        return new double[] {last.loss().mean(), last.loss().std() / Math.sqrt(last.runs())};
    }

    @Test
    void sgdReachesItsStationaryLossAndLemma36ToOrderEta() {
        final double[] m = stationary("dsgd", 1.0); // t = 15: transient e^{-30}
        assertEquals(QuadraticLimits.sgdDiscrete(0.01, H, 1), m[0], 4 * m[1]);
        // Lemma 3.6 describes the SDE; the optimizer differs from it by a factor 1/(1 - eta/2)
        assertEquals(QuadraticLimits.sgd(0.01, H, 1), m[0], 4 * m[1] + 0.01 * QuadraticLimits.sgd(0.01, H, 1));
    }

    @Test
    void signSgdReachesTheLemma35LimitUpToOrderEta() {
        final double[] m = stationary("dsignsgd", 1.0); // rate 2 mu Delta = 1.6: t = 15 is stationary
        final double lim = QuadraticLimits.signSgd(0.01, H, 1);
        // the limit is the SDE's; the discrete sign iteration deviates by O(eta): allow 5% plus 4 SE
        assertEquals(lim, m[0], 0.05 * lim + 4 * m[1]);
    }
}
