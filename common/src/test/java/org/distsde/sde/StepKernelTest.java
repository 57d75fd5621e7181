package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SDE step kernels: the Vector API kernel returns the plain kernel's bits, and the plain kernel
 * is the engine's definition (the integrals as left Riemann sums of ηₛ = lr/η, the Euler–Maruyama
 * step of Algorithm 1, the divergence test), checked element by element on values written here.
 */
class StepKernelTest {
    /** n values: random, with zeros, −0, ±∞, NaN and huge ones mixed in. */
    static double[] values(SplittableRandom r, int n, boolean special) {
        final double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextDouble() - 0.3) * Math.pow(10, r.nextInt(-3, 4));
            if (special) {
                switch (r.nextInt(40)) {
                    case 0 -> v[i] = 0;
                    case 1 -> v[i] = -0.0;
                    case 2 -> v[i] = Double.POSITIVE_INFINITY;
                    case 3 -> v[i] = Double.NaN;
                    case 4 -> v[i] = 1e300;
                    default -> { }
                }
            }
        }
        return v;
    }

    /**
     * Catches a vector operation in another order than the plain one (one rounding apart), a tail
     * (n mod vector length) handled differently, the uniform rate's division hoisted differently.
     */
    @Test
    void theVectorKernelIsThePlainKernelBitForBit() {
        final StepKernel v = StepKernels.vector();
        assumeTrue(v != null, "no Vector API here");
        final SplittableRandom r = new SplittableRandom(3);
        for (int n : new int[] {1, 7, 8, 9, 64, 517, 2048}) {
            for (boolean uniform : new boolean[] {true, false}) {
                final boolean special = n > 8;
                final double[][] in = new double[12][];
                for (int a = 0; a < in.length; a++) {
                    in[a] = values(r, n + 3, special && a != 5 && a != 6);
                }
                for (int p = 0; p < n; p++) { // mask 0/1 (diverged paths), and a uniform lr when asked
                    in[5][p] = r.nextInt(5) == 0 ? 0 : 1;
                    in[6][p] = uniform ? in[6][0] : in[6][p];
                }
                final double[][] a = copy(in), b = copy(in);
                PlainSteps.INSTANCE.advance(n, a[0], a[1], a[2], a[3], 3, a[5], a[6], 0.7, uniform, a[7], a[8], a[9],
                        a[10], a[11], 0.01);
                v.advance(n, b[0], b[1], b[2], b[3], 3, b[5], b[6], 0.7, uniform, b[7], b[8], b[9], b[10], b[11], 0.01);
                for (int k = 0; k < a.length; k++) {
                    assertArrayEquals(a[k], b[k], "advance, n " + n + ", array " + k);
                }
                for (double threshold : new double[] {1e3, 1e308, Double.POSITIVE_INFINITY}) {
                    assertEquals(PlainSteps.INSTANCE.diverging(in[0], in[1], n, 0.5, threshold),
                            v.diverging(in[0], in[1], n, 0.5, threshold), "diverging, n " + n);
                }
            }
        }
    }

    private static double[][] copy(double[][] in) {
        final double[][] c = new double[in.length][];
        for (int a = 0; a < in.length; a++) {
            c[a] = in[a].clone();
        }
        return c;
    }

    /**
     * The plain kernel against the engine's formulas written out: catches ηₛ = lr instead of lr/η,
     * a missing Δt in one integral, e instead of e² in φ₂/I₂, the increment read at the wrong
     * offset, a diverged path (mask 0) that still moves.
     */
    @Test
    void advanceIsTheLeftRiemannSumsAndAlgorithmOne() {
        final int n = 5;
        final double eta = 0.5, dt = 0.1;
        final double[] x = {1, 2, 3, 4, 5}, drift = {-1, 0.5, 2, 0, 1}, diff = {0.3, 0.2, 0.1, 1, 2};
        final double[] inc = {9, 9, 0.4, -0.2, 0.1, 0.7, -1.5}, mask = {1, 1, 0, 1, 1}, lr = {0.2, 0.4, 0.6, 0.8, 1.0};
        final double[] gn2 = {4, 1, 9, 0.25, 2};
        final double[] phi1 = new double[n], phi2 = new double[n], i1 = new double[n], i2 = new double[n];
        final double[] x0 = x.clone();
        PlainSteps.INSTANCE.advance(n, x, drift, diff, inc, 2, mask, lr, eta, false, gn2, phi1, phi2, i1, i2, dt);
        for (int p = 0; p < n; p++) {
            final double e = mask[p] * lr[p] / eta;
            assertEquals(e * dt, phi1[p], 1e-15);
            assertEquals(e * e * dt, phi2[p], 1e-15);
            assertEquals(e * gn2[p] * dt, i1[p], 1e-15);
            assertEquals(e * e * gn2[p] * dt, i2[p], 1e-15);
            assertEquals(x0[p] + e * (drift[p] * dt + diff[p] * inc[2 + p]), x[p], 1e-15);
        }
        assertEquals(x0[2], x[2], 0.0, "a diverged path does not move");
        // uniform: every path at lr[0]
        final double[] y = x0.clone(), q1 = new double[n], q2 = new double[n], j1 = new double[n], j2 = new double[n];
        final double[] same = {0.4, 0.4, 0.4, 0.4, 0.4};
        PlainSteps.INSTANCE.advance(n, y, drift, diff, inc, 2, mask, same, eta, true, gn2, q1, q2, j1, j2, dt);
        assertEquals(0.8 * dt, q1[0], 1e-15);
        assertEquals(x0[1] + 0.8 * (drift[1] * dt + diff[1] * inc[3]), y[1], 1e-15);
    }

    /** NaN or +∞ in f or ‖∇f‖², or f − f* above the threshold, flags the block; nothing else does. */
    @Test
    void divergingFlagsNaNInfinityAndTheThreshold() {
        final double[] val = {1, 2, 3}, g2 = {1, 1, 1};
        for (StepKernel k : new StepKernel[] {PlainSteps.INSTANCE, StepKernels.vector()}) {
            if (k == null) {
                continue;
            }
            assertEquals(false, k.diverging(val, g2, 3, 0.5, 2.5));
            assertEquals(true, k.diverging(val, g2, 3, 0.4, 2.5), "3 - 0.4 > 2.5");
            assertEquals(true, k.diverging(new double[] {1, Double.NaN, 1}, g2, 3, 0, 10));
            assertEquals(true, k.diverging(val, new double[] {1, 1, Double.POSITIVE_INFINITY}, 3, 0, 10));
            assertEquals(true, k.diverging(val, new double[] {Double.NaN, 1, 1}, 3, 0, 10));
            assertEquals(false, k.diverging(val, g2, 2, 0.4, 2.5), "only the first n are looked at");
        }
    }
}
