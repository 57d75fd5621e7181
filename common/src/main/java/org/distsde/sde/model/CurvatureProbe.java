package org.distsde.sde.model;

import java.io.Serializable;
import org.distsde.objective.Objective;

/**
 * The curvature one optimizer step traverses: the secant of the gradient between x and the
 * deterministic step's end x⁺ = x − lr·∇f(x),
 * <pre>
 *   ĥⱼ = (∂ⱼf(x) − ∂ⱼf(x⁺)) / (lr·∂ⱼf(x))                    (separable f, per coordinate)
 *   ĥ  = ⟨∇f(x) − ∇f(x⁺), ∇f(x)⟩ / (lr·‖∇f(x)‖²)             (otherwise, along the step)
 * </pre>
 * On a quadratic ½Σhⱼxⱼ² it is hⱼ exactly (the Rayleigh quotient along ∇f for a non-diagonal
 * one); elsewhere it is the mean Hessian over the step, which is what decides whether the step
 * overshoots: on x⁴/4, lr·ĥ = 1 − (1 − lr·x²)³ reaches 2 exactly when lr·x² = 2, the known limit of
 * gradient descent, while lr·f''(x) = 3lr·x² would put it at lr·x² = 2/3. A coordinate with
 * ∂ⱼf = 0 (no step to measure) takes the Hessian's diagonal by central differences.
 * Immutable; the caller passes the scratch.
 */
public final class CurvatureProbe implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Objective f;
    private final int d;
    private final boolean separable;

    public CurvatureProbe(Objective f) {
        this.f = f;
        this.d = f.dim();
        this.separable = f.separable();
    }

    /** True when the curvature is measured per coordinate ({@link Objective#separable()}). */
    public boolean perCoordinate() {
        return separable;
    }

    /**
     * ĥ of the n points {@code x[p·d ..]} with gradients {@code g} (and ‖∇f‖² {@code gn2}) for
     * steps of learning rate lr[p], into {@code h[p·d + j]} (the same value for every j when f is
     * not separable).
     *
     * @param lr     the step's learning rate per point (0: the point is skipped)
     * @param xp     scratch of n·d values
     * @param gp     scratch of n·d values
     * @param gn2p   scratch of n values
     */
    public void secants(double[] x, double[] g, double[] gn2, int n, double[] lr, double[] h, double[] xp, double[] gp,
                        double[] gn2p) {
        for (int p = 0; p < n; p++) {
            final int o = p * d;
            final double s = lr[p];
            for (int j = 0; j < d; j++) {
                xp[o + j] = x[o + j] - s * g[o + j];
            }
        }
        f.gradients(xp, n, gp, gn2p);
        for (int p = 0; p < n; p++) {
            final int o = p * d;
            final double s = lr[p];
            if (s == 0) {
                continue;
            }
            if (separable) {
                boolean flat = false;
                for (int j = 0; j < d; j++) {
                    final double gj = g[o + j];
                    if (gj == 0) {
                        flat = true;
                    } else {
                        h[o + j] = (gj - gp[o + j]) / (s * gj);
                    }
                }
                if (flat) {
                    diagonal(x, o, g, h);
                }
            } else {
                double num = 0;
                for (int j = 0; j < d; j++) {
                    num += g[o + j] * (g[o + j] - gp[o + j]);
                }
                final double hs = gn2[p] > 0 ? num / (s * gn2[p]) : 0;
                for (int j = 0; j < d; j++) {
                    h[o + j] = hs;
                }
            }
        }
    }

    /** The Hessian's diagonal at the coordinates of point {@code x[o ..]} where ∂ⱼf = 0 (separable f only). */
    private void diagonal(double[] x, int o, double[] g, double[] h) {
        final double[] up = new double[d], dn = new double[d], gu = new double[d], gd = new double[d];
        final double[] eps = new double[d];
        for (int j = 0; j < d; j++) {
            eps[j] = 1e-5 * Math.max(1, Math.abs(x[o + j]));
            up[j] = x[o + j] + eps[j];
            dn[j] = x[o + j] - eps[j];
        }
        f.gradient(up, 0, gu, 0);
        f.gradient(dn, 0, gd, 0);
        for (int j = 0; j < d; j++) {
            if (g[o + j] == 0) {
                h[o + j] = (gu[j] - gd[j]) / (2 * eps[j]);
            }
        }
    }
}
