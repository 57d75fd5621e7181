package org.distsde.noise;

import java.io.Serializable;
import java.util.Arrays;
import org.distsde.numeric.Cholesky;

/**
 * The correlation structure C of full-covariance Gaussian noise, Σᵢ(x) = sᵢ(x)²C (Zᵢ = sᵢ·F·T,
 * FFᵀ = C, T standard normal), with its factor F:
 * <ul>
 * <li>{@link Full}: a symmetric positive definite d×d matrix, F = L its Cholesky factor (d draws,
 *     O(d²/2) per sample);</li>
 * <li>{@link LowRank}: C = diag(D) + UUᵀ with D ≥ 0 and U d×k, F = [diag(√D) | U]
 *     (d + k draws, O(d·k) per sample, no d×d matrix).</li>
 * </ul>
 * Immutable and thread-safe; the factor is computed once, at construction. The factories
 * validate and throw {@link IllegalArgumentException} with a one-line message naming the field.
 */
public abstract sealed class Correlation implements Serializable permits Correlation.Full, Correlation.LowRank {
    private static final long serialVersionUID = 1L;
    final int d;
    /** C_jj. */
    final double[] diag;

    Correlation(int d, double[] diag) {
        this.d = d;
        this.diag = diag;
    }

    /** Dimension d. */
    public final int dim() {
        return d;
    }

    /** Standard normal draws per sample: the columns of F (d, or d + k). */
    public abstract int draws();

    /** C_jk. */
    public abstract double entry(int j, int k);

    /** C_jj. */
    public final double diagonal(int j) {
        return diag[j];
    }

    /** max_j C_jj: ‖C‖_∞ entrywise (for a PSD matrix the largest entry is on the diagonal). */
    public final double maxDiagonal() {
        return Arrays.stream(diag).max().orElse(0);
    }

    /** tr(C)/d. */
    public final double meanDiagonal() {
        return Arrays.stream(diag).sum() / d;
    }

    /** out = C·v (d values each). */
    public abstract void multiply(double[] v, double[] out);

    /**
     * λ_max(C), the largest eigenvalue, by power iteration from the all-ones vector (C is positive
     * semidefinite), to a relative change below 1e-12 or 10 000 iterations: O(d²), resp. O(d·k), each.
     */
    public final double largestEigenvalue() {
        double[] v = new double[d], w = new double[d];
        java.util.Arrays.fill(v, 1 / Math.sqrt(d));
        double lambda = 0;
        for (int it = 0; it < 10_000; it++) {
            multiply(v, w);
            double norm = 0, rq = 0;
            for (int j = 0; j < d; j++) {
                norm += w[j] * w[j];
                rq += v[j] * w[j];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                return 0;
            }
            for (int j = 0; j < d; j++) {
                w[j] /= norm;
            }
            final double[] t = v;
            v = w;
            w = t;
            if (Math.abs(rq - lambda) <= 1e-12 * Math.abs(rq)) {
                return rq;
            }
            lambda = rq; // the Rayleigh quotient vᵀCv of the unit vector v
        }
        return lambda;
    }

    /** (F t)_j with t = {@code t[off .. off + draws())}: row j of the factor applied to t. */
    public abstract double row(int j, double[] t, int off);

    /** out[oOff + j] = (F t)_j for every j. */
    public abstract void apply(double[] t, int off, double[] out, int oOff);

