package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/** The cost model's estimates against the README's formulas, computed by hand. */
class CostModelTest {
    static ExperimentConfig cfg(String optimizer, String extra) {
        return ConfigLoader.parse("""
                {"name": "c", "runs": 100, "rounds": 50, "optimizer": "%s", "agents": 1000, "eta": 0.01,
                 "objective": {"type": "quartic", "dim": 4}, "x0": [1.0],
                 "noise": {"type": "gaussian", "sigma0": 1} %s}
                """.formatted(optimizer, extra), List.of()).first();
    }

    /**
     * Agents layout, DSignSGD with CDF signs: K·a + N·R·K·d·8.1 ns / cores = 50·0.06 + 10³·100·50·4·8.1e-9/2;
     * the runs layout drops K·a. Catches a missing factor d, N, R or K, or the per-round job charged
     * to the runs layout.
     */
    @Test
    void optimizerSecondsFollowTheReadmeModel() {
        final ExperimentConfig agents = cfg("dsignsgd", ", \"signSampling\": \"cdf\", \"layout\": {\"mode\": \"agents\", "
                + "\"engine\": \"spark\"}");
        final double work = 1000.0 * 100 * 50 * 4 * 8.1e-9;
        assertEquals(50 * 0.06 + work / 2, CostModel.optimizerSeconds(agents, 2), 1e-12);
        // the same series small enough for the driver (layout.engine auto: 2e7 <= 2.5e8 units) pays no round's job
        final ExperimentConfig driver = cfg("dsignsgd", ", \"signSampling\": \"cdf\", \"layout\": {\"mode\": \"agents\"}");
        assertEquals(work / 2, CostModel.optimizerSeconds(driver, 2), 1e-12);
        final ExperimentConfig runs = cfg("dsignsgd", ", \"signSampling\": \"cdf\"");
        assertEquals(work / 2, CostModel.optimizerSeconds(runs, 2), 1e-12);
        // DCSGD under Gaussian noise costs 4x (the README's table)
        final ExperimentConfig dcsgd = cfg("dcsgd", ", \"compression\": {\"type\": \"random-sparsification\", \"p\": 0.5}");
        assertEquals(4 * work / 2, CostModel.optimizerSeconds(dcsgd, 2), 1e-12);
    }

    /** SDE: paths·steps·d·25 ns·(2^L − 1)/cores; steps = K·η/Δt₀. Catches a level count off by one. */
    @Test
    void sdeSecondsDoubleWithEveryLevel() {
        final ExperimentConfig c = cfg("dsgd", ", \"sde\": {\"enabled\": true, \"dt\": 0.005}");
        final double level0 = 100.0 * 100 * 4 * 25e-9 / 2; // 100 paths, 50·0.01/0.005 = 100 steps, d = 4
        assertEquals(level0, CostModel.sdeSeconds(c, 2, 1), 1e-15);
        assertEquals(7 * level0, CostModel.sdeSeconds(c, 2, 3), 1e-15);
        assertEquals(63 * level0, CostModel.dtStudySeconds(c, 2), 1e-15); // maxRefinements 5: 6 levels
    }
}
