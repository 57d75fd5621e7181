package org.distsde.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.statistics.distribution.TDistribution;
import org.distsde.theory.Verdict;
import org.junit.jupiter.api.Test;

/** The decision rules of verify's outcomes and the catalogue-wide k. */
class OutcomeTest {
    /** Binary-exact numbers so that e ± (D + k·SE) lands exactly on the edges. */
    @Test
    void boundAndEqualityRules() {
        // bound: HOLDS iff e + D + k SE <= 0, VIOLATED iff e - D - k SE > 0
        assertEquals(Verdict.HOLDS, Outcome.bound(1.5, 2, 0.125, 0.125, 3, "").verdict());
        assertEquals(Verdict.UNRESOLVED, Outcome.bound(1.5 + 0x1p-30, 2, 0.125, 0.125, 3, "").verdict());
        assertEquals(Verdict.VIOLATED, Outcome.bound(2.5 + 0x1p-30, 2, 0.125, 0.125, 3, "").verdict());
        // equality: VIOLATED beyond k SE + D; HOLDS within it when k SE + D <= 10% of the prediction
        assertEquals(Verdict.VIOLATED, Outcome.equal(10.5 + 0x1p-30, 10, 0.125, 0.125, 3, "").verdict());
        assertEquals(Verdict.HOLDS, Outcome.equal(10.5, 10, 0.125, 0.125, 3, "").verdict());
        // the same deviation with errors wider than 10% of the prediction cannot confirm the closed form
        final Outcome wide = Outcome.equal(4.5, 4, 0.125, 0.125, 3, "");
        assertEquals(Verdict.UNRESOLVED, wide.verdict());
        assertTrue(wide.notes().contains("exceed 10%"), wide.notes());
        // unknown errors never decide
        assertEquals(Verdict.UNRESOLVED, Outcome.equal(10, 10, Double.NaN, 0, 3, "").verdict());
        assertEquals(Verdict.UNRESOLVED, Outcome.bound(1, 2, 0.1, Double.NaN, 3, "").verdict());
    }

    /**
     * Family-wise over S statements with m comparisons: S·m·P(Z > k) = P(Z > 3), checked with the
     * complementary error function; with batch means the t quantile. Bug caught: k per statement only
     * (a 55-statement catalogue would read VIOLATED somewhere with probability 7% when all hold).
     */
    @Test
    void kIsFamilyWiseOverTheCatalogue() {
        final Family f = new Family(55);
        final double tail3 = 0.5 * Erfc.value(3 / Math.sqrt(2));
        for (int m : new int[] {1, 10}) {
            assertEquals(tail3, 55 * m * 0.5 * Erfc.value(f.k(m) / Math.sqrt(2)), 1e-9 * tail3);
            final double kt = f.kT(m, 9);
            assertEquals(tail3, 55 * m * TDistribution.of(9).survivalProbability(kt), 1e-9 * tail3);
            assertTrue(kt > f.k(m));
        }
        assertEquals(3, new Family(1).k(1), 1e-12);
    }
}
