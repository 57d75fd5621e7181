package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RankOneRoot}: G = √D(I + c·wwᵀ) has GGᵀ = D − γuuᵀ, built column by column from
 * {@link RankOneRoot#apply} on unit vectors and multiplied out here. Catches c's other root, a
 * missing √D on either side, w = u·√D instead of u/√D, and a zero Dⱼ dividing by zero.
 */
class RankOneRootTest {
    @Test
    void rootSquaresToDiagonalMinusRankOne() {
        final SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            final int d = 1 + r.nextInt(6);
            final double[] u = new double[d], dd = new double[d];
            final double gamma = trial % 5 == 0 ? 0 : r.nextDouble() * 0.9;
            for (int j = 0; j < d; j++) {
                u[j] = trial % 7 == 0 && j == 0 ? 0 : r.nextGaussian();
                // D ⪰ γuuᵀ/(1 − slack) keeps D − γuuᵀ a covariance; Dⱼ = 0 where uⱼ = 0 sometimes
                dd[j] = u[j] == 0 && trial % 2 == 0 ? 0 : gamma * d * u[j] * u[j] + r.nextDouble();
            }
            final double[] st = new double[RankOneRoot.size(d)];
            System.arraycopy(dd, 0, st, 0, d);
            RankOneRoot.prepare(st, 0, d, u, 0, gamma);
            final double[] g = new double[d * d];
            for (int q = 0; q < d; q++) {
                final double[] e = new double[d], col = new double[d];
                e[q] = 1;
                RankOneRoot.apply(st, 0, d, e, 0, 1, col, 0);
                for (int j = 0; j < d; j++) {
                    g[j * d + q] = col[j];
                }
            }
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < d; l++) {
                    double s = 0;
                    for (int q = 0; q < d; q++) {
                        s += g[j * d + q] * g[l * d + q];
                    }
                    final double expected = (j == l ? dd[j] : 0) - gamma * u[j] * u[l];
                    assertEquals(expected, s, 1e-12 * (1 + Math.abs(expected)), "trial " + trial + " (" + j + "," + l + ")");
                }
            }
        }
    }
}
