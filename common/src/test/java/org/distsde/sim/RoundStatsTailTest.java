package org.distsde.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The Hill tail-index columns of a round: computed over the alive runs, last in the table. */
class RoundStatsTailTest {
    /** 150 runs with loss r + 1, runs 3 and 70 diverged: n = 148, k = 12, computed by hand. */
    @Test
    void tailIndexOfTheAliveLosses() {
        final int runs = 150;
        final double[] loss = new double[runs], gn2 = new double[runs], lr = new double[runs];
        final boolean[] alive = new boolean[runs];
        for (int r = 0; r < runs; r++) {
            loss[r] = r + 1;
            alive[r] = r != 3 && r != 70;
        }
        loss[3] = 1e300; // diverged: must not enter
        final RoundStats s = RoundStats.of(5, 0.5, loss, gn2, lr, alive);
        // alive losses sorted: 1, 2, 3, 5, …, 70, 72, …, 150 (148 values); k = 12, threshold = the 13th largest = 138
        double h = 0;
        for (int v = 139; v <= 150; v++) {
            h += Math.log(v / 138.0);
        }
        final double alpha = 12 / h;
        assertEquals(alpha, s.lossTail().alpha(), 1e-12 * alpha);
        assertEquals(alpha * (1 - 1.959963984540054 / Math.sqrt(12)), s.lossTail().lo(), 1e-12 * alpha);
        assertEquals(alpha * (1 + 1.959963984540054 / Math.sqrt(12)), s.lossTail().hi(), 1e-12 * alpha);
    }

    /** Appended after the coordinate moments, so every earlier column keeps its position. */
    @Test
    void columnsComeLast() {
        final String[] c = RoundSchema.names(2);
        final String[] none = RoundSchema.names(0);
        assertArrayEquals(Arrays.copyOf(none, none.length - 6), Arrays.copyOf(c, none.length - 6));
        assertEquals("x2_var", c[none.length - 6 + 3]);
        assertArrayEquals(new String[] {"loss_tail_index", "loss_tail_index_lo", "loss_tail_index_hi",
            "update_tail_index", "update_tail_index_lo", "update_tail_index_hi"},
                Arrays.copyOfRange(c, c.length - 6, c.length));
        final double[] loss = new double[400], zero = new double[400];
        final boolean[] alive = new boolean[400];
        for (int r = 0; r < 400; r++) {
            loss[r] = Math.pow(r + 1, 1.5);
            alive[r] = true;
        }
        final double[] x = new double[800];
        final RoundStats s = RoundStats.of(1, 0.1, loss, zero, zero, alive, null, null, null, null, x, 2, 2);
        final double[] v = RoundSchema.values(s);
        assertEquals(c.length, v.length);
        assertEquals(s.lossTail().alpha(), v[v.length - 6]);
        assertEquals(s.lossTail().hi(), v[v.length - 4]);
        assertTrue(s.lossTail().alpha() > 0);
        final RoundStats u = s.withUpdateTail(new org.distsde.stats.HillEstimator.Estimate(1.5, 1.1, 1.9, 20));
        final double[] w = RoundSchema.values(u);
        assertArrayEquals(new double[] {1.5, 1.1, 1.9}, Arrays.copyOfRange(w, w.length - 3, w.length));
        assertArrayEquals(Arrays.copyOf(v, v.length - 3), Arrays.copyOf(w, w.length - 3));
    }

    /** Fewer than 100 alive runs, rows built without it, and all-diverged rounds: NaN. */
    @Test
    void absentWhereItCannotBeEstimated() {
        final RoundStats few = RoundStats.of(1, 0.1, RoundStatsTest.LOSS, RoundStatsTest.GN2, RoundStatsTest.LR,
                RoundStatsTest.ALIVE);
        assertTrue(Double.isNaN(few.lossTail().alpha()) && Double.isNaN(few.lossTail().lo())
                && Double.isNaN(few.lossTail().hi()));
        final RoundStats legacy = Rows.row(0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
        assertTrue(Double.isNaN(legacy.lossTail().alpha()));
        // equality covers the tail columns
        final RoundStats other = new RoundStats(0, 0, 1, 0, legacy.lr(), legacy.loss(), legacy.grad(),
                legacy.integrals(), legacy.x(), new org.distsde.stats.HillEstimator.Estimate(1.5, 1, 2, 10), null);
        assertNotEquals(legacy, other);
    }
}
