package org.distsde.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.distsde.testing.Fixtures.flat;
import static org.distsde.testing.Fixtures.square;
import static org.distsde.testing.Fixtures.transposeProduct;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.distsde.rng.KeyedStream;
import org.distsde.testing.Fixtures;
import org.distsde.testing.SampleCovariance;
import org.junit.jupiter.api.Test;

/**
 * The correlation structures' factors: F·T with T standard normal has covariance C, for a full C
 * (unequal variances, correlations from −0.7 to 0.8) and for a singular-diagonal low-rank
 * C = diag(D) + UUᵀ, within 5 standard errors of the sample covariance; the same criterion rejects
 * the covariances of plausible bugs (Lᵀ for L, C for L, D for √D). Validation names the field.
 */
class CorrelationTest {
    static final double[][] C = Fixtures.C;
    static final double[] D = Fixtures.D;
    static final double[][] U = Fixtures.U;
    static final int N = 200_000;

    /** N samples of F·T. */
    static SampleCovariance sample(Correlation c, long key) {
        final KeyedStream rng = new KeyedStream(99, KeyedStream.Purpose.CHECK);
        final ContinuousSampler g = ZigguratSampler.NormalizedGaussian.of(rng);
        final int d = c.dim();
        final double[] t = new double[c.draws()], xs = new double[N * d];
        for (int i = 0; i < N; i++) {
            rng.at(key, i, 0);
            for (int q = 0; q < t.length; q++) {
                t[q] = g.sample();
            }
            c.apply(t, 0, xs, i * d);
            for (int j = 0; j < d; j++) { // row() is apply() one coordinate at a time
                assertEquals(xs[i * d + j], c.row(j, t, 0), 1e-12);
            }
        }
        return SampleCovariance.of(xs, N, d, new double[d]);
    }

    @Test
    void fullFactorSamplesC() {
        final Correlation.Full c = Correlation.full("noise.correlation", C);
        final int d = 4;
        final double[] expected = flat(C);
        assertEquals(0, java.util.Arrays.compare(expected, c.dense()));
        final SampleCovariance s = sample(c, 1);
        final double z = s.maxZ(expected);
        System.out.printf("full C: max |cov - C|/se = %.2f (n = %d)%n", z, N);
        assertTrue(z < 5, "sample covariance of L T vs C: max z = " + z);
        assertTrue(s.maxZ(transposeProduct(c.factor(), d)) > 20, "L^T T would be detected");
        assertTrue(s.maxZ(square(expected, d)) > 20, "C T (C instead of L) would be detected");
    }

    @Test
    void lowRankFactorSamplesDiagPlusUUt() {
        final Correlation.LowRank c = Correlation.lowRank("noise.lowRank", D, U);
        final int d = 4;
        assertEquals(6, c.draws());
        final double[] expected = new double[d * d], wrong = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                final double uu = U[j][0] * U[k][0] + U[j][1] * U[k][1];
                expected[j * d + k] = (j == k ? D[j] : 0) + uu;
                wrong[j * d + k] = (j == k ? D[j] * D[j] : 0) + uu; // D∘T₁ for √D∘T₁
                assertEquals(expected[j * d + k], c.entry(j, k), 1e-15);
            }
            assertEquals(expected[j * d + j], c.diagonal(j), 1e-15);
        }
        final SampleCovariance s = sample(c, 2);
        final double z = s.maxZ(expected);
        System.out.printf("low-rank C: max |cov - C|/se = %.2f (n = %d)%n", z, N);
        assertTrue(z < 5, "sample covariance of sqrt(D) T1 + U T2 vs D + UU^T: max z = " + z);
        assertTrue(s.maxZ(wrong) > 20, "D instead of sqrt(D) would be detected");
        assertTrue(s.maxZ(square(expected, d)) > 20);
    }

    /** λ_max by power iteration against the eigenvalues (numpy.linalg.eigvalsh) of the fixtures, and C·v. */
    @Test
    void largestEigenvalueAndProduct() {
        final Correlation full = Correlation.full("c", C), low = Correlation.lowRank("l", D, U);
        assertEquals(4.45705892, full.largestEigenvalue(), 1e-8);
        assertEquals(4.74961909, low.largestEigenvalue(), 1e-8);
        final double[] v = {0.3, -1, 2, 0.5}, out = new double[4];
        for (Correlation c : new Correlation[] {full, low}) {
            c.multiply(v, out);
            for (int j = 0; j < 4; j++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    s += c.entry(j, k) * v[k];
                }
                assertEquals(s, out[j], 1e-14);
            }
        }
    }

    @Test
    void validationNamesTheField() {
        final String f = "noise.correlation";
        assertMessage(f + " must be a square matrix", () -> Correlation.full(f, new double[][] {{1, 0}, {0}}));
        assertMessage(f + " must be a square matrix", () -> Correlation.full(f, new double[][] {{1, 0, 0}, {0, 1, 0}}));
        assertMessage(f + "[0][1] must be a finite number", () -> Correlation.full(f, new double[][] {{1, Double.NaN}, {0, 1}}));
        assertMessage(f + " must be symmetric", () -> Correlation.full(f, new double[][] {{1, 0.5}, {0.4, 1}}));
        assertMessage(f + " must be positive definite", () -> Correlation.full(f, new double[][] {{1, 2}, {2, 1}}));
        assertMessage(f + " must be positive definite", () -> Correlation.full(f, new double[][] {{1, 1}, {1, 1}}));
        assertMessage(f + " must be a non-empty", () -> Correlation.full(f, new double[0][]));
        final String g = "noise.lowRank";
        assertMessage(g + ".diag[1] must be finite and >= 0", () -> Correlation.lowRank(g, new double[] {1, -1},
                new double[][] {{1}, {1}}));
        assertMessage(g + ".u must have as many rows", () -> Correlation.lowRank(g, new double[] {1, 1},
                new double[][] {{1}}));
        assertMessage(g + ".u must have k = 2 values in every row", () -> Correlation.lowRank(g, new double[] {1, 1},
                new double[][] {{1, 2}, {1}}));
        assertMessage(g + ".u[1][0] must be a finite number", () -> Correlation.lowRank(g, new double[] {1, 1},
                new double[][] {{1}, {Double.POSITIVE_INFINITY}}));
        // a singular low-rank C is allowed (PSD): D = 0, U one column
        assertEquals(4, Correlation.lowRank(g, new double[] {0, 0}, new double[][] {{2}, {1}}).entry(0, 0), 0);
    }

    static void assertMessage(String start, org.junit.jupiter.api.function.Executable e) {
        final IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().startsWith(start), x.getMessage());
    }
}
