package org.distsde.data;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A model whose per-row loss depends on the row through z = aᵀw + b only, ℓ(z, y), with
 * parameters (w₁ … w_p, b), the bias last: f and ∇f = mean of ℓ'(z, y)·(a, 1) over the rows in
 * one pass. Subclasses give ℓ and ℓ' = ∂ℓ/∂z. Initial weights 0.
 */
abstract class LinearModel implements Model {
    private static final long serialVersionUID = 1L;

    /** ℓ(z, y). */
    abstract double rowLoss(double z, double y);

    /** ∂ℓ/∂z at (z, y). */
    abstract double rowSlope(double z, double y);

    @Override public final int dim(int p) { return p + 1; }

    @Override
    public final double loss(double[] w, int off, Dataset data, int[] rows, int from, int to, Workspace ws) {
        Rows.check(from, to);
        final double bias = w[off + data.features()];
        double s = 0;
        for (int k = from; k < to; k++) {
            final int i = rows == null ? k : rows[k];
            s += rowLoss(data.dot(i, w, off) + bias, data.label(i));
        }
        return s / (to - from);
    }

    @Override
    public final double lossAndGradient(double[] w, int off, Dataset data, int[] rows, int from, int to,
            double[] g, int goff, Workspace ws) {
        Rows.check(from, to);
        final int p = data.features();
        final double bias = w[off + p];
        final double inv = 1.0 / (to - from);
        java.util.Arrays.fill(g, goff, goff + p + 1, 0);
        double s = 0, gb = 0;
        for (int k = from; k < to; k++) {
            final int i = rows == null ? k : rows[k];
            final double z = data.dot(i, w, off) + bias, y = data.label(i);
            s += rowLoss(z, y);
            final double r = rowSlope(z, y);
            data.addScaledRow(i, r * inv, g, goff);
            gb += r;
        }
        g[goff + p] = gb * inv;
        return s * inv;
    }

    @Override
    public final void initialize(UniformRandomProvider rng, int p, double[] w) {
        java.util.Arrays.fill(w, 0, p + 1, 0);
    }
}
