package org.distsde.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * The adaptive server's state (m, v per run) travels in the checkpoint: a run resumed from the
 * state saved at round 30 gives the same rows, bit for bit, as the uninterrupted run. Without the
 * moments in the state (a server restarted from m = v = 0 at round 30) the rows would differ.
 */
class AdaptiveResumeTest {
    static ExperimentConfig cfg() {
        return ConfigLoader.parse("{\"name\":\"r\",\"seed\":5,\"runs\":16,\"rounds\":60,\"recordEvery\":6,"
                + "\"optimizer\":\"adamw\",\"agents\":3,\"eta\":0.05,\"objective\":{\"type\":\"quartic\",\"dim\":3},"
                + "\"x0\":[1.2],\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.5},"
                + "\"adaptive\":{\"beta1\":0.8,\"beta2\":0.95,\"theta\":0.1}}", List.of()).first();
    }

    @Test
    void resumedRunIsBitIdentical() {
        final ExperimentConfig c = cfg();
        final List<RoundStats> full = new Simulation(c).run(new LocalAggregator(c), null);
        final Simulation.State[] saved = new Simulation.State[1];
        new Simulation(c).run(new LocalAggregator(c), null, new Simulation.Checkpoints() {
            @Override public int every() { return 30; }
            @Override public Simulation.State load() { return null; }
            @Override public void save(Simulation.State s) {
                if (s.round() == 30) {
                    saved[0] = s;
                }
            }
        });
        assertEquals(2 * 16 * 3, saved[0].server().length, "m and v of every run and coordinate");
        assertTrue(java.util.Arrays.stream(saved[0].server()).anyMatch(v -> v != 0), "non-trivial moments");
        final List<RoundStats> resumed = new Simulation(c).run(new LocalAggregator(c), null, new Simulation.Checkpoints() {
            @Override public int every() { return 0; }
            @Override public Simulation.State load() { return saved[0]; }
            @Override public void save(Simulation.State s) { }
        });
        assertEquals(full.size(), resumed.size());
        for (int i = 0; i < full.size(); i++) {
            assertEquals(full.get(i).loss().mean(), resumed.get(i).loss().mean(), 0, "row " + i);
            assertEquals(full.get(i).loss().p95(), resumed.get(i).loss().p95(), 0, "row " + i);
        }
        // the moments matter: a resume from x alone (m = v = 0) departs from the full run
        final Simulation.State noMoments = new Simulation.State(saved[0].round(), saved[0].x(), saved[0].alive(),
                saved[0].integrals(), saved[0].rows(), new double[saved[0].server().length]);
        final List<RoundStats> wrong = new Simulation(c).run(new LocalAggregator(c), null, new Simulation.Checkpoints() {
            @Override public int every() { return 0; }
            @Override public Simulation.State load() { return noMoments; }
            @Override public void save(Simulation.State s) { }
        });
        assertTrue(wrong.get(wrong.size() - 1).loss().mean() != full.get(full.size() - 1).loss().mean());
    }
}
