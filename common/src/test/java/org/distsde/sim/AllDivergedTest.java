package org.distsde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.SdeSpec;
import org.distsde.sde.Configs;
import org.distsde.sde.SdeSimulation;
import org.junit.jupiter.api.Test;

/**
 * Every run diverging, at a round computed independently: noiseless DSGD on f = x⁴/4 is
 * x_{k+1} = x_k − ηx_k³, which blows up when ηx₀² &gt; 2, and Euler–Maruyama of its SDE at Δt = η is
 * the same map. Both must count all runs as diverged from the first round k with f(x_k) above the
 * threshold on, keep every recorded round (runs 0, statistics NaN, never averaged), and count none
 * before it.
 */
class AllDivergedTest {
    static final double ETA = 1, X0 = 1.5, THRESHOLD = 1e6;
    static final int RUNS = 8, ROUNDS = 20;

    private static ExperimentConfig cfg() {
        final ExperimentConfig c = Configs.of("dsgd", Configs.quartic(1), new double[] {X0}, Configs.gaussian(0, 0), 2,
                ETA, RUNS, ROUNDS, 1, null, null, null, new SdeSpec(true, null, RUNS));
        return new ExperimentConfig(c.name(), c.description(), c.seed(), c.runs(), c.rounds(), c.recordEvery(),
                c.optimizer(), c.agents(), c.eta(), c.objective(), c.x0(), c.noise(), c.compression(), c.schedule(),
                c.normalization(), c.smoothness(), THRESHOLD, c.signSampling(), c.layout(), c.sde(),
                c.recordCoordinates(), null);
    }

    /** The first k with f(x_k) = x_k⁴/4 above the threshold (or not finite). */
    static int divergenceRound() {
        double x = X0;
        for (int k = 0; k <= ROUNDS; k++) {
            final double f = x * x * x * x / 4;
            if (!(f <= THRESHOLD)) {
                return k;
            }
            x -= ETA * x * x * x;
        }
        throw new AssertionError("the map must diverge within " + ROUNDS + " rounds");
    }

    private static void check(List<RoundStats> rows, String what) {
        final int kd = divergenceRound();
        assertTrue(kd >= 2 && kd < ROUNDS, "divergence round " + kd);
        assertEquals(ROUNDS + 1, rows.size(), what + ": every recorded round is kept");
        for (RoundStats r : rows) {
            if (r.round() < kd) {
                assertEquals(RUNS, r.runs(), what + " round " + r.round());
                assertEquals(0, r.diverged(), what + " round " + r.round());
                assertTrue(Double.isFinite(r.loss().mean()), what + " round " + r.round());
            } else {
                assertEquals(0, r.runs(), what + " round " + r.round());
                assertEquals(RUNS, r.diverged(), what + " round " + r.round());
                assertTrue(Double.isNaN(r.loss().mean()), what + ": nothing is averaged at round " + r.round());
            }
        }
    }

    @Test
    void optimizerCountsEveryRunFromTheDivergenceRound() {
        try (var agg = new LocalAggregator(cfg())) {
            check(new Simulation(cfg()).run(agg, null), "optimizer");
        }
    }

    @Test
    void sdeAtDtEqualEtaCountsEveryPathFromTheSameRound() {
        check(new SdeSimulation(cfg()).run(), "SDE");
    }
}
