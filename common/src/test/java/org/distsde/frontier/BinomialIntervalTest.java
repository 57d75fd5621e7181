package org.distsde.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distsde.frontier.BinomialInterval.Interval;
import org.junit.jupiter.api.Test;

/**
 * The 95% intervals of a binomial proportion against published values: Newcombe (1998), "Two-sided
 * confidence intervals for the single proportion: comparison of seven methods", Stat. Med. 17,
 * Table II (methods 1 "exact" = Clopper–Pearson and 3 "score" = Wilson, 4 decimals), and the
 * closed forms of Clopper–Pearson at k = 0 and k = n.
 */
class BinomialIntervalTest {
    private static void near(double lo, double hi, Interval i, String what) {
        assertEquals(lo, i.lo(), 5e-5, what + " lo");
        assertEquals(hi, i.hi(), 5e-5, what + " hi");
    }

    @Test
    void clopperPearsonMatchesNewcombe() {
        near(0.2527, 0.3676, BinomialInterval.clopperPearson(81, 263, 0.95), "81/263");
        near(0.0578, 0.1617, BinomialInterval.clopperPearson(15, 148, 0.95), "15/148");
        near(0.0, 0.1684, BinomialInterval.clopperPearson(0, 20, 0.95), "0/20");
        near(0.0009, 0.1776, BinomialInterval.clopperPearson(1, 29, 0.95), "1/29");
    }

    @Test
    void wilsonMatchesNewcombe() {
        near(0.2553, 0.3662, BinomialInterval.wilson(81, 263, 0.95), "81/263");
        near(0.0624, 0.1605, BinomialInterval.wilson(15, 148, 0.95), "15/148");
        near(0.0, 0.1611, BinomialInterval.wilson(0, 20, 0.95), "0/20");
        near(0.0061, 0.1718, BinomialInterval.wilson(1, 29, 0.95), "1/29");
    }

    /** CP at k = 0 is [0, 1 − (α/2)^(1/n)], at k = n [(α/2)^(1/n), 1]; symmetric in k ↔ n − k. */
    @Test
    void clopperPearsonClosedFormsAndSymmetry() {
        for (int n : new int[] {1, 10, 200, 1000}) {
            final Interval z = BinomialInterval.clopperPearson(0, n, 0.95);
            assertEquals(0, z.lo());
            assertEquals(1 - Math.pow(0.025, 1.0 / n), z.hi(), 1e-12);
            final Interval a = BinomialInterval.clopperPearson(n, n, 0.95);
            assertEquals(Math.pow(0.025, 1.0 / n), a.lo(), 1e-12);
            assertEquals(1, a.hi());
        }
        final Interval i = BinomialInterval.clopperPearson(3, 200, 0.95), j = BinomialInterval.clopperPearson(197, 200, 0.95);
        assertEquals(i.lo(), 1 - j.hi(), 1e-12);
        assertEquals(i.hi(), 1 - j.lo(), 1e-12);
        // Wilson is narrower than Clopper–Pearson and both contain the estimate
        final Interval w = BinomialInterval.wilson(3, 200, 0.95);
        assertTrue(w.hi() - w.lo() < i.hi() - i.lo());
        assertTrue(i.contains(0.015) && w.contains(0.015));
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> BinomialInterval.wilson(1, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> BinomialInterval.clopperPearson(5, 4, 0.95));
        assertThrows(IllegalArgumentException.class, () -> BinomialInterval.clopperPearson(1, 4, 1.0));
    }
}
