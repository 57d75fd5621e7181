package org.distsde.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AgentSplitTest {
    /** C classes of nc rows each, interleaved (row i has label i mod C); one feature. */
    private static Dataset classes(int c, int nc) {
        final double[] x = new double[c * nc], y = new double[c * nc];
        for (int i = 0; i < c * nc; i++) {
            x[i] = i;
            y[i] = i % c;
        }
        return new Dataset(x, y, 1);
    }

    /** Every row exactly once, offsets from 0 to n, non-decreasing. */
    private static void assertPartition(AgentSplit s, int n, int agents) {
        assertEquals(agents, s.agents());
        assertEquals(n, s.size());
        final int[] off = s.offsets();
        assertEquals(0, off[0]);
        assertEquals(n, off[agents]);
        for (int i = 0; i < agents; i++) {
            assertTrue(off[i] <= off[i + 1]);
        }
        final int[] sorted = s.rows();
        Arrays.sort(sorted);
        for (int k = 0; k < n; k++) {
            assertEquals(k, sorted[k], "the split is not a permutation");
        }
    }

    @Test
    void iidSplitIsAPermutationInEqualChunks() {
        for (int[] nm : new int[][] {{10, 3}, {569, 7}, {5, 5}, {8, 1}}) {
            final AgentSplit s = AgentSplit.iid(nm[0], nm[1], 4);
            assertPartition(s, nm[0], nm[1]);
            for (int i = 0; i < nm[1]; i++) {
                assertTrue(Math.abs(s.shardSize(i) - (double) nm[0] / nm[1]) < 1, s.describe());
            }
        }
        assertFalse(Arrays.equals(AgentSplit.iid(569, 1, 4).rows(), AgentSplit.iid(569, 1, 5).rows()));
    }

    @Test
    void sameSeedSameSplitForEveryKind() {
        final Dataset data = classes(3, 60);
        assertArrayEquals(AgentSplit.iid(180, 4, 9).rows(), AgentSplit.iid(180, 4, 9).rows());
        assertArrayEquals(AgentSplit.label(data, 4, 9).rows(), AgentSplit.label(data, 4, 9).rows());
        final AgentSplit a = AgentSplit.dirichlet(data, 4, 0.5, 9), b = AgentSplit.dirichlet(data, 4, 0.5, 9);
        assertArrayEquals(a.rows(), b.rows());
        assertArrayEquals(a.offsets(), b.offsets());
        assertFalse(Arrays.equals(a.rows(), AgentSplit.dirichlet(data, 4, 0.5, 10).rows()));
    }

    @Test
    void labelSplitDealsSortedLabelsWithTiesShuffled() {
        final Dataset data = classes(3, 40);
        final AgentSplit s = AgentSplit.label(data, 6, 1);
        assertPartition(s, 120, 6);
        for (int k = 1; k < 120; k++) {
            assertTrue(data.label(s.row(k - 1)) <= data.label(s.row(k)), "labels not sorted at " + k);
        }
        for (int i = 0; i < 6; i++) {
            assertEquals(20, s.shardSize(i));
            assertEquals(1, Arrays.stream(s.shard(i)).mapToDouble(data::label).distinct().count());
        }
        // ties in random order: not the row order, and seed-dependent
        final int[] first = Arrays.copyOf(s.rows(), 40);
        final int[] inOrder = new int[40];
        Arrays.setAll(inOrder, k -> 3 * k);
        assertFalse(Arrays.equals(inOrder, first));
        assertFalse(Arrays.equals(first, Arrays.copyOf(AgentSplit.label(data, 6, 2).rows(), 40)));
    }

    @Test
    void dirichletSharesHaveTheDirichletMeanAndVariance() {
        // share s_{c,i} of class c's rows going to agent i: marginally Beta(α, (N−1)α), so
        // E = 1/N and Var = (1/N)(1 − 1/N)/(Nα + 1); minRows = 0 leaves the law unconditioned
        final int agents = 4, nc = 1000, reps = 2000, c = 2;
        final double alpha = 0.5;
        final Dataset data = classes(c, nc);
        final double[][] sum = new double[c][agents], sumSq = new double[c][agents];
        for (int r = 0; r < reps; r++) {
            final AgentSplit s = AgentSplit.dirichlet(data, agents, alpha, 0, 1000 + r);
            assertPartition(s, c * nc, agents);
            for (int i = 0; i < agents; i++) {
                final int[] count = new int[c];
                for (int row : s.shard(i)) {
                    count[(int) data.label(row)]++;
                }
                for (int k = 0; k < c; k++) {
                    final double share = (double) count[k] / nc;
                    sum[k][i] += share;
                    sumSq[k][i] += share * share;
                }
            }
        }
        final double a = alpha, b = (agents - 1) * alpha;
        final double mean = 1.0 / agents, var = mean * (1 - mean) / (agents * alpha + 1);
        final double kurt = 6 * ((a - b) * (a - b) * (a + b + 1) - a * b * (a + b + 2)) / (a * b * (a + b + 2) * (a + b + 3));
        final double mu4 = (kurt + 3) * var * var;
        final double seMean = Math.sqrt(var / reps), seVar = Math.sqrt((mu4 - var * var) / reps);
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < agents; i++) {
                final double m = sum[k][i] / reps;
                final double v = (sumSq[k][i] - reps * m * m) / (reps - 1);
                // 5 standard errors each (16 tests: a false alarm has probability ≈ 1e-5)
                assertEquals(mean, m, 5 * seMean, "mean share of class " + k + " at agent " + i);
                assertEquals(var, v, 5 * seVar, "variance of the share of class " + k + " at agent " + i);
            }
        }
    }

    @Test
    void largeAlphaGivesNearlyIidShares() {
        final Dataset data = classes(3, 500);
        for (int r = 0; r < 100; r++) {
            final AgentSplit s = AgentSplit.dirichlet(data, 5, 1e4, r);
            for (int i = 0; i < 5; i++) {
                final int[] count = new int[3];
                for (int row : s.shard(i)) {
                    count[(int) data.label(row)]++;
                }
                for (int k = 0; k < 3; k++) { // sd of a share: √(0.16/50001) ≈ 0.002, plus 1/500 rounding
                    assertEquals(0.2, count[k] / 500.0, 0.02, s.describe());
                }
            }
        }
    }

    /** Mean number of distinct classes per agent over 50 Dirichlet splits of 10 classes × 100 rows to 10 agents. */
    private static double classesPerAgent(double alpha) {
        final Dataset data = classes(10, 100);
        double distinct = 0;
        for (int r = 0; r < 50; r++) {
            final AgentSplit s = AgentSplit.dirichlet(data, 10, alpha, r);
            assertPartition(s, 1000, 10);
            for (int i = 0; i < 10; i++) {
                assertTrue(s.shardSize(i) >= 1);
                distinct += Arrays.stream(s.shard(i)).mapToDouble(data::label).distinct().count();
            }
        }
        return distinct / 500;
    }

    @Test
    void smallAlphaConcentratesEachAgentOnFewClasses() {
        final double skewed = classesPerAgent(0.05), mild = classesPerAgent(1), flat = classesPerAgent(100);
        assertTrue(skewed < 5 && skewed < mild && mild < flat && flat > 9.9,
                "classes per agent at alpha 0.05, 1, 100: " + skewed + ", " + mild + ", " + flat);
    }

    @Test
    void minimumShardSizeIsEnforcedOrNamesTheFix() {
        final Dataset data = classes(2, 50);
        for (int r = 0; r < 20; r++) {
            final AgentSplit s = AgentSplit.dirichlet(data, 4, 1, 10, r);
            for (int i = 0; i < 4; i++) {
                assertTrue(s.shardSize(i) >= 10);
            }
        }
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentSplit.dirichlet(data, 50, 0.01, 2, 0));
        assertTrue(e.getMessage().contains("fewer agents or a larger alpha"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void invalidArgumentsAreRejected() {
        final Dataset data = classes(2, 5);
        assertThrows(IllegalArgumentException.class, () -> AgentSplit.iid(10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> AgentSplit.iid(10, 11, 1));
        assertThrows(IllegalArgumentException.class, () -> AgentSplit.label(data, 11, 1));
        for (double alpha : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AgentSplit.dirichlet(data, 2, alpha, 1));
            assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> AgentSplit.dirichlet(data, 2, 1, 6, 1));
        final Dataset real = new Dataset(new double[] {1, 2}, new double[] {0.5, 1}, 1);
        assertThrows(IllegalArgumentException.class, () -> AgentSplit.dirichlet(real, 2, 1, 1));
    }
}
