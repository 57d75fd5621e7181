package org.distsde.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bisection's bookkeeping on a synthetic, exactly monotone diverged fraction. */
class BisectionTest {
    /** Grid point i diverges (all runs) iff value > threshold[i]. */
    private static Bisection.Evaluator step(double[] threshold, List<Integer> calls) {
        return probes -> {
            calls.add(probes.size());
            final List<Bisection.Outcome> o = new ArrayList<>();
            for (Bisection.Probe p : probes) {
                o.add(new Bisection.Outcome(p.value() > threshold[p.point()] ? 100 : 0, 100));
            }
            return o;
        };
    }

    @Test
    void bracketsEveryThresholdAtTheResolutionInOneCallPerStep() throws Exception {
        final double[] t = {0.0123, 1.0, 7.5, 1e-6, 1e6};
        final double[] lo = {1e-3, 1e-3, 1e-3, 1e-3, 1e-3}, hi = {1e3, 1e3, 1e3, 1e3, 1e3};
        final List<Integer> calls = new ArrayList<>();
        final int b = 12;
        final List<Bisection.Result> r = Bisection.run(lo, hi, b, 0.05, step(t, calls));
        assertEquals(1 + b, calls.size(), "1 job for the ends + 1 per step");
        assertEquals(10, calls.get(0), "the ends of all 5 points in the first job");
        for (int s = 1; s <= b; s++) {
            assertEquals(3, calls.get(s), "one probe per bracketed point in step " + s);
        }
        final double res = Bisection.resolution(1e-3, 1e3, b);
        assertEquals(Math.pow(1e6, 1.0 / 4096), res, 1e-12);
        for (int i = 0; i < 3; i++) {
            final Bisection.Result x = r.get(i);
            assertEquals(Bisection.Status.BRACKETED, x.status());
            assertTrue(x.lo() <= t[i] && t[i] < x.hi(), "bracket " + x.lo() + ", " + x.hi() + " holds " + t[i]);
            assertEquals(res, x.hi() / x.lo(), 1e-9);
            assertEquals(0, x.atLo().diverged());
            assertEquals(100, x.atHi().diverged());
            assertEquals(2 + b, x.trace().size());
            assertEquals(Math.sqrt(x.lo() * x.hi()), x.estimate());
        }
        assertEquals(Bisection.Status.BELOW_LO, r.get(3).status());
        assertEquals(Bisection.Status.ABOVE_HI, r.get(4).status());
        assertTrue(Double.isNaN(r.get(3).estimate()));
        assertEquals(2, r.get(4).trace().size(), "no probes beyond the ends");
    }

    /** p is inclusive: a fraction equal to p is stable. */
    @Test
    void fractionAtPIsStable() throws Exception {
        final List<Bisection.Result> r = Bisection.run(new double[] {1}, new double[] {16}, 2, 0.05,
                probes -> probes.stream().map(p -> new Bisection.Outcome(p.value() <= 4 ? 5 : 6, 100)).toList());
        assertEquals(4, r.get(0).lo(), 1e-12);
        assertEquals(8, r.get(0).hi(), 1e-12);
    }

    @Test
    void notMonotoneAndBadArguments() throws Exception {
        final List<Bisection.Result> r = Bisection.run(new double[] {1}, new double[] {2}, 3, 0.1,
                probes -> probes.stream().map(p -> new Bisection.Outcome(p.value() < 1.5 ? 10 : 0, 10)).toList());
        assertEquals(Bisection.Status.NOT_MONOTONE, r.get(0).status());
        final Bisection.Evaluator none = probes -> List.of();
        assertThrows(IllegalArgumentException.class, () -> Bisection.run(new double[] {1}, new double[] {1}, 3, 0.1, none));
        assertThrows(IllegalArgumentException.class, () -> Bisection.run(new double[] {0}, new double[] {1}, 3, 0.1, none));
        assertThrows(IllegalArgumentException.class, () -> Bisection.run(new double[] {1}, new double[] {2}, 0, 0.1, none));
        assertThrows(IllegalArgumentException.class, () -> Bisection.run(new double[] {1}, new double[] {2}, 3, 1, none));
        assertThrows(IllegalStateException.class, () -> Bisection.run(new double[] {1}, new double[] {2}, 3, 0.1, none));
    }
}
