package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.distsde.optim.Optimizers;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.objective.Objective;
import org.distsde.sim.AgentKernel;
import org.distsde.sim.RoundStats;
import org.distsde.testing.Fixtures;
import org.distsde.testing.SampleCovariance;
import org.junit.jupiter.api.Test;

/**
 * The DSignSGD SDE (Eq. 49–50) with full-covariance noise against Monte Carlo of the agents'
 * messages at a point: the drift is minus the mean of the average sign vector v = (1/N)Σᵢ sign(∇f + Zᵢ),
 * and the diffusion the step applies satisfies GGᵀ = (η/N)Σ̄ = η·Cov(v) (Σ̄ = (1/N)ΣᵢCov(sign Yᵢ),
 * Cov(v) = Σ̄/N), whose off-diagonal entries come from Φ₂. N = 4 heterogeneous agents, one without
 * noise (certain signs), one coordinate whose sign is nearly certain for some agents (a nearly
 * singular Σ̄), the full C of {@link Fixtures} and a low-rank C. Tolerance: 5 standard errors; the
 * diagonal-only covariance (correlation ignored) and a missing 1/N are rejected.
 */
class CorrelatedSignSdeTest {
    static final double ETA = 0.1;
    static final double[] H = {1, 2, 0.5, 1.5};
    static final double[] X = {0.7, -0.3, 1.1, 3.4}; // ∇f = (0.7, −0.6, 0.55, 5.1)
    static final int N = 4;

    static ExperimentConfig cfg(String corr, int runs, int rounds, String extra) {
        return ConfigLoader.parse("{\"name\":\"s\",\"seed\":9,\"runs\":" + runs + ",\"rounds\":" + rounds
                + ",\"optimizer\":\"dsignsgd\",\"agents\":" + N + ",\"eta\":" + ETA + ",\"objective\":{\"type\":\"quadratic\","
                + "\"h\":" + Arrays.toString(H) + "},\"x0\":" + Arrays.toString(X) + ",\"noise\":{\"type\":\"gaussian\","
                + "\"sigma0\":0.8,\"sigma1\":0.1,\"agentFactors\":[0, 0.5, 1, 2]," + corr + "}" + extra + "}", List.of())
                .first();
    }

    static void check(String corr, String label) {
        final int runs = 1000, rounds = 200, d = H.length;
        final ExperimentConfig cfg = cfg(corr, runs, 1, ", \"sde\": {\"enabled\": true}");
        final CorrelatedSignSde sde = assertInstanceOf(CorrelatedSignSde.class, Sdes.of(cfg));
        final double[] g = sde.diffusionMatrix(X, 0);
        final double[] ggt = Fixtures.outer(g, d, d);
        final double[] drift = new double[d];
        sde.drift(X, 0, drift, 0);
        final Objective f = cfg.buildObjective();
        final double[] grads = new double[runs * d], gn2 = new double[runs];
        for (int r = 0; r < runs; r++) {
            gn2[r] = f.gradient(X, 0, grads, r * d);
        }
        final boolean[] active = new boolean[runs];
        Arrays.fill(active, true);
        final AgentKernel kernel = Optimizers.of(cfg).kernel(cfg);
        final double[] xs = new double[runs * rounds * d], acc = new double[runs * d];
        final double[] mean = new double[d];
        for (int k = 0; k < rounds; k++) {
            Arrays.fill(acc, 0);
            kernel.accumulate(0, N, k, 0, grads, gn2, active, acc);
            for (int q = 0; q < runs * d; q++) {
                final double v = acc[q] / N; // the agents' average sign vector
                xs[k * runs * d + q] = Math.sqrt(ETA) * v;
                mean[q % d] += v / (runs * rounds);
            }
        }
        final SampleCovariance s = SampleCovariance.of(xs, runs * rounds, d, null);
        for (int j = 0; j < d; j++) { // drift −(1/N)Σᵢeᵢⱼ, Eq. 49
            final double se = Math.sqrt(s.cov(j, j) / ETA / (runs * rounds));
            assertEquals(-drift[j], mean[j], 5 * se + 1e-12, label + " drift " + j);
        }
        final double z = s.maxZ(ggt);
        final double[] diagOnly = new double[d * d];
        for (int j = 0; j < d; j++) {
            diagOnly[j * d + j] = ggt[j * d + j];
        }
        System.out.printf("dsignsgd %s: GG^T vs eta Cov(mean sign): max z = %.2f (diagonal only: %.1f); GG^T = %s%n",
                label, z, s.maxZ(diagOnly), Arrays.toString(ggt));
        assertTrue(z < 5, label + ": max z = " + z);
        assertTrue(s.maxZ(diagOnly) > 10, "ignoring the correlation would be detected");
        assertTrue(s.maxZ(Fixtures.scaled(ggt, N)) > 10, "a missing 1/N would be detected");
        for (int j = 0; j < d; j++) { // the nearly certain coordinate has a small variance
            assertTrue(ggt[j * d + j] >= 0);
        }
    }

    @Test
    void diffusionCovarianceMatchesTheAverageSignVectorFullC() {
        check("\"correlation\":" + Arrays.deepToString(Fixtures.C), "full C");
    }

    @Test
    void diffusionCovarianceMatchesTheAverageSignVectorLowRankC() {
        check("\"lowRank\":{\"diag\":" + Arrays.toString(Fixtures.D) + ",\"u\":" + Arrays.deepToString(Fixtures.U) + "}",
                "low-rank C");
    }

    /** The engine integrates it (finite, reproducible, blocking-invariant); phase1 keeps the diagonal ODE. */
    @Test
    void engineRunsAndPhase1IsTheOde() {
        final ExperimentConfig cfg = cfg("\"correlation\":" + Arrays.deepToString(Fixtures.C), 23, 30,
                ", \"sde\": {\"enabled\": true}");
        final SdeSimulation sim = new SdeSimulation(cfg);
        final List<RoundStats> rows = sim.run();
        assertEquals(rows, SdeSimulation.combine(List.of(sim.runBlock(9, 23), sim.runBlock(0, 9))));
        final RoundStats last = rows.get(rows.size() - 1);
        assertEquals(0, last.diverged());
        assertTrue(Double.isFinite(last.loss().mean()) && last.loss().mean() < rows.get(0).loss().mean());
        final ExperimentConfig ode = cfg("\"correlation\":" + Arrays.deepToString(Fixtures.C), 3, 5,
                ", \"sde\": {\"enabled\": true, \"model\": \"phase1\"}");
        assertInstanceOf(DsignSde.class, Sdes.of(ode));
    }
}
