package org.distsde.data;

/** Cholesky factorisation A = LLᵀ of a small dense symmetric matrix, and solves with it. */
final class Cholesky {
    private Cholesky() { }

    /**
     * Overwrites the lower triangle of the row-major d×d matrix {@code a} with L. Returns −1 on
     * success, or the index j of the first pivot that is not positive relative to its own diagonal
     * entry (pivot ≤ 1e-12·Aⱼⱼ, i.e. column j lies within an angle of about 1e-6 of the span of the
     * earlier ones, a test unaffected by the scales of the columns): A is singular or not positive
     * definite to working precision.
     */
    static int factor(double[] a, int d) {
        for (int j = 0; j < d; j++) {
            final double ajj = a[j * d + j];
            double s = ajj;
            for (int k = 0; k < j; k++) {
                s -= a[j * d + k] * a[j * d + k];
            }
            if (!(s > 1e-12 * ajj)) {
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
