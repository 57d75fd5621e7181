package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.StableSampler;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.noise.SymmetricStable;
import org.distsde.rng.KeyedStream;
import org.junit.jupiter.api.Test;

/**
 * The SDEs under symmetric α-stable noise: DSignSGD (Eq. 49–50) with the numerical CDF, against
 * the hand-computed drift −(1/N)Σᵢ(2F_αᵢ(g/σᵢ) − 1) and against sampling; DSGD and DCSGD (Eq. 8,
 * 27–28) exist only at α = 2 (variance 2σ²).
 */
class StableNoiseSdeTest {
    static final double ETA = 0.1;
    static final double[] G = {-1.3, -0.02, 0.2, 0.7, 3.0};

    /** f = ½x², so the SDE at x = g has gradient g. */
    static ExperimentConfig cfg(String optimizer, String noise, int agents, String model) {
        return ConfigLoader.parse("""
                {"name": "st", "runs": 1, "rounds": 1, "optimizer": "%s", "agents": %d, "eta": %s,
                 "objective": {"type": "quadratic", "h": [1]}, "x0": [0], "noise": %s,
                 "sde": {"enabled": true, "model": "%s"}}
                """.formatted(optimizer, agents, ETA, noise, model), List.of()).first();
    }

    /**
     * Drift and diffusion at g against −(1/N)Σᵢ eᵢ and √(η/N)·√(1 − (1/N)Σᵢ eᵢ²) with
     * eᵢ = 2F_αᵢ(g/σᵢ) − 1 from the integral ({@link SymmetricStable}), to 1e-13 (the table's
     * accuracy); the block form gives the same bits as the per-point form.
     */
    static void checkAgainstCdf(String noise, double[] alphas, double[] sigmas) {
        final int n = alphas.length;
        final Sde sde = Sdes.of(cfg("dsignsgd", noise, n, "full"));
        final double[] blockDrift = new double[G.length], blockDiff = new double[G.length];
        sde.coefficients(G.clone(), G.length, blockDrift, blockDiff, new double[G.length]);
        for (int q = 0; q < G.length; q++) {
            final double g = G[q];
            double m = 0, m2 = 0;
            for (int i = 0; i < n; i++) {
                final double e = SymmetricStable.of(alphas[i]).meanSign(g / sigmas[i]);
                m += e / n;
                m2 += e * e / n;
            }
            final double[] a = new double[1], s = new double[1];
            sde.coefficients(new double[] {g}, 0, a, s, 0);
            assertEquals(-m, a[0], 1e-13, noise + " drift at g = " + g);
            assertEquals(Math.sqrt(ETA / n) * Math.sqrt(1 - m2), s[0], 1e-13, noise + " diffusion at g = " + g);
            assertEquals(a[0], blockDrift[q], 0, "block drift");
            assertEquals(s[0], blockDiff[q], 0, "block diffusion");
        }
    }

    @Test
    void driftAndDiffusionHomogeneous() {
        checkAgainstCdf("{\"type\": \"stable\", \"alpha\": 1.5, \"sigma\": 0.8}", new double[] {1.5}, new double[] {0.8});
    }

    @Test
    void driftAndDiffusionWithAgentFactorsAndAgentAlphas() {
        checkAgainstCdf("{\"type\": \"stable\", \"alpha\": 1.5, \"sigma\": 0.8, \"agentFactors\": [0.5, 1, 2]}",
                new double[] {1.5, 1.5, 1.5}, new double[] {0.4, 0.8, 1.6});
        checkAgainstCdf("{\"type\": \"stable\", \"agentAlphas\": [0.7, 1, 1.5, 2], \"sigma\": 0.8}",
                new double[] {0.7, 1, 1.5, 2}, new double[] {0.8, 0.8, 0.8, 0.8});
    }

