package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.AgentWorker;
import org.junit.jupiter.api.Test;

/**
 * The DCSGD SDE with rand-k (Eq. 27–28 with off-diagonal E[ΦΦᵀ]) against the covariance of the
 * agents' actual messages, and its diffusion matrix against the closed form.
 */
class DcsgdMatrixSdeTest {
    static final double ETA = 0.1, S0 = 0.7, S1 = 0.3;
    static final double[] X = {0.4, -1.1, 0.9, 0.2, -0.6};

    static ExperimentConfig cfg(int agents, String compression, int runs) {
        return ConfigLoader.parse("{\"name\":\"m\",\"runs\":" + runs + ",\"rounds\":1,\"optimizer\":\"dcsgd\","
                + "\"agents\":" + agents + ",\"eta\":" + ETA + ",\"objective\":{\"type\":\"quadratic\","
                + "\"h\":[1,2,0.5,1.5,3]},\"x0\":" + Arrays.toString(X) + ",\"noise\":{\"type\":\"gaussian\","
                + "\"sigma0\":" + S0 + ",\"sigma1\":" + S1 + "},\"compression\":" + compression
                + ",\"sde\":{\"enabled\":true}}", List.of()).first();
    }

    /**
     * (η/N)Σ̃ written from Eq. 28 here: Σ̃ = (1/N)Σᵢ[Σᵢ + (bᵢ − 1)(ggᵀ + Σᵢ) + (aᵢ − bᵢ)diag(g² + Σᵢ)]
     * with rand-k's (a, b) = (d/k, d(k − 1)/(k(d − 1))) per agent, against GGᵀ of the matrix the
     * step applies (two agents with k = 2 and k = 4, so the averages matter). Catches: a missing
     * 1/N average, the off-diagonal term with the wrong sign, the diagonal excess a − 1 instead of
     * a − b, a diffusion scale √η instead of √(η/N).
     */
    @Test
    void diffusionMatrixIsEq28() {
        final ExperimentConfig c = cfg(2, "{\"agents\":[{\"type\":\"rand-k\",\"k\":2},{\"type\":\"rand-k\",\"k\":4}]}", 1);
        final DcsgdMatrixSde sde = assertInstanceOf(DcsgdMatrixSde.class, Sdes.of(c));
        final int d = X.length, n = 2;
        final double[] g = {1 * X[0], 2 * X[1], 0.5 * X[2], 1.5 * X[3], 3 * X[4]};
        double g2 = 0;
        for (double v : g) {
            g2 += v * v;
        }
        final double sigma = S0 * S0 + S1 * S1 * g2;
        final double[] expected = new double[d * d];
        for (int k : new int[] {2, 4}) {
            final double a = (double) d / k, b = d * (k - 1.0) / (k * (d - 1.0));
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < d; l++) {
                    final double sig = j == l ? sigma : 0;
                    final double phi = (b - 1) * (g[j] * g[l] + sig) + (j == l ? (a - b) * (g[j] * g[j] + sigma) : 0);
                    expected[j * d + l] += ETA / n * (sig + phi) / n;
                }
            }
        }
        final double[] gm = sde.diffusionMatrix(X, 0);
        for (int j = 0; j < d; j++) {
            for (int l = 0; l < d; l++) {
                double s = 0;
                for (int q = 0; q < d; q++) {
                    s += gm[j * d + q] * gm[l * d + q];
                }
                assertEquals(expected[j * d + l], s, 1e-12, "GG^T (" + j + "," + l + ")");
                assertEquals(expected[j * d + l], sde.covariance(X, 0)[j * d + l], 1e-12);
            }
        }
        final double[] drift = new double[d];
        sde.drift(X, 0, drift, 0);
        for (int j = 0; j < d; j++) {
            assertEquals(-g[j], drift[j], 1e-15);
        }
    }

    /**
     * The covariance of one agent's rand-k message C(∇f + Z) over 200 000 runs (the kernel, its
     * fused entry drawing the set first) against (N/η)·GGᵀ, entry by entry, 5 standard errors.
     * Catches an SDE that models rand-k as random sparsification (off-diagonal 0) or a kernel whose
     * set depends on the noise.
     */
    @Test
    void diffusionIsTheMessageCovariance() {
        final int runs = 200_000, d = X.length;
        final ExperimentConfig c = cfg(1, "{\"type\":\"rand-k\",\"k\":2}", runs);
        final DcsgdMatrixSde sde = assertInstanceOf(DcsgdMatrixSde.class, Sdes.of(c));
        final double[] cov = sde.covariance(X, 0);
        final double[] g = new double[d];
        final double g2 = c.buildObjective().gradient(X, 0, g, 0);
        final double[] grads = new double[runs * d], gn2 = new double[runs], acc = new double[runs * d];
        for (int r = 0; r < runs; r++) {
            System.arraycopy(g, 0, grads, r * d, d);
            gn2[r] = g2;
        }
        final boolean[] active = new boolean[runs];
        Arrays.fill(active, true);
        new AgentWorker(c).accumulate(0, 1, 0, grads, gn2, active, acc);
        for (int j = 0; j < d; j++) {
            for (int l = 0; l < d; l++) {
                double mj = 0, ml = 0;
                for (int r = 0; r < runs; r++) {
                    mj += acc[r * d + j];
                    ml += acc[r * d + l];
                }
                mj /= runs;
                ml /= runs;
                double s = 0, s2 = 0;
                for (int r = 0; r < runs; r++) {
                    final double p = (acc[r * d + j] - mj) * (acc[r * d + l] - ml);
                    s += p;
                    s2 += p * p;
                }
                final double m = s / runs, se = Math.sqrt((s2 / runs - m * m) / runs);
                assertEquals(cov[j * d + l] / ETA, m, 5 * se, "Cov(m_" + j + ", m_" + l + ")");
            }
        }
    }

    /** Random sparsification (diagonal E[ΦΦᵀ]) keeps the diagonal Eq. 27–28, bit-identical to before. */
    @Test
    void randomSparsificationKeepsTheDiagonalSde() {
        assertInstanceOf(DcsgdSde.class, Sdes.of(cfg(2, "{\"type\":\"random-sparsification\",\"p\":0.5}", 1)));
    }
}
