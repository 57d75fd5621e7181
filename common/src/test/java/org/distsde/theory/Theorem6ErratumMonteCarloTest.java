package org.distsde.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.SdeSimulation;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * Monte Carlo of the Eq. 6 erratum: DCSGD on f = x²/2 (L0 = 1, L1 = 0), d = 1, constant schedule,
 * ε = 0.5, x0 = 1 (f(x0) − f* = 1/2), η = 0.1, random sparsification with ω, Gaussian σ0, σ1 = 0.
 * Here the bounds are 1/t + (φ²/φ¹)C/(1 − ε) with φ² = φ¹ = t: printed C = L0ω/(2N), derived
 * C = η(L0 + L1)dσ0²(1 + ω)/(2N).
 *
 * <p>The discrete iteration is linear: x' = x − η·m, E m = x, Var m = (ωx² + (1 + ω)σ0²)/N
 * (Eq. 28, README), so v_k = E x_k² follows v' = ρv + q, ρ = (1 − η)² + η²ω/N,
 * q = η²(1 + ω)σ0²/N, exactly; the recorded measured side at round K is the left Riemann
 * average (1/K)Σ_{k&lt;K} v_k. The Euler–Maruyama scheme of the SDE (Eq. 27) at step Δt has the
 * same form with ρ = (1 − Δt)² + Δt(η/N)ω, q = Δt(η/N)(1 + ω)σ0², and the SDE itself (Δt → 0)
 * has stationary E X² = (η/N)(1 + ω)σ0²/(2 − (η/N)ω). Tolerances: k = 3 recorded standard
 * errors (delta method over the runs) — and for the SDE against its Δt → 0 value, plus the
 * recorded discretisation error D = |level Δt − level 2Δt| (weak order 1).
 */
class Theorem6ErratumMonteCarloTest {
    static final double ETA = 0.1;

    static ExperimentConfig config(int n, double sigma0, double omega, int runs, int rounds, Double dt) {
        return ConfigLoader.parse("""
                {"name": "thm6-erratum", "seed": 7, "runs": %d, "rounds": %d, "recordEvery": %d, "optimizer": "dcsgd",
                 "agents": %d, "eta": 0.1, "objective": {"type": "quadratic", "h": [1]}, "x0": [1],
                 "noise": {"type": "gaussian", "sigma0": %s},
                 "compression": {"type": "random-sparsification", "omega": %s}%s}
                """.formatted(runs, rounds, Math.max(1, rounds / 10), n, sigma0, omega,
                dt == null ? "" : ", \"sde\": {\"enabled\": true, \"dt\": " + dt + "}"), List.of()).first();
    }

    /** (1/S)Σ_{j<S} v_j for v' = ρv + q from v0. */
    static double riemannAverage(double v0, double rho, double q, long steps) {
        double v = v0, s = 0;
        for (long j = 0; j < steps; j++) {
            s += v;
            v = rho * v + q;
        }
        return s / steps;
    }

    /** Runs the optimizer, checks both bounds and the closed form; returns the final measured value. */
    static double optimizerCase(int n, double sigma0, double omega, double longRun, double printedC, double derivedC) {
        final int runs = 400, rounds = 1000;
        final ExperimentConfig c = config(n, sigma0, omega, runs, rounds, null);
        final List<RoundStats> rows = new Simulation(c).run(new LocalAggregator(c), null);
        final var r = TheoremChecker.check(c, Simulation.averages(c), rows, Source.OPTIMIZER, null);
        System.out.println(r.summary());
        // the constants as derived by hand
        assertEquals(printedC, r.boundLabelled(DcsgdCheck.PRINTED).noiseConstant(), 1e-12);
        assertEquals(derivedC, r.boundLabelled(DcsgdCheck.DERIVED).noiseConstant(), 1e-12);
        // stationary E x² of the recursion, as quoted (to the quoted digits)
        final double rho = (1 - ETA) * (1 - ETA) + ETA * ETA * omega / n;
        final double q = ETA * ETA * (1 + omega) * sigma0 * sigma0 / n;
        assertEquals(longRun, q / (1 - rho), 0.005 * longRun);
        // the condition (Eq. 3 = Eq. 5 at sigma1 = 0; ceiling 2N eps/(L0 omega)) holds throughout
        assertEquals(r.condition().points(), r.condition().held());
        // the measured side against the exact recursion: 3 SE, no discretisation term (same discrete process)
        final var last = r.points().get(r.points().size() - 1);
        final double exact = riemannAverage(1, rho, q, rounds);
        assertEquals(exact, last.measured(), Verdict.K * last.measuredSe(), "measured vs exact recursion");
        // derived bound: within with margin at every time; printed: exceeded
        assertEquals(Verdict.WITHIN, r.verdict());
        assertEquals(Verdict.EXCEEDED, r.boundLabelled(DcsgdCheck.PRINTED).verdict());
        assertTrue(last.measured() / r.primaryBound().finalBound() < 0.6, "derived bound margin");
        return last.measured();
    }

