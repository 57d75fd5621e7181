package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.TSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.TDistribution;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseSpec;
import org.distsde.config.SdeSpec;
import org.distsde.rng.KeyedStream;
import org.junit.jupiter.api.Test;

/** The DSignSGD SDE (Eq. 49–52) against sampling and against the closed form of Eq. 51. */
class DsignSdeTest {
    static final double ETA = 0.1;
    static final double[] G = {-1.3, 0.2, 0.7, 3.0};

    private static ExperimentConfig cfg(NoiseSpec noise, int agents) {
        // f = ½x², so ∇f(x) = x: evaluating the SDE at x = g gives the drift at gradient g
        return Configs.of("dsignsgd", Configs.quadratic(1), new double[] {0}, noise, agents, ETA, 1, 1, 1,
                null, null, null, new SdeSpec(true, null, null));
    }

    /** Drift −(1/N)ΣE[sign(g + sᵢT)] and diffusion² (η/N)(1 − (1/N)ΣE[sign]²) vs sampling, N = 3 heterogeneous agents. */
    private static void checkAgainstSampling(NoiseSpec noise, String law, double nu) {
        final int agents = 3;
        final ExperimentConfig c = cfg(noise, agents);
        final Sde sde = Sdes.of(c);
        final KeyedStream rng = new KeyedStream(5, KeyedStream.Purpose.CHECK);
        final ContinuousSampler t = law.equals("gaussian") ? ZigguratSampler.NormalizedGaussian.of(rng) : TSampler.of(rng, nu);
        final int n = 100_000;
        for (int gi = 0; gi < G.length; gi++) {
            final double g = G[gi];
            final double[] a = new double[1];
            final double[] s = new double[1];
            sde.coefficients(new double[] {g}, 0, a, s, 0);
            final double[] mi = new double[agents];
            final double[] sei = new double[agents];
            double mean = 0, se2 = 0;
            for (int i = 0; i < agents; i++) {
                final double scale = noise.build(i, agents).scale(0, g * g);
                rng.at(gi, i, 0);
                long pos = 0;
                for (int k = 0; k < n; k++) {
                    pos += g + scale * t.sample() > 0 ? 1 : 0;
                }
                mi[i] = 2.0 * pos / n - 1;
                sei[i] = Math.sqrt((1 - mi[i] * mi[i]) / n);
                mean += mi[i] / agents;
                se2 += sei[i] * sei[i] / (agents * agents);
            }
            final double se = Math.sqrt(se2);
            assertEquals(-mean, a[0], 4 * se, law + " drift at g = " + g);
            double sq = 0, seSq = 0;
            for (int i = 0; i < agents; i++) {
                sq += mi[i] * mi[i] / agents;
                seSq += 2 * Math.abs(mi[i]) * sei[i] / agents; // delta method, conservative (sum of |terms|)
            }
            assertEquals((ETA / agents) * (1 - sq), s[0] * s[0], (ETA / agents) * 4 * seSq + 1e-12, law + " diffusion at g = " + g);
            System.out.printf("%s g=%5.2f: drift %.5f, sampled %.5f +- %.5f%n", law, g, a[0], -mean, se);
        }
    }

    @Test
    void driftAndDiffusionMatchSamplingGaussian() {
        checkAgainstSampling(new NoiseSpec("gaussian", new double[] {0.8}, new double[] {0}, null, null,
                new double[] {0.5, 1, 2}, null), "gaussian", Double.NaN);
    }

    @Test
    void driftAndDiffusionMatchSamplingStudentT() {
        for (double nu : new double[] {1, 2, 5}) {
            checkAgainstSampling(Configs.studentT(nu, 0.8, new double[] {0.5, 1, 2}), "t(" + nu + ")", nu);
        }
    }

    /** Ξ_ν(x) of Eq. 51: x Γ((ν+1)/2)/(√(πν)Γ(ν/2)) ₂F₁(½, (ν+1)/2; 3/2; −x²/ν) (Γ(ν/2), not Γ(ν/2)², see README). */
    static double xi(double nu, double x) {
        return x * Math.exp(LogGamma.value((nu + 1) / 2) - LogGamma.value(nu / 2)) / Math.sqrt(Math.PI * nu)
                * hyp2f1(0.5, (nu + 1) / 2, 1.5, -x * x / nu);
    }

    /** ₂F₁(a, b; c; z) for z ≤ 0 via Pfaff: (1 − z)^{−a} ₂F₁(a, c − b; c; z/(z − 1)), a convergent series on [0, 1). */
    static double hyp2f1(double a, double b, double c, double z) {
        if (!(z <= 0)) {
            throw new IllegalArgumentException("z must be <= 0");
        }
        final double w = z / (z - 1);
        final double bb = c - b;
        double term = 1, sum = 1;
        for (int k = 0; k < 1_000_000; k++) {
            term *= (a + k) * (bb + k) / ((c + k) * (k + 1)) * w;
            sum += term;
            if (Math.abs(term) < 1e-18 * Math.abs(sum)) {
                break;
            }
        }
        return Math.pow(1 - z, -a) * sum;
    }

    @Test
    void hypergeometricFormEqualsStudentTCdfAndTheSdeDrift() {
        final double sigma = 0.8;
        for (double nu : new double[] {1, 2, 3, 5, 10}) {
            final TDistribution dist = TDistribution.of(nu);
            final Sde sde = Sdes.of(cfg(Configs.studentT(nu, sigma, null), 1));
            for (double y = -5; y <= 5.0001; y += 0.25) {
                final double viaHyp = 2 * xi(nu, y);                         // Eq. 51: 2Ξ_ν(y)
                final double viaCdf = 2 * dist.cumulativeProbability(y) - 1; // Eq. 49: 1 − 2P(· < 0)
                assertEquals(viaCdf, viaHyp, 1e-12, "nu = " + nu + ", y = " + y);
                if (nu == 1) {
                    assertEquals(Math.atan(y) / Math.PI, xi(nu, y), 1e-12);
                }
                if (nu == 2) {
                    assertEquals(y / (2 * Math.sqrt(2 + y * y)), xi(nu, y), 1e-12);
                }
                final double[] a = new double[1];
                final double[] s = new double[1];
                sde.coefficients(new double[] {y * sigma}, 0, a, s, 0);
                assertEquals(-viaHyp, a[0], 1e-12, "SDE drift, nu = " + nu + ", y = " + y);
                // Eq. 52: diffusion² = (η/N)(1 − 4Ξ_ν²), N = 1
                assertEquals(ETA * (1 - viaHyp * viaHyp), s[0] * s[0], 1e-12);
            }
        }
        // the Γ(ν/2)² printed in Lemma 3.10 would not match (ν = 5, y = 1)
        final double printed = 2 * xi(5, 1) / Math.exp(LogGamma.value(2.5));
        assertTrue(Math.abs(printed - (2 * TDistribution.of(5).cumulativeProbability(1) - 1)) > 0.1);
    }
}
