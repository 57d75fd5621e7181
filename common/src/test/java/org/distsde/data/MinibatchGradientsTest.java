package org.distsde.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distsde.objective.DataObjective;
import org.distsde.rng.KeyedStream;
import org.junit.jupiter.api.Test;

class MinibatchGradientsTest {
    private static final Dataset BC = TestData.breastCancer().standardized();

    /**
     * Over R draws, each coordinate's sample mean is the shard's full gradient and its sample
     * variance is the per-row variance over the shard divided by B (draws with replacement), both
     * within 5 Monte Carlo standard errors (SE of a variance from the sample fourth moment).
     */
    private static void assertMomentsOfDraws(DataObjective f, AgentSplit split, int agent, int batch, int reps) {
        final MinibatchGradients mg = new MinibatchGradients(f, split, batch);
        final int d = f.dim();
        final double[] x = f.initialPoint(3, 0);
        for (int j = 0; j < d; j++) {
            x[j] += 0.1 * Math.sin(j);
        }
        // exact: shard mean and per-row variance
        final double[] full = new double[d], row = new double[d], rowVar = new double[d];
        mg.shardGradient(agent, x, 0, full);
        final int[] shard = split.shard(agent);
        for (int r : shard) {
            f.minibatchGradient(x, 0, new int[] {r}, 0, 1, row, 0);
            for (int j = 0; j < d; j++) {
                rowVar[j] += (row[j] - full[j]) * (row[j] - full[j]) / shard.length;
            }
        }
        final KeyedStream rng = new KeyedStream(1, KeyedStream.Purpose.OPTIMIZER).at(0, agent, 0);
        final double[] g = new double[d], s1 = new double[d], s2 = new double[d], s4 = new double[d];
        for (int t = 0; t < reps; t++) {
            mg.sample(agent, x, 0, rng, g);
            for (int j = 0; j < d; j++) {
                final double c = g[j] - full[j]; // centred at the exact mean
                s1[j] += c;
                s2[j] += c * c;
                s4[j] += c * c * c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            final double m = s1[j] / reps, v = s2[j] / reps, m4 = s4[j] / reps;
            assertEquals(0, m, 5 * Math.sqrt(v / reps) + 1e-15, "mean of coordinate " + j);
            assertEquals(rowVar[j] / batch, v, 5 * Math.sqrt((m4 - v * v) / reps) + 1e-15, "variance of coordinate " + j);
        }
    }

    @Test
    void drawsAverageToTheShardGradientWithVarianceOverB() {
        final DataObjective f = new DataObjective(BC, new LogisticRegression());
        final AgentSplit split = AgentSplit.dirichlet(BC, 5, 1, 3);
        assertMomentsOfDraws(f, split, 2, 4, 20_000);
        assertMomentsOfDraws(f, split, 0, 1, 20_000);
    }

    @Test
    void mlpDrawsWithABatchLargerThanTheShard() {
        final DataObjective f = new DataObjective(BC, new Mlp(5));
        final AgentSplit split = AgentSplit.iid(BC.rows(), 100, 4); // shards of 5 or 6 rows
        assertMomentsOfDraws(f, split, 7, 9, 10_000);
    }

    @Test
    void invalidSettingsAreRejected() {
        final DataObjective f = new DataObjective(BC, new LogisticRegression());
        final AgentSplit split = AgentSplit.iid(BC.rows(), 3, 1);
        assertThrows(IllegalArgumentException.class, () -> new MinibatchGradients(f, split, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new MinibatchGradients(f, AgentSplit.iid(100, 3, 1), 1));
        final Dataset twoClasses = BC.select(new int[] {0, 1, 19, 20}); // labels 0, 0, 1, 1
        final AgentSplit withEmpty = AgentSplit.dirichlet(twoClasses, 4, 0.01, 0, 0);
        boolean empty = false;
        for (int i = 0; i < 4; i++) {
            empty |= withEmpty.shardSize(i) == 0;
        }
        assertTrue(empty, "expected an empty shard at alpha = 0.01");
        final DataObjective small = new DataObjective(twoClasses, new LogisticRegression());
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MinibatchGradients(small, withEmpty, 1));
        assertTrue(e.getMessage().contains("owns no rows"), e.getMessage());
    }
}
