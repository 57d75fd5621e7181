package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.distsde.optim.Optimizers;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.noise.Correlation;
import org.distsde.objective.Objective;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.distsde.testing.Fixtures;
import org.distsde.testing.SampleCovariance;
import org.junit.jupiter.api.Test;

/**
 * DSGD and DCSGD with full-covariance noise Σᵢ = sᵢ²C on the quadratic f = ½Σhⱼxⱼ² (H = diag(h))
 * and N = 4 heterogeneous agents (s̄² = (1/N)Σfᵢ²σ0², σ1 = 0), against closed forms:
 * <ul>
 * <li>the SDE (Eq. 8), Euler–Maruyama with step Δt: stationary covariance Σ_jk =
 *     Δt(η/N)s̄²C_jk/(1 − (1 − Δt hⱼ)(1 − Δt hₖ)), the discrete Lyapunov equation of the scheme,
 *     which tends to the SDE's Lyapunov solution HΣ + ΣH = (η/N)s̄²C, Σ_jk = (η/N)s̄²C_jk/(hⱼ + hₖ),
 *     as Δt → 0 (full C through L, low-rank C through [√D | U]);</li>
 * <li>the optimizer x ← (I − ηH)x − (η/N)ΣZᵢ: Σ_jk = (η²/N)s̄²C_jk/(1 − (1 − ηhⱼ)(1 − ηhₖ));</li>
 * <li>the DCSGD SDE's diffusion GGᵀ (Eq. 27–28, G as {@link MatrixSde#step} applies it) against η
 *     times the Monte Carlo covariance of the agents' average compressed message.</li>
 * </ul>
 * Tolerances: 5 standard errors of the sample covariance entries; the covariances of plausible
 * bugs (a missing 1/N, s̄ for s̄², Lᵀ for L) are rejected by the same criterion.
 */
class CorrelatedGradientSdeTest {
    static final double[] H = {1, 2, 0.5, 1.5};
    static final double ETA = 0.1, S0 = 0.8;
    static final double[] FACTORS = {0.5, 1, 1.5, 2};
    static final int N = 4, PATHS = 40_000;

    static String corr(boolean full) {
        return full ? "\"correlation\":" + Arrays.deepToString(Fixtures.C)
                : "\"lowRank\":{\"diag\":" + Arrays.toString(Fixtures.D) + ",\"u\":" + Arrays.deepToString(Fixtures.U) + "}";
    }

    static ExperimentConfig cfg(String optimizer, boolean full, int rounds, String extra) {
        return ConfigLoader.parse("{\"name\":\"c\",\"seed\":21,\"runs\":" + PATHS + ",\"rounds\":" + rounds
                + ",\"recordEvery\":" + rounds + ",\"optimizer\":\"" + optimizer + "\",\"agents\":" + N + ",\"eta\":" + ETA
                + ",\"objective\":{\"type\":\"quadratic\",\"h\":" + Arrays.toString(H) + "},\"x0\":[0],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":" + S0 + ",\"agentFactors\":" + Arrays.toString(FACTORS)
                + "," + corr(full) + "}" + extra + "}", List.of()).first();
    }

    static double meanSquareFactor() {
        double s = 0;
        for (double f : FACTORS) {
            s += f * f / N;
        }
        return s;
    }

    static double[] c(boolean full) {
        return full ? Fixtures.flat(Fixtures.C) : Fixtures.lowRank(Fixtures.D, Fixtures.U);
    }

