package org.distsde.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Rows;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

/** The time-averaged stationary values of the adaptive methods beside seed 000's closed forms. */
class StationaryAveragesTest {
    static ExperimentConfig cfg(String optimizer, int agents) {
        return ConfigLoader.parse("""
                {"name": "st", "runs": 50, "rounds": 100, "recordEvery": 10, "optimizer": "%s", "agents": %d,
                 "eta": 0.001, "objective": {"type": "quadratic", "h": [1, 3]}, "x0": [0.01, 0.01],
                 "noise": {"type": "gaussian", "sigma0": 0.02}, "adaptive": {"theta": 4}, "recordCoordinates": 2}
                """.formatted(optimizer, agents), List.of()).first();
    }

    /** Rows at t = 0.01k, k = 0..10, with Var[x1] = 1 before t = 0.05 (a transient) and 2 + k/100 after. */
    static List<RoundStats> rows() {
        final List<RoundStats> out = new ArrayList<>();
        for (int k = 0; k <= 10; k++) {
            final double t = 0.01 * k;
            final double v1 = t < 0.05 ? 1 : 2 + k / 100.0;
            out.add(Rows.row(10 * k, t, 0.001, 0.001, 0.001, 50, 0, 3 + k, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    new double[] {0, 0}, new double[] {v1, 5}));
        }
        return out;
    }

    /**
     * AdamW, N = 4 agents (the server sees σ = 0.02/√4 = 0.01), θ = 4: Lemma C.57's (η/2)/(hⱼ/σ + θ)
     * = 0.0005/104 and 0.0005/304; the average of Var[x1] over t ≥ 0.05 (k = 5..10) only, 2 + 0.075;
     * its SE bound the largest single-time one, Var·√(2/49). Bugs caught: a missing 1/√N, θ dropped,
     * the transient averaged in, the SE of a mean of correlated times taken as if independent.
     */
    @Test
    void adamWTimeAverageAgainstLemmaC57() {
        final ExperimentConfig c = cfg("adamw", 4);
        final StationaryAverages.Result r = StationaryAverages.of(c, rows());
        assertNotNull(r);
        assertEquals("Lemma C.57 (= Lemma 3.14)", r.lemma());
        assertEquals(0.0005 / (1 / 0.01 + 4), r.predicted()[0], 1e-18);
        assertEquals(0.0005 / (3 / 0.01 + 4), r.predicted()[1], 1e-18);
        assertEquals(6, r.times());
        assertEquals(2.075, r.variance()[0], 1e-12);
        assertEquals(2.10 * Math.sqrt(2.0 / 49), r.varianceSe()[0], 1e-12);
        assertEquals(3 + 7.5, r.loss(), 1e-12); // loss_mean 3 + k, mean of k = 5..10 is 7.5
        assertEquals(7 / Math.sqrt(50), r.lossSe(), 1e-12);
        assertEquals(0.5 * (1 * r.predicted()[0] + 3 * r.predicted()[1]), r.lossPredicted(), 1e-18);
        // RMSprop: no decay, Lemma C.40's (η/2)σ/hⱼ
        final StationaryAverages.Result q = StationaryAverages.of(cfg("rmsprop", 4), rows());
        assertEquals("Lemma C.40", q.lemma());
        assertEquals(0.0005 * 0.01 / 3, q.predicted()[1], 1e-18);
        // the checker reports it for the adaptive series (optimizer or SDE)
        final var rep = TheoremChecker.check(c, Simulation.averages(c), rows(), "sde");
        assertNotNull(rep.stationary());
        assertTrue(rep.summary().contains("Lemma C.57"), rep.summary());
        // no closed form: a quartic objective
        assertNull(StationaryAverages.of(ConfigLoader.parse("""
                {"name": "q", "runs": 5, "rounds": 10, "optimizer": "adamw", "agents": 1, "eta": 0.001,
                 "objective": {"type": "quartic", "dim": 2}, "x0": [1], "noise": {"type": "gaussian", "sigma0": 1}}
                """, List.of()).first(), rows()));
    }
}
