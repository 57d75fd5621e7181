package org.distsde.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distsde.config.ConfigException;
import org.distsde.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/** The trajectory's run and points. */
class TrajectoryTest {
    /** On gₖ = 10^(−k/10), k = 0 … 100, K = 11 points spread evenly in ln g are every tenth round. */
    @Test
    void pointsAreSpreadEvenlyInLogGradient() {
        final double[] g = new double[101];
        for (int k = 0; k <= 100; k++) {
            g[k] = Math.pow(10, -k / 10.0);
        }
        assertArrayEquals(new int[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, Trajectory.spread(g, 11));
        // order does not matter, only the values: reversed, the same rounds counted from the end
        final double[] r = new double[101];
        for (int k = 0; k <= 100; k++) {
            r[k] = g[100 - k];
        }
        assertArrayEquals(new int[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, Trajectory.spread(r, 11));
        // a constant gradient, or a zero one: evenly spaced rounds
        assertArrayEquals(new int[] {0, 25, 50, 75, 100}, Trajectory.spread(new double[101], 5));
        final double[] c = new double[101];
        java.util.Arrays.fill(c, 2);
        assertArrayEquals(new int[] {0, 25, 50, 75, 100}, Trajectory.spread(c, 5));
        // distinct rounds even where values repeat
        final double[] rep = {1, 1, 1, 1, 1e-6};
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, Trajectory.spread(rep, 5));
    }

    /**
     * The points are the chosen run's iterates at the chosen rounds: ‖∇f(x_t)‖² recomputed from x_t
     * is the recorded one, rounds increase, and the rates are η·ηₜ (no normalization) for alive runs.
     */
    @Test
    void pointsAreTheRunsIterates() {
        final ExperimentConfig c = NoiseFitTest.cfg(NoiseFitTest.GAUSSIAN);
        final Trajectory t = Trajectory.of(c, 12, 3);
        assertEquals(0, t.run());
        assertEquals(400, t.lastRound());
        assertEquals(401, t.length());
        final FitPoints p = t.points();
        assertEquals(12, p.size());
        final var f = c.buildObjective();
        final double[] g = new double[4];
        for (int k = 0; k < 12; k++) {
            assertEquals(f.gradient(p.point(k), 0, g, 0), p.gradNormSq()[k], 0);
            assertEquals(t.gradNormSq(p.rounds()[k], 0), p.gradNormSq()[k], 0);
            assertTrue(k == 0 || p.rounds()[k] > p.rounds()[k - 1]);
        }
        assertEquals(0, p.rounds()[0]); // x0 has the largest gradient
        assertArrayEquals(c.initialPoint(), p.point(0));
        assertEquals(0.01, t.rate(37, 2), 0);
        assertTrue(t.note().isEmpty());
    }

    /**
     * x⁴/4 from x0 = 1.5 at η = 1 diverges within a few rounds in every run: the points are all the
     * rounds of the run that lasted longest, with a note; asking more of a run that does not
     * diverge is an error naming --points.
     */
    @Test
    void divergingRunsGiveTheirRounds() {
        final ExperimentConfig c = NoiseFitTest.cfg("""
                {"name": "div", "seed": 1, "runs": 4, "rounds": 50, "optimizer": "dsgd", "agents": 2, "eta": 1.0,
                 "objective": {"type": "quartic", "dim": 1}, "x0": [1.5], "divergenceThreshold": 1e6,
                 "noise": {"type": "gaussian", "sigma0": 0.01, "sigma1": 0.0}}""");
        final Trajectory t = Trajectory.of(c, 20, 4);
        assertTrue(t.lastRound() < 20 && t.lastRound() >= 2, "last round " + t.lastRound());
        assertEquals(t.lastRound() + 1, t.points().size());
        assertTrue(t.note().startsWith("fitted at " + (t.lastRound() + 1) + " points, not 20"), t.note());
        final ConfigException e = assertThrows(ConfigException.class,
                () -> Trajectory.of(NoiseFitTest.cfg(NoiseFitTest.GAUSSIAN), 402, 1));
        assertTrue(e.getMessage().startsWith("--points 402 exceeds the 401 rounds"), e.getMessage());
    }
}
