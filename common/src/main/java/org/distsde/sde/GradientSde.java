package org.distsde.sde;

import org.distsde.config.ExperimentConfig;
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

    GradientSde(ExperimentConfig cfg) {
        this.f = cfg.buildObjective();
        this.d = f.dim();
        this.scale = Math.sqrt(cfg.eta() / cfg.agents());
        this.cov = new AverageCovariance(cfg.noise(), cfg.agents(), d, cfg.compression());
    }

    /** The j-th diagonal entry of the diffusion, √(η/N)·√Σ̃ⱼⱼ, given ∂ⱼf and ‖∇f‖². */
    abstract double entry(double gj, int j, double gn2);

    @Override public int dim() { return d; }

    @Override
    public void drift(double[] x, int off, double[] out, int ooff) {
        f.gradient(x, off, out, ooff);
        for (int j = 0; j < d; j++) {
            out[ooff + j] = -out[ooff + j]; // Eq. 8 / 27: drift −∇f
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
