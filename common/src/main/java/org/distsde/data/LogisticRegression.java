package org.distsde.data;

/**
 * Logistic regression with labels y ∈ {0, 1}: the binary cross-entropy with logits
 * ℓ(w; a, y) = log(1 + eᶻ) − y·z, z = aᵀw + b, parameters (w₁ … w_p, b): the bias last.
 * f* by Newton's method ({@link LogisticNewton}); 0 when the data are linearly separable.
 * Initial weights 0.
 */
public final class LogisticRegression extends LinearModel {
    private static final long serialVersionUID = 1L;

    @Override public void check(Dataset data) { Logistic.checkBinary(data, "logistic regression"); }

    @Override double rowLoss(double z, double y) { return Logistic.loss(z, y); }

    @Override double rowSlope(double z, double y) { return Logistic.sigmoid(z) - y; } // dℓ/dz

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
