package org.distsde.data;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Logistic regression with labels y ∈ {0, 1}: the binary cross-entropy with logits
 * ℓ(w; a, y) = log(1 + eᶻ) − y·z, z = aᵀw + b, parameters (w₁ … w_p, b): the bias last.
 * f* by Newton's method ({@link LogisticNewton}); 0 when the data are linearly separable.
 * Initial weights 0.
 */
public final class LogisticRegression implements Model {
    private static final long serialVersionUID = 1L;

    @Override public int dim(int p) { return p + 1; }

    @Override public void check(Dataset data) { Logistic.checkBinary(data, "logistic regression"); }

    @Override
    public double loss(double[] w, int off, Dataset data, int[] rows, int from, int to, Workspace ws) {
        Rows.check(from, to);
        final double bias = w[off + data.features()];
        double s = 0;
        for (int k = from; k < to; k++) {
            final int i = rows == null ? k : rows[k];
            s += Logistic.loss(data.dot(i, w, off) + bias, data.label(i));
        }
        return s / (to - from);
    }

    @Override
    public double lossAndGradient(double[] w, int off, Dataset data, int[] rows, int from, int to,
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
            s += Logistic.loss(z, y);
            final double r = Logistic.sigmoid(z) - y; // dℓ/dz
            data.addScaledRow(i, r * inv, g, goff);
            gb += r;
        }
        g[goff + p] = gb * inv;
        return s * inv;
    }

    @Override
    public void initialize(UniformRandomProvider rng, int p, double[] w) {
        java.util.Arrays.fill(w, 0, p + 1, 0);
    }

    /**
     * The maximum-likelihood weights (w, b) by Newton's method.
     *
     * @throws IllegalArgumentException if the data are separable (no minimiser: f → 0 as ‖w‖ → ∞)
     *                                  or Newton's method does not converge
     */
    public double[] minimizer(Dataset data) {
        check(data);
        final LogisticNewton.Result r = LogisticNewton.run(data);
        if (r.separable()) {
            throw new IllegalArgumentException("logistic regression: the data are linearly separable, so the loss has "
                    + "no minimiser (its infimum 0 is approached as ||w|| grows)");
        }
        return r.w();
    }

    @Override
    public Minimum minimum(Dataset data) {
        check(data);
        final LogisticNewton.Result r = LogisticNewton.run(data);
        if (r.separable()) {
            return new Minimum(0, Minimum.Kind.EXACT, "linearly separable data: infimum 0, not attained (Newton, "
                    + r.iterations() + " iterations, found a separating w)");
        }
        return new Minimum(r.value(), Minimum.Kind.EXACT, "Newton's method (" + r.iterations() + " iterations)");
    }

    @Override public String describe() { return "logistic"; }
}