    @Test
    void settingA() {
        // N = 1, σ0 = 10, ω = 0.1: long-run 5.82; printed C = 0.05, derived C = 0.1·100·1.1/2 = 5.5
        optimizerCase(1, 10, 0.1, 5.82, 0.05, 5.5);
    }

    @Test
    void settingB() {
        // ω = 0: long-run 5.26; printed C = 0 (no σ0 term at L1 = 0), derived C = 5
        optimizerCase(1, 10, 0, 5.26, 0, 5);
    }

    @Test
    void settingC() {
        // N = 10, σ0 = 3, ω = 0.5: long-run 0.0712; printed C = 0.5/20 = 0.025, derived C = 0.1·9·1.5/20 = 0.0675
        optimizerCase(10, 3, 0.5, 0.0712, 0.025, 0.0675);
    }

    /**
     * Setting (a) on the resolved SDE (Δt = η/2, coarser level Δt = η): a counterexample to Eq. 6
     * as printed, the derived bound holding; and the Ornstein–Uhlenbeck closed form.
     */
    @Test
    void settingAOnTheResolvedSdeIsACounterexampleToThePrintedBound() {
        final int paths = 400, rounds = 1000;
        final ExperimentConfig fine = config(1, 10, 0.1, paths, rounds, ETA / 2);
        final ExperimentConfig coarse = config(1, 10, 0.1, paths, rounds, ETA);
        final List<RoundStats> rows = new SdeSimulation(fine).run();
        final List<RoundStats> coarser = new SdeSimulation(coarse).run();
        final var r = TheoremChecker.check(fine, Simulation.averages(fine), rows, Source.of("sde", fine), coarser);
        System.out.println(r.summary());
        assertEquals(Source.SDE_RESOLVED, r.source());
        assertEquals(Verdict.HOLDS, r.verdict());
        assertEquals(Verdict.VIOLATED, r.boundLabelled(DcsgdCheck.PRINTED).verdict());
        assertTrue(r.counterexample());
        assertTrue(r.summary().contains("COUNTEREXAMPLE to Theorem 6 as printed"), r.summary());
        final var last = r.points().get(r.points().size() - 1);
        // the Euler recursion at Δt = η/2, exactly: 3 SE
        final double dt = ETA / 2, s2 = 100 * 1.1;
        final double exact = riemannAverage(1, (1 - dt) * (1 - dt) + dt * ETA * 0.1, dt * ETA * s2, 2 * rounds);
        assertEquals(exact, last.measured(), Verdict.K * last.measuredSe(), "Euler recursion");
        // the SDE (Δt -> 0): stationary (η/N)(1 + ω)σ0²/(2 − (η/N)ω) = 11/1.99, with its transient from
        // x0² = 1 at rate 2 − (η/N)ω; within D (weak order 1 estimate) + 3 SE
        final double a = 2 - ETA * 0.1, vInf = ETA * s2 / a, t = last.time();
        final double ou = vInf + (1 - vInf) * (1 - Math.exp(-a * t)) / (a * t);
        assertEquals(ou, last.measured(), last.measuredDisc() + Verdict.K * last.measuredSe(), "OU closed form");
        // and D is the size of the actual Δt = η/2 error (5.670 − 5.528): same order
        final double eulerInf = ETA * s2 / (2 - dt - ETA * 0.1);
        assertTrue(last.measuredDisc() > 0.3 * (eulerInf - vInf) && last.measuredDisc() < 3 * (eulerInf - vInf),
                "D = " + last.measuredDisc());
    }

    /**
     * conf/thm6-erratum-dcsgd.json is setting (a), and its resolved SDE (levels Δt = η, η/2, η/4 on
     * coupled paths, checked with the coarser estimate's discretisation error) is a counterexample
     * to the printed Eq. 6 while the derived bound holds.
     */
    @Test
    void shippedConfigDemonstratesSettingA() {
        final ExperimentConfig c = ConfigLoader.load(java.nio.file.Path.of("..", "conf", "thm6-erratum-dcsgd.json"),
                List.of("runs=200", "rounds=500", "recordEvery=50")).first();
        assertEquals(1, c.agents());
        assertEquals(ETA, c.eta());
        assertEquals(0.1, c.compression().build().compression(c.buildObjective().dim()).omega(), 1e-12);
        assertEquals(100, Simulation.averages(c).sigma0Sq(), 1e-12);
        assertTrue(c.sde().enabled() && c.sde().resolve());
        final org.distsde.sde.refine.Refinement ref = new org.distsde.sde.refine.Refinement(c.sde().tolerance(), 2,
                c.sde().schemeKind());
        for (int l = 0; l <= 2; l++) {
            final SdeSimulation sim = new SdeSimulation(c, l);
            final SdeSimulation.Block b = sim.runBlock(0, sim.paths());
            ref.add(org.distsde.sde.refine.LevelStats.of(l, sim.dt(), SdeSimulation.combine(List.of(b)), List.of(b), 32));
        }
        final var r = TheoremChecker.check(c, Simulation.averages(c), ref.resolved(), Source.SDE_RESOLVED,
                ref.coarser());
        System.out.println(r.summary());
        assertTrue(r.counterexample(), r.summary());
        assertEquals(Verdict.HOLDS, r.verdict());
    }
}
