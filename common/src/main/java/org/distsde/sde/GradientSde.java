package org.distsde.sde;

import org.distsde.objective.Objective;

/**
 * The SDEs of DSGD (Eq. 8) and DCSGD (Eq. 27): drift −∇f and a diagonal diffusion √(η/N)·√(Σ̃ⱼⱼ)
 * built from the agents' average covariance; subclasses give Σ̃ⱼⱼ.
 */
abstract class GradientSde implements Sde {
    private static final long serialVersionUID = 1L;
    final Objective f;
    final int d;
    final double scale;
    final AverageCovariance cov;

    /**
     * @param f      the function whose gradient is the drift (f, or the agents' average F̄ when they
     *               send their shards' gradients)
     * @param eta    η
     * @param agents N
     * @param cov    the agents' average covariance Σ̃ (its coefficients)
     */
    GradientSde(Objective f, double eta, int agents, AverageCovariance cov) {
        this.f = f;
        this.d = f.dim();
        this.scale = Math.sqrt(eta / agents);
        if (cov.dim() != d) {
            throw new IllegalArgumentException("the covariance has dimension " + cov.dim() + ", the objective " + d);
        }
        this.cov = cov;
    }

    /**
     * Block form: the gradients of all points in one call, then {@link #diffusions} and the drift
     * as flat loops over the block.
     */
    @Override
    public void coefficients(double[] x, int n, double[] drift, double[] diff, double[] gn2) {
        f.gradients(x, n, drift, gn2);
        diffusions(drift, n, gn2, diff);
        final int nd = n * d;
        for (int q = 0; q < nd; q++) {
            drift[q] = -drift[q]; // Eq. 8 / 27: drift −∇f
        }
    }

    /** diff[i·d + j] = {@link #entry}(g[i·d + j], j, gn2[i]) for the n points; subclasses vectorise it. */
    void diffusions(double[] g, int n, double[] gn2, double[] diff) {
        for (int i = 0; i < n; i++) {
            final int o = i * d;
            for (int j = 0; j < d; j++) {
                diff[o + j] = entry(g[o + j], j, gn2[i]);
            }
        }
    }

    /** The j-th diagonal entry of the diffusion, √(η/N)·√Σ̃ⱼⱼ, given ∂ⱼf and ‖∇f‖². */
    abstract double entry(double gj, int j, double gn2);

    @Override public int dim() { return d; }

    @Override
    public void drift(double[] x, int off, double[] out, int ooff) {
        minusGradient(f, x, off, out, ooff); // Eq. 8 / 27: drift −∇f
    }

    /** −∇f(x) into {@code out[ooff .. ooff+d)}: the drift of Eq. 8, 27 and of the shifted-compression SDE. */
    static void minusGradient(Objective f, double[] x, int off, double[] out, int ooff) {
        f.gradient(x, off, out, ooff);
        final int d = f.dim();
        for (int j = 0; j < d; j++) {
            out[ooff + j] = -out[ooff + j];
        }
    }

    @Override
    public void diffusion(double[] x, int off, double[] out, int ooff) {
        final double gn2 = f.gradient(x, off, out, ooff);
        for (int j = 0; j < d; j++) {
            out[ooff + j] = entry(out[ooff + j], j, gn2);
        }
    }

    @Override
    public double coefficients(double[] x, int off, double[] drift, double[] diff, int ooff) {
        final double gn2 = f.gradient(x, off, drift, ooff);
        for (int j = 0; j < d; j++) {
            final double g = drift[ooff + j];
            diff[ooff + j] = entry(g, j, gn2);
            drift[ooff + j] = -g;
        }
        return gn2;
    }
}
