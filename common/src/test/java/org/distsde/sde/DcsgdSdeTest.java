package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.distsde.config.CompressionSpec;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.SdeSpec;
import org.distsde.sim.AgentWorker;
import org.junit.jupiter.api.Test;

/** Eq. 27–28 against the variance of the agents' actual compressed messages. */
class DcsgdSdeTest {
    @Test
    void diffusionIsTheMessageCovariance() {
        final double eta = 0.1, s0 = 0.7, s1 = 0.3, p = 0.25;
        final int runs = 200_000;
        final ExperimentConfig c = Configs.of("dcsgd", Configs.quadratic(1, 2), new double[] {0.4, -1.1},
                Configs.gaussian(s0, s1), 1, eta, runs, 1, 1, CompressionSpec.of("random-sparsification", org.distsde.compress.Arguments.of("compression", "p", p)),
                null, null, new SdeSpec(true, null, null));
        final Sde sde = Sdes.of(c);
        final double[] x = {0.4, -1.1};
        final double[] a = new double[2];
        final double[] s = new double[2];
        final double gn2 = sde.coefficients(x, 0, a, s, 0);
        final double[] g = {0.4, -2.2};
        assertEquals(g[0] * g[0] + g[1] * g[1], gn2, 1e-12);
        // messages of one agent for `runs` independent runs at the same point
        final double[] grads = new double[runs * 2];
        final double[] gn2s = new double[runs];
        for (int r = 0; r < runs; r++) {
            grads[2 * r] = g[0];
            grads[2 * r + 1] = g[1];
            gn2s[r] = gn2;
        }
        final boolean[] active = new boolean[runs];
        Arrays.fill(active, true);
        final double[] acc = new double[runs * 2];
        new AgentWorker(c).accumulate(0, 1, 0, grads, gn2s, active, acc);
        final double omega = 1 / p - 1;
        for (int j = 0; j < 2; j++) {
            double m = 0, m2 = 0, m4 = 0;
            for (int r = 0; r < runs; r++) {
                m += acc[2 * r + j];
            }
            m /= runs;
            for (int r = 0; r < runs; r++) {
                final double e = acc[2 * r + j] - m;
                m2 += e * e;
                m4 += e * e * e * e;
            }
            final double var = m2 / (runs - 1);
            final double seVar = Math.sqrt((m4 / runs - var * var) / runs);
            final double sigma = s0 * s0 + s1 * s1 * gn2;
            final double closed = omega * (g[j] * g[j] + sigma) + sigma; // Eq. 28, N = 1
            System.out.printf("DCSGD coord %d: message var %.5f +- %.5f, Eq. 28 %.5f%n", j, var, seVar, closed);
            assertEquals(-g[j], a[j], 1e-15);
            assertEquals(eta * closed, s[j] * s[j], 1e-12);   // diffusion² = (η/N)Σ̃ⱼⱼ
            assertEquals(closed, var, 4 * seVar);             // Σ̃ is the message covariance
            assertEquals(g[j], m, 4 * Math.sqrt(var / runs)); // unbiased compression
        }
    }
}
