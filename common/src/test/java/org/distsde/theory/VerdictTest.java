package org.distsde.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Rows;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

/** The verdict logic at its boundaries, NOT_CLAIMED, counterexamples and the discretisation error. */
class VerdictTest {
    // binary-exact numbers: e ± (D + 3 SE) lands exactly on 0
    static final double SE = 0.125, DISC = 0.125, TINY = 0x1p-30;

    @Test
    void boundaries() {
        assertEquals(3, Verdict.K);
        // HOLDS iff e + D + k SE <= 0
        assertEquals(Verdict.HOLDS, Verdict.at(-0.5, SE, DISC));
        assertEquals(Verdict.UNRESOLVED, Verdict.at(-0.5 + TINY, SE, DISC));
        // VIOLATED iff e - D - k SE > 0
        assertEquals(Verdict.UNRESOLVED, Verdict.at(0.5, SE, DISC));
        assertEquals(Verdict.VIOLATED, Verdict.at(0.5 + TINY, SE, DISC));
        // the same excess with no errors is decided
        assertEquals(Verdict.VIOLATED, Verdict.at(TINY, 0, 0));
        assertEquals(Verdict.HOLDS, Verdict.at(0, 0, 0));
        // an unknown SE or D never decides a finite excess; a diverged run (e = +inf) always does
        assertEquals(Verdict.UNRESOLVED, Verdict.at(-10, Double.NaN, 0));
        assertEquals(Verdict.UNRESOLVED, Verdict.at(10, 0, Double.NaN));
        assertEquals(Verdict.VIOLATED, Verdict.at(Double.POSITIVE_INFINITY, 0, 0));
        // over times: one violation suffices; HOLDS needs all
        assertEquals(Verdict.VIOLATED, Verdict.over(new double[] {-1, 0.5 + TINY}, new double[] {SE, SE},
                new double[] {DISC, DISC}));
        assertEquals(Verdict.UNRESOLVED, Verdict.over(new double[] {-1, -0.5 + TINY}, new double[] {SE, SE},
                new double[] {DISC, DISC}));
        assertEquals(Verdict.HOLDS, Verdict.over(new double[] {-1, -0.5}, new double[] {SE, SE},
                new double[] {DISC, DISC}));
    }

    @Test
    void discreteSourcesNeverReadViolated() {
        assertEquals(Verdict.EXCEEDED, Verdict.VIOLATED.on(Source.OPTIMIZER));
        assertEquals(Verdict.EXCEEDED, Verdict.VIOLATED.on(Source.SDE_MODEL));
        assertEquals(Verdict.WITHIN, Verdict.HOLDS.on(Source.SDE_MODEL));
        assertEquals(Verdict.VIOLATED, Verdict.VIOLATED.on(Source.SDE_RESOLVED));
        assertEquals(Verdict.UNRESOLVED, Verdict.UNRESOLVED.on(Source.OPTIMIZER));
    }

    @Test
    void settleSaysWhatDominates() {
        // k SE = 0.3 > D = 0.05, |e| = 0.2: needs (0.3/0.15)^2 = 4x the paths
        final String paths = Verdict.settle(new double[] {1}, new double[] {-0.2}, new double[] {0.1},
                new double[] {0.05});
        assertTrue(paths.contains("more paths") && paths.contains("4.0x"), paths);
        final String dt = Verdict.settle(new double[] {1}, new double[] {-0.2}, new double[] {0.01},
                new double[] {0.3});
        assertTrue(dt.contains("smaller dt"), dt);
        assertEquals("", Verdict.settle(new double[] {1}, new double[] {-1}, new double[] {0.01}, new double[] {0}));
    }

    /** DCSGD setting (a) of the erratum: N = 1, σ0 = 10, ω = 0.1, η = 0.1, ε = 0.5, x0 = 1, h = 1. */
    static ExperimentConfig settingA() {
        return Theorem6ErratumMonteCarloTest.config(1, 10, 0.1, 10, 10, null);
    }

    /**
     * Constant schedule: φ¹ = φ² = t. A row where E∫‖∇f‖² = m·t: measured m; with a covariance
     * giving the measured side SE {@code se} (Var I1 = n (se t)², the rest 0).
     */
    static RoundStats row(int k, double lrMax, double m, double se, int runs) {
        final double t = 0.1 * k;
        final double[] cov = new double[10];
        cov[7] = runs * (se * t) * (se * t); // (INT1, INT1)
        return Rows.row(k, t, lrMax, lrMax, lrMax, runs, 0, 0, 0, 0, 0, 0, m, Math.sqrt(m), t, t, m * t,
                m * t, cov);
    }

