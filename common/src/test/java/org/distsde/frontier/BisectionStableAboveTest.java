package org.distsde.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bisection of a parameter that stabilises as it grows (a degree of normalization): the frontier is
 * the smallest stable value, the bracket starts at 0 with arithmetic midpoints, and the statuses
 * mirror the usual ones. Bugs this catches: the stable end kept at lo (the bracket then collapses to
 * an end), a geometric midpoint of [0, hi] (stuck at 0), BELOW_LO / ABOVE_HI swapped.
 */
class BisectionStableAboveTest {
    /** Stable (no divergence) iff v ≥ threshold. */
    private static Bisection.Evaluator above(double[] threshold) {
        return probes -> {
            final List<Bisection.Outcome> o = new ArrayList<>();
            for (Bisection.Probe p : probes) {
                o.add(new Bisection.Outcome(p.value() >= threshold[p.point()] ? 0 : 10, 10));
            }
            return o;
        };
    }

    @Test
    void findsTheSmallestStableValue() throws Exception {
        final double[] t = {0.37, 0.0, 2.0};
        final List<Bisection.Result> r = Bisection.run(new double[] {0, 0.5, 0}, new double[] {1, 1, 1}, 20, 0, true,
                above(t));
        assertEquals(Bisection.Status.BRACKETED, r.get(0).status());
        assertTrue(r.get(0).lo() < 0.37 && 0.37 <= r.get(0).hi(), r.get(0).toString());
        assertEquals(1.0 / (1 << 20), r.get(0).hi() - r.get(0).lo(), 1e-15, "arithmetic halving from [0, 1]");
        assertEquals(1.0, r.get(0).atLo().fraction(), "lo is the unstable end");
        assertEquals(0.0, r.get(0).atHi().fraction());
        assertEquals(Bisection.Status.BELOW_LO, r.get(1).status(), "already stable at lo");
        assertEquals(Bisection.Status.ABOVE_HI, r.get(2).status(), "still unstable at hi");
    }
}
