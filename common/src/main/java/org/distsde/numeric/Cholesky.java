package org.distsde.numeric;

/**
 * Cholesky factors A = LLᵀ of symmetric d×d matrices, L lower triangular and stored packed by
 * rows: L[j][k] (k ≤ j) at index j(j+1)/2 + k. The input is a dense row-major array of which only
 * the lower triangle is read. O(d³/6) multiply-adds, no allocation besides the result. The project's
 * one Cholesky: the correlated-noise kernels and SDEs factor a small matrix per path and step, where
 * a library's (Commons Math 3 {@code CholeskyDecomposition}, measured: 135–225 ns at d = 2 against
 * 13 ns here, 0.77–1.1 µs at d = 10 against 0.30 µs; it allocates matrices and has no semidefinite
 * variant) would dominate the step; the data objectives' normal equations and Newton steps solve with
 * {@link #solve}.
 */
public final class Cholesky {
    private Cholesky() { }

    /** Length of a packed lower triangle of order d. */
    public static int packedLength(int d) {
        return d * (d + 1) / 2;
    }

    /**
     * The factor of a positive definite A into {@code l[off .. off + d(d+1)/2)}; returns −1 on
     * success, else the first row j whose pivot A_jj − Σ_{k<j} L_jk² is not larger than
     * {@code 1e-12·A_jj} (or not finite): A is then not (numerically) positive definite.
     */
    public static int factor(double[] a, int d, double[] l, int off) {
        for (int j = 0; j < d; j++) {
            final int rj = off + j * (j + 1) / 2;
            for (int k = 0; k <= j; k++) {
                final int rk = off + k * (k + 1) / 2;
                double s = a[j * d + k];
                for (int m = 0; m < k; m++) {
                    s -= l[rj + m] * l[rk + m];
                }
                if (k < j) {
                    l[rj + k] = s / l[rk + k];
                } else {
                    if (!(s > 1e-12 * Math.abs(a[j * d + j])) || Double.isInfinite(s)) {
                        return j;
                    }
                    l[rj + j] = Math.sqrt(s);
                }
            }
        }
        return -1;
    }

    /**
     * A factor of a positive <em>semi</em>definite A (as the sign covariance of Eq. 50, singular
     * when a sign is nearly certain): the Cholesky recursion in which a pivot at most
     * {@code tol·max_j A_jj} (rounding, or an exactly singular direction) is set to 0 together with
     * its column below. For a PSD matrix the column under a zero pivot vanishes (|A_jk|² ≤ A_jj A_kk
     * for the Schur complement), so LLᵀ = A up to O(√tol·max A_jj) per entry. Never fails on a
     * matrix with finite entries; a negative definite direction is clamped to 0 like a zero pivot.
     */
    public static void semidefinite(double[] a, int aOff, int d, double tol, double[] l, int off) {
        double max = 0;
        for (int j = 0; j < d; j++) {
            max = Math.max(max, a[aOff + j * d + j]);
        }
        final double floor = tol * max;
        for (int j = 0; j < d; j++) {
            final int rj = off + j * (j + 1) / 2;
            for (int k = 0; k <= j; k++) {
                final int rk = off + k * (k + 1) / 2;
                double s = a[aOff + j * d + k];
                for (int m = 0; m < k; m++) {
                    s -= l[rj + m] * l[rk + m];
                }
                if (k < j) {
                    final double p = l[rk + k];
                    l[rj + k] = p > 0 ? s / p : 0;
                } else {
                    l[rj + j] = s > floor ? Math.sqrt(s) : 0;
                }
            }
        }
    }

    /** Solves LLᵀx = b in place (b becomes x), L the packed factor at {@code off} from {@link #factor}. */
    public static void solve(double[] l, int off, int d, double[] b) {
        for (int i = 0; i < d; i++) { // L z = b
            final int ri = off + i * (i + 1) / 2;
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[ri + k] * b[k];
            }
            b[i] = s / l[ri + i];
        }
        for (int i = d - 1; i >= 0; i--) { // Lᵀ x = z: column i of L below the diagonal
            double s = b[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[off + k * (k + 1) / 2 + i] * b[k];
            }
            b[i] = s / l[off + i * (i + 1) / 2 + i];
        }
    }

    /** (L t)_j = Σ_{k ≤ j} L_jk t_k for the packed factor at {@code off}, t from {@code tOff}. */
    public static double row(double[] l, int off, int j, double[] t, int tOff) {
        final int rj = off + j * (j + 1) / 2;
        double s = 0;
        for (int k = 0; k <= j; k++) {
            s += l[rj + k] * t[tOff + k];
        }
        return s;
    }
}
