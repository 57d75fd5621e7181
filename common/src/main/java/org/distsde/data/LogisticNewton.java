package org.distsde.data;

import org.distsde.numeric.Cholesky;

/**
 * Newton's method with a backtracking (Armijo) line search for logistic regression, from w = 0.
 *
 * <p>Stops when the Newton decrement λ² = gᵀH⁻¹g (λ²/2 estimates f − f*) falls below
 * {@value #TOL}·(1 + f), after one last full step, or after at most {@value #MAX_ITER} iterations. Separability is detected
 * exactly: if an iterate classifies every row correctly ((2y − 1)·z &gt; 0 for all rows), scaling
 * it drives the loss to 0, so f* = 0 (unattained). Newton's iterates on separable data find such a
 * w quickly (the loss falls below log(2)/n, where every margin must be positive).
 */
final class LogisticNewton {
    static final int MAX_ITER = 200;
    static final double TOL = 1e-15;

    private LogisticNewton() { }

    /** w: the minimiser (null when separable); value: f at w. */
    record Result(double[] w, double value, int iterations, boolean separable) { }

    static Result run(Dataset data) {
        final int p = data.features(), d = p + 1, n = data.rows();
        final LogisticRegression model = new LogisticRegression();
        final double[] w = new double[d], trial = new double[d];
        final double[] g = new double[d], h = new double[d * d], step = new double[d], a = new double[d];
        a[p] = 1;
        double f = model.lossAndGradient(w, 0, data, null, 0, n, g, 0, null);
        for (int it = 0; it < MAX_ITER; it++) {
            if (separates(data, w)) {
                return new Result(null, 0, it, true);
            }
            // H = (1/n) Σ σ(z)(1 − σ(z)) ã ãᵀ, ã = (a, 1); lower triangle
            java.util.Arrays.fill(h, 0);
            for (int i = 0; i < n; i++) {
                data.copyRow(i, a, 0);
                final double s = Logistic.sigmoid(data.dot(i, w, 0) + w[p]);
                final double c = s * (1 - s) / n;
                for (int r = 0; r < d; r++) {
                    final double cr = c * a[r];
                    for (int q = 0; q <= r; q++) {
                        h[r * d + q] += cr * a[q];
                    }
                }
            }
            solveJittered(h, d, g, step);
            double dec = 0; // λ² = gᵀH⁻¹g
            for (int j = 0; j < d; j++) {
                dec += g[j] * step[j];
            }
            if (!(dec >= 0) || Double.isInfinite(dec)) {
                throw new IllegalArgumentException("logistic regression: Newton's method broke down (step " + dec + ")");
            }
            if (dec / 2 <= TOL * (1 + f)) { // one last full step: quadratic convergence takes ‖∇f‖ to rounding level
                for (int j = 0; j < d; j++) {
                    trial[j] = w[j] - step[j];
                }
                if (model.loss(trial, 0, data, null, 0, n, null) <= f) {
                    System.arraycopy(trial, 0, w, 0, d);
                    f = model.loss(w, 0, data, null, 0, n, null);
                }
                return new Result(w, f, it + 1, false);
            }
            boolean accepted = false;
            for (double t = 1; t > 1e-18 && !accepted; t *= 0.5) {
                for (int j = 0; j < d; j++) {
                    trial[j] = w[j] - t * step[j];
                }
                accepted = model.loss(trial, 0, data, null, 0, n, null) <= f - 0.25 * t * dec;
            }
            if (!accepted) { // no decrease to working precision: converged if the decrement is tiny
                if (dec / 2 <= 1e-9 * (1 + f)) {
                    return new Result(w, f, it, false);
                }
                break;
            }
            System.arraycopy(trial, 0, w, 0, d);
            f = model.lossAndGradient(w, 0, data, null, 0, n, g, 0, null);
        }
        if (separates(data, w)) {
            return new Result(null, 0, MAX_ITER, true);
        }
        throw new IllegalArgumentException("logistic regression: Newton's method did not converge in " + MAX_ITER
                + " iterations (f = " + f + "; the data may be quasi-separable, where the infimum is not attained)");
    }

    /** True when (2y − 1)·(aᵀw + b) &gt; 0 for every row. */
    static boolean separates(Dataset data, double[] w) {
        final int p = data.features();
        for (int i = 0; i < data.rows(); i++) {
            final double z = data.dot(i, w, 0) + w[p];
            if (!(data.label(i) == 1 ? z > 0 : z < 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * step = H⁻¹g by Cholesky; if H is singular to working precision (e.g. a constant feature
     * column gives a zero row), retry with H + εI, ε growing from 1e-12·max Hⱼⱼ: the step stays a
     * descent direction, and directions with zero curvature have zero gradient here.
     */
    private static void solveJittered(double[] h, int d, double[] g, double[] step) {
        final double[] work = new double[d * d];
        final double[] l = new double[Cholesky.packedLength(d)];
        double maxDiag = 0;
        for (int j = 0; j < d; j++) {
            maxDiag = Math.max(maxDiag, h[j * d + j]);
        }
        double eps = 0;
        for (int attempt = 0; attempt < 12; attempt++) {
            System.arraycopy(h, 0, work, 0, d * d);
            for (int j = 0; j < d; j++) {
                work[j * d + j] += eps;
            }
            if (Cholesky.factor(work, d, l, 0) < 0) {
                System.arraycopy(g, 0, step, 0, d);
                Cholesky.solve(l, 0, d, step);
                return;
            }
            eps = eps == 0 ? 1e-12 * Math.max(maxDiag, Double.MIN_NORMAL) : eps * 100;
        }
        throw new IllegalArgumentException("logistic regression: the Hessian is singular (all rows have |z| huge?)");
    }
}
