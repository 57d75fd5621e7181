package org.distsde.sde.model;

import org.distsde.objective.Objective;
import org.distsde.sde.Sde;

/**
 * The second-order modified equation of DSGD / DCSGD (Li, Tai &amp; E 2017, 2019):
 * <pre>
 *   dX = −∇(f + (η/4)‖∇f‖²)(X) dt + √(η/N)·√diag Σ̃(X) dW = −(∇f + (η/2)H∇f) dt + …
 * </pre>
 * the drift corrected to second order in η, the diffusion of the first-order SDE (Eq. 8 / 27–28,
 * diagonal {@link StepVariance}). Its drift stays attractive wherever f is convex, so, like the
 * first-order SDE, it has no step-size limit (on x⁴/4 it is −x³(1 + (3/2)ηx²)): it is here to show
 * that. H∇f is a central difference of gradients along ∇f (exact up to rounding on quadratics).
 * Immutable and thread-safe.
 */
public final class ModifiedEquationSde implements Sde {
    private static final long serialVersionUID = 1L;
    private final Objective f;
    private final StepVariance var;
    private final double eta;
    private final int d;

    public ModifiedEquationSde(Objective f, StepVariance var, double eta) {
        if (var.dim() != f.dim()) {
            throw new IllegalArgumentException("step covariance has d = " + var.dim() + ", objective d = " + f.dim());
        }
        this.f = f;
        this.var = var;
        this.eta = eta;
        this.d = f.dim();
    }

    @Override public int dim() { return d; }

    @Override
    public void drift(double[] x, int off, double[] out, int ooff) {
        coefficients(x, off, out, new double[d + ooff], ooff);
    }

    @Override
    public void diffusion(double[] x, int off, double[] out, int ooff) {
        coefficients(x, off, new double[d + ooff], out, ooff);
    }

    private transient ThreadLocal<double[][]> scratch;

    @Override
    public double coefficients(double[] x, int off, double[] drift, double[] diff, int ooff) {
        if (scratch == null) {
            scratch = ThreadLocal.withInitial(() -> new double[5][d]);
        }
        final double[][] w = scratch.get();
        final double[] g = w[0], up = w[1], dn = w[2], gu = w[3], gd = w[4];
        final double gn2 = f.gradient(x, off, g, 0);
        double xn = 0;
        for (int j = 0; j < d; j++) {
            xn = Math.max(xn, Math.abs(x[off + j]));
        }
        final double gn = Math.sqrt(gn2);
        // a step of relative size 1e-6 along ∇f: H∇f ≈ (∇f(x + εg) − ∇f(x − εg))/(2ε)
        final double eps = gn > 0 ? 1e-6 * Math.max(1, xn) / gn : 0;
        for (int j = 0; j < d; j++) {
            up[j] = x[off + j] + eps * g[j];
            dn[j] = x[off + j] - eps * g[j];
        }
        if (eps > 0) {
            f.gradient(up, 0, gu, 0);
            f.gradient(dn, 0, gd, 0);
        }
        final double scale = eta / var.agents();
        for (int j = 0; j < d; j++) {
            final double hg = eps > 0 ? (gu[j] - gd[j]) / (2 * eps) : 0;
            drift[ooff + j] = -(g[j] + eta / 2 * hg);
            diff[ooff + j] = Math.sqrt(scale * var.at(j, g[j], gn2));
        }
        return gn2;
    }

    @Override
    public String describe() {
        return "modified-equation-sde(second order, omega=" + var.omega() + ", " + f.describe() + ")";
    }
}
