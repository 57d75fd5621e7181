package org.distsde.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Cholesky factors: LLᵀ = A, the known factor of a small matrix, failure rows, the semidefinite variant. */
class CholeskyTest {
    /** (LLᵀ)_jk from a packed factor. */
    static double product(double[] l, int d, int j, int k) {
        double s = 0;
        for (int m = 0; m <= Math.min(j, k); m++) {
            s += l[j * (j + 1) / 2 + m] * l[k * (k + 1) / 2 + m];
        }
        return s;
    }

    @Test
    void knownFactor() {
        // A = LLᵀ with L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]]
        final double[] a = {4, 12, -16, 12, 37, -43, -16, -43, 98};
        final double[] l = new double[6];
        assertEquals(-1, Cholesky.factor(a, 3, l, 0));
        final double[] expected = {2, 6, 1, -8, 5, 3};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], l[i], 1e-14);
        }
        assertEquals(-8 * 1 + 5 * 2 + 3 * 3, Cholesky.row(l, 0, 2, new double[] {1, 2, 3}, 0), 1e-14);
    }

    /**
     * Solves with the packed factor at an offset: A x = b for the matrix above and x = (1, −2, 0.5),
     * b = Ax computed by hand. Catches the back substitution reading L by rows instead of columns
     * (Lᵀ), and an offset applied to one of the two sweeps only.
     */
    @Test
    void solvesWithThePackedFactor() {
        final double[] a = {4, 12, -16, 12, 37, -43, -16, -43, 98};
        final double[] l = new double[2 + 6];
        assertEquals(-1, Cholesky.factor(a, 3, l, 2));
        // b = A (1, -2, 0.5): 4 - 24 - 8, 12 - 74 - 21.5, -16 + 86 + 49
        final double[] b = {-28, -83.5, 119};
        Cholesky.solve(l, 2, 3, b);
        assertEquals(1, b[0], 1e-12);
        assertEquals(-2, b[1], 1e-12);
        assertEquals(0.5, b[2], 1e-12);
    }

    @Test
    void notPositiveDefiniteGivesTheRow() {
        final double[] l = new double[6];
        assertEquals(0, Cholesky.factor(new double[] {-1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, l, 0));
        assertEquals(1, Cholesky.factor(new double[] {1, 2, 0, 2, 1, 0, 0, 0, 1}, 3, l, 0)); // eigenvalue −1
        assertEquals(2, Cholesky.factor(new double[] {1, 0, 1, 0, 1, 1, 1, 1, 2}, 3, l, 0)); // singular
        assertEquals(1, Cholesky.factor(new double[] {1, Double.NaN, Double.NaN, 1}, 2, new double[3], 0));
    }

    /** A rank-2 PSD matrix (and one with a zero row): the semidefinite factor reproduces it. */
    @Test
    void semidefiniteReproducesSingularMatrices() {
        final double[][] u = {{1, 0.5}, {-2, 1}, {-1, 1.5}, {0.5, -0.5}}; // A = UUᵀ, 4×4 of rank 2
        final int d = 4;
        final double[] a = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                a[j * d + k] = u[j][0] * u[k][0] + u[j][1] * u[k][1];
            }
        }
        final double[] l = new double[10 + 3];
        Cholesky.semidefinite(a, 0, d, 1e-12, l, 3);
        final double[] lp = java.util.Arrays.copyOfRange(l, 3, 13);
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                assertEquals(a[j * d + k], product(lp, d, j, k), 1e-6, "(" + j + ", " + k + ")");
            }
        }
        final double[] z = {1, 0, 0.3, 0, 0, 0, 0.3, 0, 0.5}; // the middle row and column vanish
        final double[] lz = new double[6];
        Cholesky.semidefinite(z, 0, 3, 1e-12, lz, 0);
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(z[j * 3 + k], product(lz, 3, j, k), 1e-14);
            }
        }
    }
}
