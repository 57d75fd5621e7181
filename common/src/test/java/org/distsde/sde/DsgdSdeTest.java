package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.SdeSpec;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * DSGD on f = ½hx² with constant Gaussian noise (σ0 = σ, σ1 = 0) and N agents. The optimizer's
 * stationary variance is ησ²/(N h(2 − ηh)); the SDE's (Eq. 8) is ησ²/(2Nh): they agree to O(η),
 * with relative gap ηh/(2 − ηh) = ηh/2 + O(η²).
 */
class DsgdSdeTest {
    static final double H = 1, SIGMA = 1, ETA = 0.2;
    static final int N = 4, PATHS = 40_000, ROUNDS = 40; // horizon T = 8: e^{−2hT} ≈ 1e−7

    private static ExperimentConfig cfg(Double dt) {
        return Configs.of("dsgd", Configs.quadratic(H), new double[] {0}, Configs.gaussian(SIGMA, 0), N, ETA,
                PATHS, ROUNDS, 10, null, null, null, new SdeSpec(true, dt, PATHS));
    }

    /** Variance estimate from the last row (x̄ = 0 by symmetry: E loss = h Var/2) and its standard error. */
    private static double[] variance(List<RoundStats> rows) {
        final RoundStats last = rows.get(rows.size() - 1);
        assertEquals(ROUNDS, last.round());
        assertEquals(0, last.diverged());
        return new double[] {2 * last.loss().mean() / H, 2 * last.loss().std() / H / Math.sqrt(last.runs())};
    }

    @Test
    void stationaryVarianceOfSdeAndOptimizerAgreeToFirstOrderInEta() {
        final double dt = ETA / 20;
        final double[] sde = variance(new SdeSimulation(cfg(dt)).run());
        final double[] opt;
        try (var agg = new LocalAggregator(cfg(dt))) {
            opt = variance(new Simulation(cfg(dt)).run(agg, null));
        }
        final double vSde = ETA * SIGMA * SIGMA / (2 * N * H);                 // SDE stationary variance
        final double vOpt = ETA * SIGMA * SIGMA / (N * H * (2 - ETA * H));     // optimizer stationary variance
        final double vEm = ETA * SIGMA * SIGMA / (N * H * (2 - H * dt));       // EM scheme at step dt (its bias)
        System.out.printf("DSGD quadratic: SDE var %.5f +- %.5f (closed %.5f, EM %.5f); optimizer var %.5f +- %.5f "
                + "(closed %.5f)%n", sde[0], sde[1], vSde, vEm, opt[0], opt[1], vOpt);
        assertEquals(vSde, sde[0], 4 * sde[1] + Math.abs(vEm - vSde));
        assertEquals(vOpt, opt[0], 4 * opt[1]);
        // the relative gap is ηh/(2 − ηh) = ηh/2 + (ηh)²/(2(2 − ηh))
        final double gapClosed = vOpt / vSde - 1;
        assertEquals(ETA * H / 2, gapClosed, (ETA * H) * (ETA * H) / (2 * (2 - ETA * H)) + 1e-15);
        final double gap = opt[0] / sde[0] - 1;
        final double seGap = (opt[0] / sde[0]) * Math.hypot(opt[1] / opt[0], sde[1] / sde[0]);
        System.out.printf("relative gap optimizer/SDE - 1: %.4f +- %.4f (eta h/2 = %.4f, exact %.4f)%n",
                gap, seGap, ETA * H / 2, gapClosed);
        assertEquals(gapClosed, gap, 4 * seGap + Math.abs(vEm / vSde - 1));
        assertTrue(gap > 4 * seGap, "the O(eta) gap is resolved by the Monte Carlo error");
    }

    @Test
    void withDtEqualEtaTheEulerSchemeHasTheOptimizersVariance() {
        // Euler–Maruyama of Eq. 8 with Δt = η is the optimizer in law: variance ησ²/(N h(2 − ηh))
        final double[] sde = variance(new SdeSimulation(cfg(null)).run());
        final double vOpt = ETA * SIGMA * SIGMA / (N * H * (2 - ETA * H));
        System.out.printf("DSGD quadratic, dt = eta: SDE-EM var %.5f +- %.5f (optimizer closed %.5f)%n", sde[0], sde[1], vOpt);
        assertEquals(vOpt, sde[0], 4 * sde[1]);
    }

    @Test
    void blockingDoesNotChangeTheResult() {
        final ExperimentConfig c = Configs.of("dsgd", Configs.quartic(2), new double[] {1.5, -0.7},
                Configs.gaussian(0.5, 0.8), 3, 0.05, 37, 60, 7, null,
                new org.distsde.config.ScheduleSpec("power", 0.5),
                new org.distsde.config.NormalizationSpec("grad-norm", 0.5, null, null), new SdeSpec(true, 0.025, 37));
        final SdeSimulation sim = new SdeSimulation(c);
        final List<RoundStats> whole = sim.run();
        final List<RoundStats> split = SdeSimulation.combine(List.of(sim.runBlock(20, 37), sim.runBlock(0, 5),
                sim.runBlock(5, 20)));
        assertEquals(whole, split);
        assertEquals(60, whole.get(whole.size() - 1).round());
        assertEquals(sim.recordedRounds().length, whole.size());
    }
}
