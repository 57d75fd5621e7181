package org.distsde.data;

/** Cholesky factorisation A = LLᵀ of a small dense symmetric matrix, and solves with it. */
final class Cholesky {
    private Cholesky() { }

    /**
     * Overwrites the lower triangle of the row-major d×d matrix {@code a} with L. Returns −1 on
     * success, or the index k of the first pivot that is not positive relative to the largest diagonal
     * entry (pivot ≤ 1e-12·max Aⱼⱼ): A is singular or not positive definite to working precision.
     */
    static int factor(double[] a, int d) {
        double maxDiag = 0;
        for (int j = 0; j < d; j++) {
            maxDiag = Math.max(maxDiag, Math.abs(a[j * d + j]));
        }
        final double tol = 1e-12 * maxDiag;
        for (int j = 0; j < d; j++) {
            double s = a[j * d + j];
            for (int k = 0; k < j; k++) {
                s -= a[j * d + k] * a[j * d + k];
            }
            if (!(s > tol)) {
                return j;
            }
            final double ljj = Math.sqrt(s);
            a[j * d + j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double t = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    t -= a[i * d + k] * a[j * d + k];
                }
                a[i * d + j] = t / ljj;
            }
        }
        return -1;
    }

    /** Solves LLᵀx = b in place (b becomes x), L from {@link #factor}. */
    static void solve(double[] l, int d, double[] b) {
        for (int i = 0; i < d; i++) { // L z = b
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * d + k] * b[k];
            }
            b[i] = s / l[i * d + i];
        }
        for (int i = d - 1; i >= 0; i--) { // Lᵀ x = z
            double s = b[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k * d + i] * b[k];
            }
            b[i] = s / l[i * d + i];
        }
    }
}
