package org.distsde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.ScheduleSpec;
import org.distsde.config.SdeSpec;
import org.distsde.sde.Configs;
import org.distsde.sde.SdeSimulation;
import org.junit.jupiter.api.Test;

/**
 * The recorded learning rate is η·ηₖ with ηₖ = (k + 1)^−θ at every recorded round k, in the
 * optimizer and in its SDE at every refinement level (SDE time t = kη, ηₜ = (t/η + 1)^−θ): an
 * off-by-one in the schedule index (ηₖ₊₁ or ηₖ₋₁) or a level that reads the schedule at its own
 * step index instead of the optimizer round changes the column by far more than rounding.
 */
class LearningRateColumnTest {
    static final double ETA = 0.05, THETA = 0.5;

    private static ExperimentConfig cfg() {
        return Configs.of("dsgd", Configs.quadratic(1.0, 3.0), new double[] {1, -1}, Configs.gaussian(0.5, 0.2), 3, ETA,
                20, 60, 7, null, new ScheduleSpec("power", THETA), null, new SdeSpec(true, null, 20));
    }

    private static void check(List<RoundStats> rows, String what) {
        for (RoundStats r : rows) {
            final double want = ETA * Math.pow(r.round() + 1, -THETA);
            assertEquals(want, r.lr().mean(), 1e-12 * want, what + " lr at round " + r.round());
            assertEquals(want, r.lr().min(), 1e-12 * want, what + " lr_min at round " + r.round());
            assertEquals(want, r.lr().max(), 1e-12 * want, what + " lr_max at round " + r.round());
        }
        assertEquals(60, rows.get(rows.size() - 1).round(), what + ": the last round is recorded");
    }

    @Test
    void optimizerRecordsTheScheduledRate() {
        try (var agg = new LocalAggregator(cfg())) {
            check(new Simulation(cfg()).run(agg, null), "optimizer");
        }
    }

    @Test
    void sdeRecordsTheScheduledRateAtEveryLevel() {
        for (int level = 0; level <= 3; level++) {
            check(new SdeSimulation(cfg(), level).run(), "SDE level " + level);
        }
    }
}
