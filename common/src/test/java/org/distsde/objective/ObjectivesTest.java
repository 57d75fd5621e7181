package org.distsde.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.rng.KeyedStream;
import org.junit.jupiter.api.Test;

class ObjectivesTest {
    static final List<Objective> ALL = List.of(new Quartic(3), new DiagonalQuadratic(new double[] {1, 2, 0.5}),
            new CoshSum(2), EmbeddedSaddle.standard());

    @Test
    void gradientsAndHessianNormsMatchCentralFiniteDifferences() {
        final KeyedStream rng = new KeyedStream(3, KeyedStream.Purpose.CHECK);
        for (Objective f : ALL) {
            final int d = f.dim();
            for (int t = 0; t < 50; t++) {
                rng.at(t, 0, 0);
                final double[] x = new double[d];
                for (int j = 0; j < d; j++) {
                    x[j] = 4 * rng.nextDouble() - 2;
                }
                final double[] g = new double[d];
                final double n2 = f.gradient(x, 0, g, 0);
                double s = 0, hmax = 0;
                for (int j = 0; j < d; j++) {
                    final double h = 1e-5;
                    final double[] xp = x.clone(), xm = x.clone();
                    xp[j] += h;
                    xm[j] -= h;
                    final double fd = (f.value(xp, 0) - f.value(xm, 0)) / (2 * h);
                    assertEquals(fd, g[j], 1e-6 * (1 + Math.abs(fd)), f.describe() + " d/dx" + j);
                    s += g[j] * g[j];
                    // every objective here has a diagonal Hessian: its norm is max |d2f/dxj2|
                    final double[] gp = new double[d], gm = new double[d];
                    f.gradient(xp, 0, gp, 0);
                    f.gradient(xm, 0, gm, 0);
                    hmax = Math.max(hmax, Math.abs((gp[j] - gm[j]) / (2 * h)));
                }
                assertEquals(s, n2, 1e-12 * (1 + s), f.describe() + " ||grad||^2");
                assertEquals(hmax, f.hessianNorm(x, 0), 1e-5 * (1 + hmax), f.describe() + " ||Hessian||");
            }
        }
    }

    @Test
    void minimumValueIsAttainedAndNeverUndercut() {
        for (Objective f : ALL) {
            final int d = f.dim();
            // separable objectives: minimise each coordinate on a fine grid
            double best = 0;
            for (int j = 0; j < d; j++) {
                double bj = Double.POSITIVE_INFINITY;
                for (int i = -40_000; i <= 40_000; i++) {
                    final double[] x = new double[d];
                    x[j] = i * 1e-4;
                    bj = Math.min(bj, f.value(x, 0) - f.value(new double[d], 0));
                }
                best += bj;
            }
            final double gridMin = best + f.value(new double[d], 0);
            assertTrue(f.minValue() <= gridMin + 1e-12, f.describe() + ": f* above a grid value");
            assertEquals(gridMin, f.minValue(), 1e-6, f.describe());
        }
    }

    @Test
    void statedPairsSatisfyDefinitionOneAndTooSmallPairsFailIt() {
        final KeyedStream rng = new KeyedStream(5, KeyedStream.Purpose.CHECK);
        final Quartic q = new Quartic(2);
        final CoshSum c = new CoshSum(2);
        double worstQ = Double.NEGATIVE_INFINITY, worstC = Double.NEGATIVE_INFINITY, worstL = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < 20_000; t++) {
            rng.at(t, 0, 0);
            final double[] x = {6 * rng.nextDouble() - 3, 6 * rng.nextDouble() - 3};
            final double[] g = new double[2];
            final double gq = Math.sqrt(q.gradient(x, 0, g, 0));
            final double gc = Math.sqrt(c.gradient(x, 0, g, 0));
            worstQ = Math.max(worstQ, q.hessianNorm(x, 0) - (4 + gq)); // (L0, L1) = (4, 1)
            worstC = Math.max(worstC, c.hessianNorm(x, 0) - (1 + gc)); // (1, 1)
            worstL = Math.max(worstL, q.hessianNorm(x, 0) - 3); // (3, 0): not L-smooth
        }
        assertTrue(worstQ <= 1e-9, "quartic (4,1) violated by " + worstQ);
        assertTrue(worstC <= 1e-9, "cosh (1,1) violated by " + worstC);
        assertTrue(worstL > 1, "quartic must not be 3-smooth (excess " + worstL + ")");
    }
}
