package org.distsde.sde;

import org.distsde.config.ExperimentConfig;
import org.distsde.objective.Objective;

/**
 * The DCSGD SDE, Eq. 27–28, for random sparsification (E[ΦΦᵀ] = ω·diag((∇f)² + diag Σᵢ)):
 * dXₜ = −∇f dt + √(η/N) √Σ̃ dWₜ, Σ̃ⱼⱼ = (1/N)Σᵢ [ωᵢ((∂ⱼf)² + Σᵢ,ⱼⱼ) + Σᵢ,ⱼⱼ]. With the identity
 * compressor (ω = 0) it is Eq. 8.
 */
public final class DcsgdSde implements Sde {
    private static final long serialVersionUID = 1L;
    private final Objective f;
    private final int d;
    private final double scale;
    private final AverageCovariance cov;

    public DcsgdSde(ExperimentConfig cfg) {
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
            out[ooff + j] = -out[ooff + j]; // Eq. 27: drift −∇f
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

    private double entry(double gj, int j, double gn2) {
        final double sigma = cov.a[j] + cov.b[j] * gn2;
        final double omegaSigma = cov.aOmega[j] + cov.bOmega[j] * gn2;
        // Eq. 28: (1/N)Σᵢ[ωᵢ((∂ⱼf)² + Σᵢ,ⱼⱼ) + Σᵢ,ⱼⱼ]
        return scale * Math.sqrt(cov.omega * gj * gj + omegaSigma + sigma);
    }

    @Override public String describe() { return "dcsgd-sde(Eq. 27-28, omega=" + cov.omega + ", " + f.describe() + ")"; }
}
