package org.distsde.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Rows;
import org.distsde.theory.Verdict;
import org.distsde.verify.check.ClosedForm;
import org.distsde.verify.check.Decay;
import org.distsde.verify.check.Divergence;
import org.distsde.verify.check.EtaOrder;
import org.distsde.verify.check.Quantity;
import org.distsde.verify.check.Stationary;
import org.junit.jupiter.api.Test;

/** The check types on synthetic evidence whose verdict is known. */
class CheckTypesTest {
    static final Family ONE = new Family(1);

    static ExperimentConfig cfg() {
        return ConfigLoader.parse("""
                {"name": "c", "runs": 100, "rounds": 100, "optimizer": "adam", "agents": 1, "eta": 0.001,
                 "objective": {"type": "quadratic", "h": [1, 3]}, "x0": [0, 0], "noise": {"type": "gaussian", "sigma0": 1}}
                """, List.of()).first();
    }

    /** Rows t = 0..n−1 with loss_mean v(t), loss_std s, runs r and diverged dv. */
    static List<RoundStats> rows(int n, java.util.function.IntToDoubleFunction v, double s, int r, int dv) {
        final List<RoundStats> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Rows.row(i, i, 0, 0, 0, r, dv, v.applyAsDouble(i), s, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        }
        return out;
    }

    static Evidence opt(String label, List<RoundStats> rows) {
        return new Evidence(label, cfg(), rows, null, null, null);
    }

    /**
     * A stationary loss alternating 1 ± 0.01 over the last half (batch means SE ~0): equal to 1 HOLDS,
     * to 1.1 is VIOLATED, as an upper bound 0.99 VIOLATED and 1.5 HOLDS. Bug caught: the first half
     * averaged in (it holds 100 here), the comparison reversed.
     */
    @Test
    void stationaryDecides() {
        final List<RoundStats> rows = rows(200, i -> i < 100 ? 100 : 1 + (i % 2 == 0 ? 0.01 : -0.01), 1, 100, 0);
        final ClosedForm one = c -> 1, more = c -> 1.1;
        assertEquals(Verdict.HOLDS, new Stationary(Quantity.loss(), one, false, "1").evaluate(List.of(opt("a", rows)),
                ONE).verdict());
        assertEquals(Verdict.VIOLATED, new Stationary(Quantity.loss(), more, false, "1.1").evaluate(
                List.of(opt("a", rows)), ONE).verdict());
        assertEquals(Verdict.VIOLATED, new Stationary(Quantity.loss(), c -> 0.99, true, "b").evaluate(
                List.of(opt("a", rows)), ONE).verdict());
        assertEquals(Verdict.HOLDS, new Stationary(Quantity.loss(), c -> 1.5, true, "b").evaluate(
                List.of(opt("a", rows)), ONE).verdict());
    }

    /**
     * Weak errors exactly Cη (SE 1% of each): order 1 HOLDS; exactly Cη^0.5: the order 0.5 lies below
     * 1 − 0.25: VIOLATED; Cη with SEs as large as the errors: UNRESOLVED. Bug caught: an order "at least
     * α" read as "equal to α", an interval not widened to k.
     */
    @Test
    void etaOrderDecides() {
        final double[] eta = {0.1, 0.05, 0.025};
        assertEquals(Verdict.HOLDS, order(eta, 1, 0.01));
        assertEquals(Verdict.VIOLATED, order(eta, 0.5, 0.01));
        assertEquals(Verdict.UNRESOLVED, order(eta, 1, 1));
    }

    static Verdict order(double[] eta, double p, double rel) {
        final double[] o = new double[3], se = new double[3], zero = new double[3];
        for (int i = 0; i < 3; i++) {
            o[i] = 0.3 * Math.pow(eta[i], p);
            se[i] = rel * o[i];
        }
        final EtaStudy st = new EtaStudy(eta, o, se, zero, zero, zero);
        return new EtaOrder(1, 0.25, 3, Double.NaN).evaluate(List.of(new Evidence("x", cfg(), null, null, null, st)),
                ONE).verdict();
    }

    /**
     * 100 of 1000 runs diverged against 0 of 1000: HOLDS; 0 against 100: VIOLATED; 3 against 2:
     * UNRESOLVED (Clopper–Pearson at the family level). Bug caught: runs counted without the diverged.
     */
    @Test
    void divergenceDecides() {
        assertEquals(Verdict.HOLDS, div(100, 0));
        assertEquals(Verdict.VIOLATED, div(0, 100));
        assertEquals(Verdict.UNRESOLVED, div(3, 2));
    }

    static Verdict div(int a, int b) {
        return new Divergence().evaluate(List.of(opt("a", rows(3, i -> 1, 1, 1000 - a, a)),
                opt("b", rows(3, i -> 1, 1, 1000 - b, b))), ONE).verdict();
    }

    /**
     * With the scheduler 1 → 0.5 between T/2 and T, without it 0.2 → 0.2: HOLDS; with it flat: VIOLATED.
     * The scheduled run's level above the constant one's at T is not a failure.
     */
    @Test
    void decayDecides() {
        final List<RoundStats> flat = rows(11, i -> 0.2, 0.01, 10_000, 0);
        assertEquals(Verdict.HOLDS, new Decay().evaluate(List.of(opt("s", rows(11, i -> i <= 5 ? 1 : 0.5, 0.01, 10_000,
                0)), opt("c", flat)), ONE).verdict());
        assertEquals(Verdict.VIOLATED, new Decay().evaluate(List.of(opt("s", rows(11, i -> 1, 0.01, 10_000, 0)),
                opt("c", flat)), ONE).verdict());
    }
}
