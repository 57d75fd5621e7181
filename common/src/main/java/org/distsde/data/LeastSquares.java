package org.distsde.data;

import org.distsde.numeric.Cholesky;

/**
 * Linear least squares ℓ(w; a, y) = ½(aᵀw + b − y)², parameters (w₁ … w_p, b): the bias last.
 * f* is exact: the normal equations solved by Cholesky. Initial weights 0.
 */
public final class LeastSquares extends LinearModel {
    private static final long serialVersionUID = 1L;

    @Override double rowLoss(double z, double y) { return 0.5 * (z - y) * (z - y); }

    @Override double rowSlope(double z, double y) { return z - y; } // dℓ/dz

    /**
     * The least-squares solution (w, b): the normal equations (1/n)ÃᵀÃθ = (1/n)Ãᵀy, Ã = [A 1],
     * solved by Cholesky.
     *
     * @throws IllegalArgumentException if ÃᵀÃ is singular (a constant or collinear feature, or n &lt; p + 1)
     */
    public double[] minimizer(Dataset data) {
        final int p = data.features(), d = p + 1, n = data.rows();
        final double[] m = new double[d * d];
        final double[] rhs = new double[d];
        final double[] a = new double[d];
        a[p] = 1;
        for (int i = 0; i < n; i++) {
            data.copyRow(i, a, 0);
            final double y = data.label(i);
            for (int r = 0; r < d; r++) {
                rhs[r] += a[r] * y;
                for (int c = 0; c <= r; c++) {
                    m[r * d + c] += a[r] * a[c];
                }
            }
        }
        final double[] l = new double[Cholesky.packedLength(d)];
        final int bad = Cholesky.factor(m, d, l, 0);
        if (bad >= 0) {
            throw new IllegalArgumentException("least squares: the normal equations are singular at "
                    + (bad == p ? "the bias" : "feature " + bad) + " (a constant or collinear feature, or fewer rows ("
                    + n + ") than parameters (" + d + ")); drop or combine the collinear features");
        }
        Cholesky.solve(l, 0, d, rhs);
        return rhs;
    }

    @Override
    public Minimum minimum(Dataset data) {
        final double[] theta = minimizer(data);
        return new Minimum(loss(theta, 0, data, null, 0, data.rows(), null), Minimum.Kind.EXACT,
                "normal equations (Cholesky)");
    }

    @Override public String describe() { return "least-squares"; }
}