    /** C as a dense row-major d×d array (for the SDEs' covariances and the tests). */
    public final double[] dense() {
        final double[] c = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                c[j * d + k] = entry(j, k);
            }
        }
        return c;
    }

    public abstract String describe();

    /** A full matrix, validated (square, finite, symmetric, positive definite) and factorised. */
    public static Full full(String field, double[][] c) {
        return new Full(field, c);
    }

    /** C = diag(D) + UUᵀ, validated (D finite and ≥ 0, U finite with d rows of k ≥ 1 values). */
    public static LowRank lowRank(String field, double[] diag, double[][] u) {
        return new LowRank(field, diag, u);
    }

    /** C_jj of a full matrix, unvalidated: the marginal view of {@link CorrelatedGaussianNoise} without a factorisation. */
    public static double[] diagonalOf(double[][] c) {
        final double[] r = new double[c.length];
        for (int j = 0; j < c.length; j++) {
            r[j] = c[j][j];
        }
        return r;
    }

    /** C_jj = D_j + Σₘ U_jm² of a low-rank structure, unvalidated. */
    public static double[] diagonalOf(double[] diag, double[][] u) {
        final double[] r = new double[diag.length];
        for (int j = 0; j < diag.length; j++) {
            double s = diag[j];
            for (double v : u[j]) {
                s += v * v;
            }
            r[j] = s;
        }
        return r;
    }

    /** A full positive definite C and its packed Cholesky factor L (LLᵀ = C). */
    public static final class Full extends Correlation {
        private static final long serialVersionUID = 1L;
        private final double[] c;
        private final double[] l;

        Full(String field, double[][] m) {
            super(rows(field, m), squareFinite(field, m));
            c = new double[d * d];
            for (int j = 0; j < d; j++) {
                System.arraycopy(m[j], 0, c, j * d, d);
            }
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < j; k++) {
                    final double a = c[j * d + k], b = c[k * d + j];
                    final double tol = 1e-12 * Math.max(Math.max(Math.abs(a), Math.abs(b)),
                            Math.sqrt(Math.abs(c[j * d + j] * c[k * d + k])));
                    if (!(Math.abs(a - b) <= tol)) {
                        throw new IllegalArgumentException(field + " must be symmetric (entry [" + j + "][" + k + "] = "
                                + a + ", [" + k + "][" + j + "] = " + b + ")");
                    }
                    c[k * d + j] = a; // the lower triangle is the matrix
                }
            }
            l = new double[Cholesky.packedLength(d)];
            final int bad = Cholesky.factor(c, d, l, 0);
            if (bad >= 0) {
                throw new IllegalArgumentException(field + " must be positive definite (its Cholesky factorisation fails "
                        + "at row " + bad + "; a singular C = diag(D) + UU^T can be given as noise.lowRank)");
            }
        }

        private static int rows(String field, double[][] m) {
            if (m == null || m.length == 0) {
                throw new IllegalArgumentException(field + " must be a non-empty square matrix");
            }
            return m.length;
        }

        /** Checks that m is square with finite entries; returns its diagonal. */
        private static double[] squareFinite(String field, double[][] m) {
            final int d = m.length;
            for (int j = 0; j < d; j++) {
                if (m[j] == null || m[j].length != d) {
                    throw new IllegalArgumentException(field + " must be a square matrix (" + d + " rows, row " + j
                            + " has " + (m[j] == null ? 0 : m[j].length) + " values)");
                }
                for (int k = 0; k < d; k++) {
                    if (!Double.isFinite(m[j][k])) {
                        throw new IllegalArgumentException(field + "[" + j + "][" + k + "] must be a finite number (got "
                                + m[j][k] + ")");
                    }
                }
            }
            return diagonalOf(m);
        }

        @Override public int draws() { return d; }

        @Override public double entry(int j, int k) { return c[j * d + k]; }

        @Override
        public void multiply(double[] v, double[] out) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += c[j * d + k] * v[k];
                }
                out[j] = s;
            }
        }

        /** The packed lower Cholesky factor (a copy). */
        public double[] factor() {
            return l.clone();
        }

        @Override
        public double row(int j, double[] t, int off) {
            return Cholesky.row(l, 0, j, t, off);
        }

        @Override
        public void apply(double[] t, int off, double[] out, int oOff) {
            final double[] f = l;
            for (int j = 0, rj = 0; j < d; rj += ++j) {
                double s = 0;
                for (int k = 0; k <= j; k++) {
                    s += f[rj + k] * t[off + k];
                }
                out[oOff + j] = s;
            }
        }

        @Override public String describe() { return "full(d=" + d + ")"; }
    }

    /** C = diag(D) + UUᵀ, F = [diag(√D) | U]. */
    public static final class LowRank extends Correlation {
        private static final long serialVersionUID = 1L;
        private final int k;
        private final double[] sqrtD;
        /** U row-major, d×k. */
        private final double[] u;

        LowRank(String field, double[] dg, double[][] um) {
            super(length(field, dg), checked(field, dg, um));
            k = um[0].length;
            sqrtD = new double[d];
            u = new double[d * k];
            for (int j = 0; j < d; j++) {
                sqrtD[j] = Math.sqrt(dg[j]);
                System.arraycopy(um[j], 0, u, j * k, k);
            }
        }

        private static int length(String field, double[] dg) {
            if (dg == null || dg.length == 0) {
                throw new IllegalArgumentException(field + ".diag is required (d values >= 0)");
            }
            return dg.length;
        }

        /** Validates D and U, returns C's diagonal. */
        private static double[] checked(String field, double[] dg, double[][] um) {
            for (int j = 0; j < dg.length; j++) {
                if (!(dg[j] >= 0) || Double.isInfinite(dg[j])) {
                    throw new IllegalArgumentException(field + ".diag[" + j + "] must be finite and >= 0 (got " + dg[j] + ")");
                }
            }
            if (um == null || um.length == 0) {
                throw new IllegalArgumentException(field + ".u is required (d rows of k values)");
            }
            if (um.length != dg.length) {
                throw new IllegalArgumentException(field + ".u must have as many rows as " + field + ".diag has values ("
                        + dg.length + ", got " + um.length + ")");
            }
            final int k = um[0] == null ? 0 : um[0].length;
            if (k == 0) {
                throw new IllegalArgumentException(field + ".u rows must hold k >= 1 values");
            }
            for (int j = 0; j < um.length; j++) {
                if (um[j] == null || um[j].length != k) {
                    throw new IllegalArgumentException(field + ".u must have k = " + k + " values in every row (row " + j
                            + " has " + (um[j] == null ? 0 : um[j].length) + ")");
                }
                for (int m = 0; m < k; m++) {
                    if (!Double.isFinite(um[j][m])) {
                        throw new IllegalArgumentException(field + ".u[" + j + "][" + m + "] must be a finite number (got "
                                + um[j][m] + ")");
                    }
                }
            }
            return diagonalOf(dg, um);
        }

        /** The rank k of U. */
        public int rank() { return k; }

        @Override public int draws() { return d + k; }

        @Override
        public double entry(int j, int q) {
            double s = j == q ? sqrtD[j] * sqrtD[j] : 0;
            for (int m = 0; m < k; m++) {
                s += u[j * k + m] * u[q * k + m];
            }
            return s;
        }

        @Override
        public void multiply(double[] v, double[] out) {
            final double[] w = new double[k]; // Uᵀv, then D∘v + U(Uᵀv)
            for (int j = 0; j < d; j++) {
                for (int m = 0; m < k; m++) {
                    w[m] += u[j * k + m] * v[j];
                }
            }
            for (int j = 0; j < d; j++) {
                double s = sqrtD[j] * sqrtD[j] * v[j];
                for (int m = 0; m < k; m++) {
                    s += u[j * k + m] * w[m];
                }
                out[j] = s;
            }
        }

        @Override
        public double row(int j, double[] t, int off) {
            double s = sqrtD[j] * t[off + j];
            final int o = off + d;
            for (int m = 0, r = j * k; m < k; m++) {
                s += u[r + m] * t[o + m];
            }
            return s;
        }

        @Override
        public void apply(double[] t, int off, double[] out, int oOff) {
            final int o = off + d;
            for (int j = 0; j < d; j++) {
                double s = sqrtD[j] * t[off + j];
                for (int m = 0, r = j * k; m < k; m++) {
                    s += u[r + m] * t[o + m];
                }
                out[oOff + j] = s;
            }
        }

        @Override public String describe() { return "low-rank(d=" + d + ", k=" + k + ")"; }
    }
}
