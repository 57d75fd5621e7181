package org.distsde.sde;

import org.distsde.config.ExperimentConfig;
import org.distsde.objective.Objective;

/**
 * The DSGD SDE, Eq. 8: dXₜ = −∇f(Xₜ)dt + √(η/N) √Σ̂(Xₜ) dWₜ with Σ̂ = (1/N)Σᵢ Σᵢ(x) (diagonal).
 */
public final class DsgdSde implements Sde {
    private static final long serialVersionUID = 1L;
    private final Objective f;
    private final int d;
    private final double scale;
    private final AverageCovariance cov;

    public DsgdSde(ExperimentConfig cfg) {
        this.f = cfg.buildObjective();
        this.d = f.dim();
        this.scale = Math.sqrt(cfg.eta() / cfg.agents());
        this.cov = new AverageCovariance(cfg.noise(), cfg.agents(), d, cfg.compression());
    }

    @Override public int dim() { return d; }

    @Override
    public void drift(double[] x, int off, double[] out, int ooff) {
        f.gradient(x, off, out, ooff);
        for (int j = 0; j < d; j++) {
            out[ooff + j] = -out[ooff + j]; // Eq. 8: drift −∇f
        }
    }

    @Override
    public void diffusion(double[] x, int off, double[] out, int ooff) {
        final double gn2 = f.gradient(x, off, out, ooff);
        fillDiffusion(gn2, out, ooff);
    }

    @Override
    public double coefficients(double[] x, int off, double[] drift, double[] diff, int ooff) {
        final double gn2 = f.gradient(x, off, drift, ooff);
        for (int j = 0; j < d; j++) {
            drift[ooff + j] = -drift[ooff + j];
        }
        fillDiffusion(gn2, diff, ooff);
        return gn2;
    }

    private void fillDiffusion(double gn2, double[] out, int ooff) {
        for (int j = 0; j < d; j++) {
            out[ooff + j] = scale * Math.sqrt(cov.a[j] + cov.b[j] * gn2); // Eq. 8: √(η/N)√Σ̂ⱼⱼ
        }
    }

    @Override public String describe() { return "dsgd-sde(Eq. 8, " + f.describe() + ")"; }
}
