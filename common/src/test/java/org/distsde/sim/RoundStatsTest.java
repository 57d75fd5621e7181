package org.distsde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RoundStats on hand-made arrays: every value computed by hand below. */
class RoundStatsTest {
    // five runs, run 2 diverged (its values must not enter anything)
    static final boolean[] ALIVE = {true, true, false, true, true};
    static final double[] LOSS = {1, 4, 1e9, 2, 3};
    static final double[] GN2 = {4, 9, 1e9, 1, 16};
    static final double[] LR = {0.1, 0.2, 99, 0.05, 0.4};
    static final double[] P1 = {1, 2, 1e9, 3, 6};
    static final double[] P2 = {2, 2, 1e9, 4, 4};
    static final double[] I1 = {0, 1, 1e9, 1, 2};
    static final double[] I2 = {5, 1, 1e9, 3, 3};

    @Test
    void statisticsOverTheAliveRuns() {
        final RoundStats s = RoundStats.of(7, 0.7, LOSS, GN2, LR, ALIVE, P1, P2, I1, I2);
        assertEquals(4, s.runs());
        assertEquals(1, s.diverged());
        assertEquals(2.5, s.loss().mean(), 1e-15);                    // (1 + 4 + 2 + 3)/4
        assertEquals(Math.sqrt(5.0 / 3), s.loss().std(), 1e-15);     // (2.25 + 2.25 + 0.25 + 0.25)/3
        // type 7 on sorted (1, 2, 3, 4): h = 3q; q = 0.05 -> 1 + 0.15, q = 0.5 -> 2.5, q = 0.95 -> 3 + 0.85
        assertEquals(1.15, s.loss().p05(), 1e-15);
        assertEquals(2.5, s.loss().p50(), 1e-15);
        assertEquals(3.85, s.loss().p95(), 1e-15);
        assertEquals(7.5, s.grad().normSqMean(), 1e-15);              // (4 + 9 + 1 + 16)/4
        assertEquals(2.5, s.grad().normMean(), 1e-15);                // (2 + 3 + 1 + 4)/4
        assertEquals(0.1875, s.lr().mean(), 1e-15);
        assertEquals(0.05, s.lr().min(), 0);
        assertEquals(0.4, s.lr().max(), 0);
        assertEquals(3, s.integrals().phi1(), 1e-15);                          // (1 + 2 + 3 + 6)/4
        assertEquals(3, s.integrals().phi2(), 1e-15);
        assertEquals(1, s.integrals().etaGradNormSq(), 1e-15);
        assertEquals(3, s.integrals().eta2GradNormSq(), 1e-15);
    }