    /** Σ_jk = q·C_jk/(1 − (1 − τhⱼ)(1 − τhₖ)). */
    static double[] discreteLyapunov(double[] c, double q, double tau) {
        final int d = H.length;
        final double[] s = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                s[j * d + k] = q * c[j * d + k] / (1 - (1 - tau * H[j]) * (1 - tau * H[k]));
            }
        }
        return s;
    }

    void sdeStationaryCovariance(boolean full) {
        final ExperimentConfig cfg = cfg("dsgd", full, 1, ", \"sde\": {\"enabled\": true}");
        final MatrixSde sde = assertInstanceOf(CorrelatedGradientSde.class, Sdes.of(cfg));
        assertEquals(full ? 4 : 6, sde.noiseDim());
        final double dt = ETA / 4;
        final long steps = 640; // T = 16: the slowest mode, h = 0.5, is at e^{-16} of its start
        final int d = H.length;
        final double[] x = new EulerMaruyama(sde, 8).integrate(new double[d], dt, steps, 0, PATHS);
        final SampleCovariance s = SampleCovariance.of(x, PATHS, d, null);
        final double q = ETA / N * meanSquareFactor() * S0 * S0; // (η/N)s̄²
        final double[] cm = c(full);
        final double[] em = discreteLyapunov(cm, dt * q, dt);
        final double[] lyap = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                lyap[j * d + k] = q * cm[j * d + k] / (H[j] + H[k]); // HΣ + ΣH = (η/N)s̄²C
            }
        }
        final double z = s.maxZ(em);
        System.out.printf("%s C, SDE (Eq. 8) stationary covariance: max z vs EM Lyapunov %.2f, vs continuous %.2f%n",
                full ? "full" : "low-rank", z, s.maxZ(lyap));
        assertTrue(z < 5, "EM stationary covariance: max z = " + z);
        for (int q2 = 0; q2 < d * d; q2++) { // the scheme's bias is O(Δt): the continuous solution is near
            assertEquals(lyap[q2], em[q2], 0.05 * Math.abs(lyap[q2]) + 1e-12);
        }
        assertTrue(s.maxZ(Fixtures.scaled(em, N)) > 10, "a missing 1/N would be detected");
        assertTrue(s.maxZ(Fixtures.scaled(em, 1 / Math.sqrt(meanSquareFactor() * S0 * S0))) > 10,
                "s-bar for s-bar^2 would be detected");
        if (full) {
            final double[] lt = Fixtures.transposeProduct(Correlation.full("c", Fixtures.C).factor(), d);
            assertTrue(s.maxZ(discreteLyapunov(lt, dt * q, dt)) > 10, "L^T for L would be detected");
        }
    }

    @Test
    void sdeStationaryCovarianceSolvesTheLyapunovEquationFullC() {
        sdeStationaryCovariance(true);
    }

    @Test
    void sdeStationaryCovarianceSolvesTheLyapunovEquationLowRankC() {
        sdeStationaryCovariance(false);
    }

    @Test
    void optimizerStationaryCovarianceSolvesTheDiscreteLyapunovEquation() {
        final int rounds = 300; // (1 − ηh)^K ≤ e^{-15}
        final ExperimentConfig cfg = cfg("dsgd", true, rounds, "");
        final int d = H.length;
        final double[] x = new double[PATHS * d];
        try (var agg = new LocalAggregator(cfg)) {
            new Simulation(cfg).run(agg, 0, PATHS, (k, loss, gn2, lr, alive, in, xs, update) -> {
                if (k == rounds) {
                    System.arraycopy(xs, 0, x, 0, x.length);
                }
            });
        }
        final SampleCovariance s = SampleCovariance.of(x, PATHS, d, null);
        final double[] cm = c(true);
        final double[] exact = discreteLyapunov(cm, ETA * ETA / N * meanSquareFactor() * S0 * S0, ETA);
        final double z = s.maxZ(exact);
        System.out.printf("optimizer stationary covariance: max z vs discrete Lyapunov %.2f%n", z);
        assertTrue(z < 5, "optimizer stationary covariance: max z = " + z);
        assertTrue(s.maxZ(Fixtures.scaled(exact, N)) > 10, "a missing 1/N would be detected");
        final double[] lt = Fixtures.transposeProduct(Correlation.full("c", Fixtures.C).factor(), d);
        assertTrue(s.maxZ(discreteLyapunov(lt, ETA * ETA / N * meanSquareFactor() * S0 * S0, ETA)) > 10);
    }

    /** The engine (SdeSimulation, chunks of paths) on the same SDE: E f = ½Σhⱼ Σⱼⱼ, and blocking does not matter. */
    @Test
    void engineIntegratesTheMatrixSde() {
        final ExperimentConfig cfg = cfg("dsgd", false, 160, ", \"sde\": {\"enabled\": true, \"dt\": 0.025}");
        final SdeSimulation sim = new SdeSimulation(cfg);
        final List<RoundStats> rows = sim.run();
        final RoundStats last = rows.get(rows.size() - 1);
        final double[] em = discreteLyapunov(c(false), 0.025 * ETA / N * meanSquareFactor() * S0 * S0, 0.025);
        double loss = 0;
        for (int j = 0; j < H.length; j++) {
            loss += 0.5 * H[j] * em[j * H.length + j];
        }
        final double se = last.loss().std() / Math.sqrt(last.runs());
        System.out.printf("engine: E f = %.5f +- %.5f (closed %.5f)%n", last.loss().mean(), se, loss);
        assertEquals(loss, last.loss().mean(), 5 * se);
        final ExperimentConfig small = cfg("dsgd", true, 20, ", \"sde\": {\"enabled\": true, \"paths\": 37}");
        final SdeSimulation s2 = new SdeSimulation(small);
        assertEquals(s2.run(), SdeSimulation.combine(List.of(s2.runBlock(20, 37), s2.runBlock(0, 20))));
    }

    /** DCSGD: the diffusion the step applies, GGᵀ, is (η/N)Σ̃ of Eq. 28 and η·Cov of the average message. */
    @Test
    void dcsgdDiffusionMatchesTheMessagesCovariance() {
        final double p = 0.5;
        for (boolean full : new boolean[] {true, false}) {
            final ExperimentConfig cfg = ConfigLoader.parse("{\"name\":\"c\",\"seed\":3,\"runs\":1000,\"rounds\":1,"
                    + "\"optimizer\":\"dcsgd\",\"agents\":" + N + ",\"eta\":" + ETA + ",\"objective\":{\"type\":\"quadratic\","
                    + "\"h\":" + Arrays.toString(H) + "},\"x0\":[0],\"noise\":{\"type\":\"gaussian\",\"sigma0\":" + S0
                    + ",\"sigma1\":0.5,\"agentFactors\":" + Arrays.toString(FACTORS) + "," + corr(full) + "},"
                    + "\"compression\":{\"type\":\"random-sparsification\",\"p\":" + p + "}}", List.of()).first();
            final CorrelatedGradientSde sde = assertInstanceOf(CorrelatedGradientSde.class, Sdes.of(cfg));
            final int d = H.length;
            final double[] x = {0.7, -0.3, 1.1, 0.4};
            final double[] g = sde.diffusionMatrix(x, 0);
            final double[] ggt = Fixtures.outer(g, d, sde.noiseDim());
            final double[] formula = sde.covariance(x, 0);
            for (int q = 0; q < d * d; q++) {
                assertEquals(formula[q], ggt[q], 1e-12 * (1 + Math.abs(formula[q])));
            }
            // Monte Carlo of the agents' messages at x: Cov(Σmᵢ)/N² · η should be GGᵀ
            final Objective f = cfg.buildObjective();
            final int runs = 1000, rounds = 200;
            final double[] grads = new double[runs * d], gn2 = new double[runs];
            for (int r = 0; r < runs; r++) {
                gn2[r] = f.gradient(x, 0, grads, r * d);
            }
            final boolean[] active = new boolean[runs];
            Arrays.fill(active, true);
            final var kernel = Optimizers.of(cfg).kernel(cfg);
            final double[] xs = new double[runs * rounds * d], acc = new double[runs * d];
            for (int k = 0; k < rounds; k++) {
                Arrays.fill(acc, 0);
                kernel.accumulate(0, N, k, 0, grads, gn2, active, acc);
                for (int q = 0; q < runs * d; q++) {
                    xs[k * runs * d + q] = acc[q] * Math.sqrt(ETA) / N; // √η·(1/N)Σmᵢ
                }
            }
            final double[] mean = new double[d];
            for (int j = 0; j < d; j++) {
                mean[j] = Math.sqrt(ETA) * grads[j];
            }
            final SampleCovariance s = SampleCovariance.of(xs, runs * rounds, d, mean);
            final double z = s.maxZ(ggt);
            System.out.printf("dcsgd %s C: GG^T vs eta Cov(mean message): max z = %.2f%n", full ? "full" : "low-rank", z);
            assertTrue(z < 5, "DCSGD diffusion vs messages: max z = " + z);
            assertTrue(s.maxZ(Fixtures.scaled(ggt, N)) > 10, "a missing 1/N would be detected");
        }
    }
}
