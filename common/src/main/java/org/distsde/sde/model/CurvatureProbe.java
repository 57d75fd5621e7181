package org.distsde.sde.model;

import java.io.Serializable;
import org.distsde.objective.Objective;

/**
 * What one deterministic optimizer step x⁺ = x − lr·∇f(x) does, as the two numbers the local linear
 * model of {@link StepMoments} needs per coordinate: the curvature z = lr·H and the factor r by
 * which the step contracts (r &lt; 1) or expands (r &gt; 1) the gradient,
 * <pre>
 *   zⱼ = lr·∂ⱼ²f(x),   rⱼ = |∂ⱼf(x⁺)/∂ⱼf(x)|          (separable f, per coordinate)
 *   z  = lr·gᵀHg/‖g‖², r = |⟨∇f(x⁺), g⟩|/‖g‖²          (otherwise, along g = ∇f(x))
 * </pre>
 * On a quadratic r = |1 − z| exactly. Elsewhere the pair says how far the step moves relative to
 * the local Newton distance g/H: on a power law (x⁴/4: z = 3lr·x², r = |1 − lr·x²|³) the model's
 * step e ← r·e with e = g/H = x/3 is gradient descent's |x⁺|/|x| exactly, so it overshoots and
 * diverges where gradient descent does (lr·x² = 2), while the Hessian alone would put the limit at
 * lr·x² = 2/3. Where the pair is inconsistent — negative curvature with a contracting gradient —
 * or the curvature vanishes, the secant over the step replaces it: z = 1 − ∂ⱼf(x⁺)/∂ⱼf(x), r = |1 − z|.
 * A coordinate with ∂ⱼf = 0 takes r = |1 − z|. Immutable; the caller passes the scratch.
 */
public final class CurvatureProbe implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Below this |z| the curvature is taken as vanishing (the secant is used). */
    static final double FLAT = 1e-12;
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
     * z and r of the n points {@code x[p·d ..]} with gradients {@code g} (‖∇f‖² {@code gn2}) for
     * steps of learning rate lr[p] (0: the point is skipped), into {@code z[p·d + j]},
     * {@code r[p·d + j]} (one value repeated over j when f is not separable).
     *
     * @param xp   scratch of n·d values
     * @param gp   scratch of n·d values
     * @param gn2p scratch of n values
     * @param hd   scratch of d values
     */
    public void measure(double[] x, double[] g, double[] gn2, int n, double[] lr, double[] z, double[] r,
                        double[] xp, double[] gp, double[] gn2p, double[] hd) {
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
                    set(s * hd[j], g[o + j], gp[o + j], z, r, o + j);
                }
            } else {
                double along = 0;
                for (int j = 0; j < d; j++) {
                    along += gp[o + j] * g[o + j];
                }
                final double gg = gn2[p];
                final double zs = gg > 0 ? s * rayleigh(x, o, g, gg, hd) : 0;
                set(zs, gg, along, z, r, o);
                for (int j = 1; j < d; j++) {
                    z[o + j] = z[o];
                    r[o + j] = r[o];
                }
            }
        }
    }

    /** z and r from the curvature zh, the gradient before (g0) and after (g1) the step along one direction. */
    private static void set(double zh, double g0, double g1, double[] z, double[] r, int i) {
        if (g0 == 0) {
            z[i] = zh;
            r[i] = Math.abs(1 - zh);
            return;
        }
        final double ratio = g1 / g0;
        final double rr = Math.abs(ratio);
        if (Math.abs(zh) < FLAT || (zh < 0 && rr < 1)) { // no curvature to speak of, or an inconsistent pair
            z[i] = 1 - ratio;
            r[i] = Math.abs(1 - z[i]);
        } else {
            z[i] = zh;
            r[i] = rr;
        }
    }

    /** gᵀHg/‖g‖² at x[o ..] by a central difference of gradients along g. */
    private double rayleigh(double[] x, int o, double[] g, double gg, double[] tmp) {
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