    /**
     * The drift −(1/N)Σᵢ E[sign(g + σᵢTᵢ)] against 100,000 draws per agent of StableSampler (the
     * optimizer's noise), within 4.42 standard errors of the mean of ±1 (two-sided 1e-3
     * family-wise over the 5 points, Bonferroni); N = 2 agents with α = 0.7 and 1.6.
     */
    @Test
    void driftMatchesSampling() {
        final double[] alphas = {0.7, 1.6};
        final double sigma = 0.8;
        final Sde sde = Sdes.of(cfg("dsignsgd", "{\"type\": \"stable\", \"agentAlphas\": [0.7, 1.6], \"sigma\": 0.8}",
                2, "full"));
        final KeyedStream rng = new KeyedStream(5, KeyedStream.Purpose.CHECK);
        final int n = 100_000;
        final double z = org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
                .inverseSurvivalProbability(1e-3 / (2 * G.length));
        for (int q = 0; q < G.length; q++) {
            double mean = 0, var = 0;
            for (int i = 0; i < alphas.length; i++) {
                rng.at(q, i, 0);
                final ContinuousSampler t = StableSampler.of(rng, alphas[i], 0);
                long pos = 0;
                for (int k = 0; k < n; k++) {
                    pos += G[q] + sigma * t.sample() > 0 ? 1 : 0;
                }
                final double m = 2.0 * pos / n - 1;
                mean += m / alphas.length;
                var += (1 - m * m) / n / (alphas.length * alphas.length);
            }
            final double[] a = new double[1], s = new double[1];
            sde.coefficients(new double[] {G[q]}, 0, a, s, 0);
            System.out.printf("stable g=%5.2f: drift %.5f, sampled %.5f +- %.5f%n", G[q], a[0], -mean, Math.sqrt(var));
            assertEquals(-mean, a[0], z * Math.sqrt(var), "drift at g = " + G[q]);
        }
    }

    /** Phase 3: eᵢ = κ g/σ with κ = 2·p(0) = 2Γ(1 + 1/α)/π. */
    @Test
    void phase3UsesTheDensityAtZero() {
        final Sde sde = Sdes.of(cfg("dsignsgd", "{\"type\": \"stable\", \"alpha\": 1.2, \"sigma\": 0.5}", 1, "phase3"));
        final double kappa = 2 * Math.exp(LogGamma.value(1 + 1 / 1.2)) / Math.PI;
        final double[] a = new double[1], s = new double[1];
        sde.coefficients(new double[] {0.01}, 0, a, s, 0);
        assertEquals(-kappa * 0.01 / 0.5, a[0], 1e-15);
    }

    /**
     * DSGD and DCSGD SDEs need the noise covariance: α &lt; 2 has none and is refused as Student-t
     * with ν ≤ 2 is; at α = 2 the diffusion is √(η/N)·√(2σ²) (Eq. 8).
     */
    @Test
    void gradientSdesNeedAlphaTwo() {
        for (String opt : new String[] {"dsgd", "dcsgd"}) {
            final ExperimentConfig c = cfg(opt, "{\"type\": \"stable\", \"alpha\": 1.5, \"sigma\": 0.8}", 2, "full");
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sdes.of(c));
            assertTrue(e.getMessage().contains("finite noise covariance") && e.getMessage().contains("stable(alpha=1.5"),
                    e.getMessage());
            final IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                    () -> Sdes.of(cfg(opt, "{\"type\": \"student-t\", \"nu\": 2, \"sigma\": 0.8}", 2, "full")));
            assertTrue(t.getMessage().contains("finite noise covariance"), t.getMessage());
        }
        final Sde dsgd = Sdes.of(cfg("dsgd", "{\"type\": \"stable\", \"alpha\": 2, \"sigma\": 0.8}", 2, "full"));
        final double[] a = new double[1], s = new double[1];
        dsgd.coefficients(new double[] {0.7}, 0, a, s, 0);
        assertEquals(-0.7, a[0], 0);
        assertEquals(Math.sqrt(ETA / 2) * Math.sqrt(2 * 0.8 * 0.8), s[0], 1e-15);
    }
}
