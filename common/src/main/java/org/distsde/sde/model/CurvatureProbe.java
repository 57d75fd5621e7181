package org.distsde.sde.model;

import java.io.Serializable;
import org.distsde.objective.Objective;

/**
 * What one deterministic optimizer step x⁺ = x − lr·∇f(x) does: its effective curvature w
 * ({@link LocalPowerLaw}) per coordinate, from the curvature z = lr·H at x and the ratio q of the
 * gradients after and before the step,
 * <pre>
 *   zⱼ = lr·∂ⱼ²f(x),   qⱼ = ∂ⱼf(x⁺)/∂ⱼf(x)                 (separable f, per coordinate)
 *   z  = lr·gᵀHg/‖g‖², q = ⟨∇f(x⁺), g⟩/‖g‖²               (otherwise, along g = ∇f(x))
 * </pre>
 * On a quadratic w = z = lr·h. On x⁴/4, w = lr·x², so the model overshoots and diverges where
 * gradient descent does (lr·x² = 2), while the Hessian alone (z = 3lr·x²) would put the limit at
 * lr·x² = 2/3. A coordinate with ∂ⱼf = 0 (no step to measure) takes w = z. Immutable; the caller
 * passes the scratch.
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

    /** True when the step is measured per coordinate ({@link Objective#separable()}). */
    public boolean perCoordinate() {
        return separable;
    }

    /**
     * w of the n points {@code x[p·d ..]} with gradients {@code g} (‖∇f‖² {@code gn2}) for steps of
     * learning rate lr[p] (0: the point is skipped), into {@code w[p·d + j]} (one value repeated
     * over j when f is not separable).
     *
     * @param xp   scratch of n·d values
     * @param gp   scratch of n·d values
     * @param gn2p scratch of n values
     * @param hd   scratch of d values
     */
    public void measure(double[] x, double[] g, double[] gn2, int n, double[] lr, double[] w, double[] xp,
                        double[] gp, double[] gn2p, double[] hd) {
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
                f.hessianDiagonal(x, o, hd, 0);
                for (int j = 0; j < d; j++) {
                    final double gj = g[o + j], z = s * hd[j];
                    w[o + j] = gj == 0 ? z : LocalPowerLaw.effective(z, gp[o + j] / gj);
                }
            } else {
                final double gg = gn2[p];
                double along = 0;
                for (int j = 0; j < d; j++) {
                    along += gp[o + j] * g[o + j];
                }
                final double ws = gg > 0 ? LocalPowerLaw.effective(s * rayleigh(x, o, g, gg), along / gg) : 0;
                for (int j = 0; j < d; j++) {
                    w[o + j] = ws;
                }
            }
        }
    }

    /** gᵀHg/‖g‖² at x[o ..] by a central difference of gradients along g. */
    private double rayleigh(double[] x, int o, double[] g, double gg) {
        double xn = 0;
        for (int j = 0; j < d; j++) {
            xn = Math.max(xn, Math.abs(x[o + j]));
        }
        final double eps = 1e-6 * Math.max(1, xn) / Math.sqrt(gg);
        final double[] up = new double[d], dn = new double[d], gu = new double[d], gd = new double[d];
        for (int j = 0; j < d; j++) {
            up[j] = x[o + j] + eps * g[o + j];
            dn[j] = x[o + j] - eps * g[o + j];
        }
        f.gradient(up, 0, gu, 0);
        f.gradient(dn, 0, gd, 0);
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += g[o + j] * (gu[j] - gd[j]);
        }
        return s / (2 * eps * gg);
    }
}
