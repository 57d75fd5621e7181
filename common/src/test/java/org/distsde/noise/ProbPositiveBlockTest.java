package org.distsde.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/**
 * The block form of P(∂ⱼf + Zⱼ &gt; 0) (CDF sign sampling) against the Student-t CDF, element by
 * element: F(∂ⱼf/sⱼ) within 1e-15 of ½ + atan(z)/π (ν = 1) and ½ + z/(2√(2 + z²)) (ν = 2), within
 * 1e-13 of the library's CDF (other ν, the default path).
 * Catches ∂f·s for ∂f/s, the scale of coordinate q/d instead of q mod d, ½ + e for ½ + ½e, an
 * inactive run's entry used for an active one.
 */
class ProbPositiveBlockTest {
    @Test
    void blockIsTheCdfAtGradientOverScale() {
        for (double nu : new double[] {1, 2, 3.5}) {
            for (double[] sigma : new double[][] {{0.7}, {0.5, 2.0, 8.0}}) {
                final StudentTNoise noise = new StudentTNoise(nu, sigma);
                final TDistribution t = TDistribution.of(nu);
                final int d = 3, runs = 40;
                final double[] g = new double[runs * d], gn2 = new double[runs], out = new double[runs * d];
                final boolean[] active = new boolean[runs];
                for (int q = 0; q < g.length; q++) {
                    g[q] = (q % 17 - 8) * Math.pow(10, q % 5 - 2);
                }
                for (int r = 0; r < runs; r++) {
                    active[r] = r % 7 != 3;
                }
                noise.probPositive(g, gn2, active, d, out);
                for (int r = 0; r < runs; r++) {
                    if (!active[r]) {
                        continue;
                    }
                    for (int j = 0; j < d; j++) {
                        final double s = sigma.length == 1 ? sigma[0] : sigma[j];
                        final double z = g[r * d + j] / s;
                        // closed forms for nu = 1, 2 (the library's CDF is itself off by ~4e-15 near 0 for nu = 1)
                        final double want = nu == 1 ? 0.5 + Math.atan(z) / Math.PI
                                : nu == 2 ? 0.5 + z / (2 * Math.sqrt(2 + z * z)) : t.cumulativeProbability(z);
                        assertEquals(want, out[r * d + j], nu == 3.5 ? 1e-13 : 1e-15, "nu " + nu + ", run " + r + ", j " + j);
                    }
                }
            }
        }
    }
}
