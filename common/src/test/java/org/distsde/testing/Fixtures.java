package org.distsde.testing;

/**
 * The correlation structures of the full-covariance tests, and the small matrix helpers they use
 * (dense matrices flat row-major, factors packed lower-triangular by rows).
 */
public final class Fixtures {
    private Fixtures() { }

    /** A full C: variances 0.5, 2, 1, 4; correlations 0.8, −0.59, 0.30, −0.70, 0.10, −0.40 (eigenvalues 0.12 … 4.5). */
    public static final double[][] C = {
        {0.5, 0.8, -0.42, 0.42}, {0.8, 2.0, -0.99, 0.28}, {-0.42, -0.99, 1.0, -0.8}, {0.42, 0.28, -0.8, 4.0}};
    /** D of a low-rank C = diag(D) + UUᵀ, with a zero entry. */
    public static final double[] D = {0.3, 0, 1.2, 0.5};
    /** U (4×2) of the low-rank C. */
    public static final double[][] U = {{1, 0.5}, {-1.5, 0.2}, {0.8, -1}, {0, 1.3}};

    public static double[] flat(double[][] m) {
        final int d = m.length;
        final double[] r = new double[d * d];
        for (int j = 0; j < d; j++) {
            System.arraycopy(m[j], 0, r, j * d, d);
        }
        return r;
    }

    /** diag(D) + UUᵀ, flat. */
    public static double[] lowRank(double[] dg, double[][] u) {
        final int d = dg.length;
        final double[] r = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                double s = j == k ? dg[j] : 0;
                for (int m = 0; m < u[j].length; m++) {
                    s += u[j][m] * u[k][m];
                }
                r[j * d + k] = s;
            }
        }
        return r;
    }

    /** LᵀL for a packed lower-triangular L (the covariance of LᵀT, the transposition bug). */
    public static double[] transposeProduct(double[] l, int d) {
        final double[] r = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                double s = 0;
                for (int m = Math.max(j, k); m < d; m++) {
                    s += l[m * (m + 1) / 2 + j] * l[m * (m + 1) / 2 + k];
                }
                r[j * d + k] = s;
            }
        }
        return r;
    }

    /** A·A (the covariance of C·T, C used for its factor). */
    public static double[] square(double[] a, int d) {
        final double[] r = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                for (int m = 0; m < d; m++) {
                    r[j * d + k] += a[j * d + m] * a[m * d + k];
                }
            }
        }
        return r;
    }

    public static double[] scaled(double[] a, double c) {
        final double[] r = a.clone();
        for (int q = 0; q < r.length; q++) {
            r[q] *= c;
        }
        return r;
    }

    /** G·Gᵀ for a dense row-major d×m matrix G. */
    public static double[] outer(double[] g, int d, int m) {
        final double[] r = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                double s = 0;
                for (int q = 0; q < m; q++) {
                    s += g[j * m + q] * g[k * m + q];
                }
                r[j * d + k] = s;
            }
        }
        return r;
    }
}