    @Test
    void printedBoundFailingWhileTheConditionHoldsIsACounterexample() {
        final ExperimentConfig c = settingA();
        // Eq. 5 ceiling: 2Nε/(L0ω) = 1/0.1 = 10 > η = 0.1; at t = 10 printed = (0.5 + 10·0.05)/5 = 0.2,
        // derived = (0.5 + 10·0.1·110/2)/5 = 11.1; measured 5.8 ± 0.1
        final List<RoundStats> rows = List.of(row(0, 0.1, 1, 0, 100), row(100, 0.1, 5.8, 0.1, 100));
        final var r = TheoremChecker.check(c, Simulation.averages(c), rows, Source.SDE_RESOLVED, null);
        assertEquals(0.2, r.boundLabelled(DcsgdCheck.PRINTED).finalBound(), 1e-12);
        assertEquals(11.1, r.boundLabelled(DcsgdCheck.DERIVED).finalBound(), 1e-12);
        assertEquals(Verdict.VIOLATED, r.boundLabelled(DcsgdCheck.PRINTED).verdict());
        assertTrue(r.boundLabelled(DcsgdCheck.PRINTED).counterexample());
        assertEquals(Verdict.HOLDS, r.verdict());
        assertTrue(r.counterexample());
        assertTrue(r.summary().contains("COUNTEREXAMPLE"), r.summary());
        // the same rows from the optimizer: no counterexample, and no "VIOLATED" anywhere
        final var o = TheoremChecker.check(c, Simulation.averages(c), rows, Source.OPTIMIZER, null);
        assertEquals(Verdict.EXCEEDED, o.boundLabelled(DcsgdCheck.PRINTED).verdict());
        assertEquals(Verdict.WITHIN, o.verdict());
        assertFalse(o.counterexample());
        assertFalse(o.summary().contains("VIOLATED") || o.summary().contains("COUNTEREXAMPLE"), o.summary());
    }

    @Test
    void conditionFailingMeansNotClaimed() {
        final ExperimentConfig c = settingA();
        final List<RoundStats> rows = List.of(row(0, 11, 1, 0, 100), row(100, 11, 5.8, 0.1, 100)); // lr 11 > 10
        final var r = TheoremChecker.check(c, Simulation.averages(c), rows, Source.SDE_RESOLVED, null);
        assertEquals(Verdict.NOT_CLAIMED, r.verdict());
        assertEquals(Verdict.NOT_CLAIMED, r.boundLabelled(DcsgdCheck.PRINTED).verdict());
        assertFalse(r.counterexample());
        // failing later: the bound is claimed only before
        final List<RoundStats> later = List.of(row(0, 0.1, 1, 0, 100), row(50, 0.1, 5.8, 0.1, 100),
                row(100, 11, 50, 0.1, 100));
        final var q = TheoremChecker.check(c, Simulation.averages(c), later, Source.SDE_RESOLVED, null);
        assertEquals(1, q.primaryBound().evaluated());
        assertEquals(Verdict.HOLDS, q.verdict());
        assertTrue(q.condition().note().contains("not claimed"), q.condition().note());
    }

    @Test
    void unresolvedByMonteCarloErrorAndByDiscretisationError() {
        final ExperimentConfig c = settingA();
        // derived bound at t = 10: 11.1; measured 10.9 ± 0.1: e = -0.2, 3 SE = 0.3 -> UNRESOLVED, more paths
        final var r = TheoremChecker.check(c, Simulation.averages(c),
                List.of(row(0, 0.1, 1, 0, 100), row(100, 0.1, 10.9, 0.1, 100)), Source.SDE_RESOLVED, null);
        assertEquals(Verdict.UNRESOLVED, r.verdict());
        assertTrue(r.primaryBound().settle().contains("more paths"), r.primaryBound().settle());
        assertEquals(0.1, r.points().get(1).measuredSe(), 1e-12);
        // measured 10.9 ± 0.01 but the coarser level read 10.5: D = 0.4 -> UNRESOLVED, smaller dt
        final var q = TheoremChecker.check(c, Simulation.averages(c),
                List.of(row(0, 0.1, 1, 0, 100), row(100, 0.1, 10.9, 0.01, 100)), Source.SDE_RESOLVED,
                List.of(row(0, 0.1, 1, 0, 100), row(100, 0.1, 10.5, 0.01, 100)));
        assertEquals(0.4, q.primaryBound().values().get(0).disc(), 1e-12);
        assertEquals(0.4, q.points().get(1).measuredDisc(), 1e-12);
        assertEquals(Verdict.UNRESOLVED, q.verdict());
        assertTrue(q.primaryBound().settle().contains("smaller dt"), q.primaryBound().settle());
        // with the coarser level 10.85: D = 0.05, 3 SE = 0.03, e = -0.2 -> HOLDS
        final var h = TheoremChecker.check(c, Simulation.averages(c),
                List.of(row(0, 0.1, 1, 0, 100), row(100, 0.1, 10.9, 0.01, 100)), Source.SDE_RESOLVED,
                List.of(row(0, 0.1, 1, 0, 100), row(100, 0.1, 10.85, 0.01, 100)));
        assertEquals(Verdict.HOLDS, h.verdict());
        // the optimizer ignores a coarser level: D = 0
        final var o = TheoremChecker.check(c, Simulation.averages(c),
                List.of(row(0, 0.1, 1, 0, 100), row(100, 0.1, 10.9, 0.01, 100)), Source.OPTIMIZER,
                List.of(row(0, 0.1, 1, 0, 100), row(100, 0.1, 10.5, 0.01, 100)));
        assertEquals(0, o.primaryBound().values().get(0).disc());
        assertEquals(Verdict.WITHIN, o.verdict());
    }
}