    @Test
    void integralCovarianceValuesAndIndexMapping() {
        final RoundStats s = RoundStats.of(7, 0.7, LOSS, GN2, LR, ALIVE, P1, P2, I1, I2);
        // deviations over the alive runs: φ¹ (−2, −1, 0, 3), φ² (−1, −1, 1, 1), I1 (−1, 0, 0, 1), I2 (2, −2, 0, 0)
        final double[][] dev = {{-2, -1, 0, 3}, {-1, -1, 1, 1}, {-1, 0, 0, 1}, {2, -2, 0, 0}};
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                double c = 0;
                for (int r = 0; r < 4; r++) {
                    c += dev[a][r] * dev[b][r];
                }
                assertEquals(c / 3, s.integrals().cov(a, b), 1e-14, "cov(" + a + ", " + b + ")");
            }
        }
        // the named indices and the upper-triangle layout
        assertEquals(14.0 / 3, s.integrals().cov(RoundStats.Integrals.PHI1, RoundStats.Integrals.PHI1), 1e-14);
        assertEquals(6.0 / 3, s.integrals().cov(RoundStats.Integrals.PHI1, RoundStats.Integrals.PHI2), 1e-14);
        assertEquals(5.0 / 3, s.integrals().cov(RoundStats.Integrals.INT1, RoundStats.Integrals.PHI1), 1e-14);
        assertEquals(-2.0 / 3, s.integrals().cov(RoundStats.Integrals.PHI1, RoundStats.Integrals.INT2), 1e-14);
        assertEquals(8.0 / 3, s.integrals().cov(RoundStats.Integrals.INT2, RoundStats.Integrals.INT2), 1e-14);
        assertEquals(s.integrals().cov()[4], s.integrals().cov(RoundStats.Integrals.PHI2, RoundStats.Integrals.PHI2), 0);
        assertEquals(s.integrals().cov()[9], s.integrals().cov(RoundStats.Integrals.INT2, RoundStats.Integrals.INT2), 0);
        assertEquals(s.integrals().cov()[3], s.integrals().cov(RoundStats.Integrals.PHI1, RoundStats.Integrals.INT2), 0);
        assertEquals(s.integrals().cov()[8], s.integrals().cov(RoundStats.Integrals.INT1, RoundStats.Integrals.INT2), 0);
    }

    @Test
    void withoutIntegralsAndAllDiverged() {
        final RoundStats s = RoundStats.of(1, 0.1, LOSS, GN2, LR, ALIVE);
        assertTrue(Double.isNaN(s.integrals().phi1()) && Double.isNaN(s.integrals().etaGradNormSq()));
        assertTrue(Double.isNaN(s.integrals().cov(0, 0)));
        final boolean[] none = new boolean[5];
        final RoundStats d = RoundStats.of(2, 0.2, LOSS, GN2, LR, none, P1, P2, I1, I2);
        assertEquals(0, d.runs());
        assertEquals(5, d.diverged());
        assertTrue(Double.isNaN(d.loss().mean()) && Double.isNaN(d.grad().normSqMean()) && Double.isNaN(d.lr().max())
                && Double.isNaN(d.integrals().phi1()));
        assertTrue(Double.isNaN(d.integrals().cov(RoundStats.Integrals.PHI1, RoundStats.Integrals.INT1)));
        assertThrows(IllegalArgumentException.class, () -> new RoundStats.Integrals(0, 0, 0, 0, new double[3]));
    }

    /** The former hand-written type 7: sort, then interpolate at h = (n − 1)q. */
    static double sortedType7(double[] values, double q) {
        final double[] s = values.clone();
        java.util.Arrays.sort(s);
        final double h = (s.length - 1) * q;
        final int lo = (int) Math.floor(h);
        final int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /**
     * The library's quantiles are the former sort-and-interpolate bit for bit on losses (≥ 0): one
     * to 3000 runs, ties, zeros, heavy tails, diverged runs left out.
     */
    @Test
    void quantilesAreBitIdenticalToTheFormerType7() {
        final java.util.Random r = new java.util.Random(11);
        for (int t = 0; t < 3000; t++) {
            final int n = 1 + r.nextInt(t < 2000 ? 40 : 3000);
            final double[] loss = new double[n];
            final boolean[] alive = new boolean[n];
            final int shape = t % 4;
            for (int i = 0; i < n; i++) {
                loss[i] = switch (shape) {
                    case 0 -> Math.exp(5 * r.nextGaussian());
                    case 1 -> r.nextInt(3);                 // ties and zeros
                    case 2 -> 1e-3 * r.nextDouble();
                    default -> Math.abs(r.nextGaussian());
                };
                alive[i] = i == 0 || r.nextInt(10) > 0;
            }
            final double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1);
            final RoundStats s = RoundStats.of(0, 0, loss, ones, ones, alive);
            final double[] kept = java.util.stream.IntStream.range(0, n).filter(i -> alive[i]).mapToDouble(i -> loss[i])
                    .toArray();
            assertEquals(Double.doubleToRawLongBits(sortedType7(kept, 0.05)), Double.doubleToRawLongBits(s.loss().p05()), "p05");
            assertEquals(Double.doubleToRawLongBits(sortedType7(kept, 0.5)), Double.doubleToRawLongBits(s.loss().p50()), "p50");
            assertEquals(Double.doubleToRawLongBits(sortedType7(kept, 0.95)), Double.doubleToRawLongBits(s.loss().p95()), "p95");
        }
    }
}
