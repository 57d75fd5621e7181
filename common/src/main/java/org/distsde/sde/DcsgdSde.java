package org.distsde.sde;

import org.distsde.objective.Objective;

/**
 * The DCSGD SDE, Eq. 27–28: dXₜ = −∇f dt + √(η/N) √Σ̃ dWₜ, Σ̃ⱼⱼ = (1/N)Σᵢ [ωᵢ((∂ⱼf)² + Σᵢ,ⱼⱼ) + Σᵢ,ⱼⱼ],
 * where ωᵢ is agent i's compressor's factor in E[ΦᵢΦᵢᵀ] = ωᵢ·diag((∇f)² + diag Σᵢ), taken from its
 * second moment ({@link CompressionTerm}; ω = 1/p − 1 for random sparsification, the seeds
 * README's form). With the identity compressor (ω = 0) it is Eq. 8.
 */
public final class DcsgdSde extends GradientSde {
    private static final long serialVersionUID = 1L;

    /** See {@link GradientSde#GradientSde}: the drift's f, η, N and Σ̃ with the agents' compression terms ωᵢ. */
    public DcsgdSde(Objective f, double eta, int agents, AverageCovariance cov) {
        super(f, eta, agents, cov);
    }

    @Override
    double entry(double gj, int j, double gn2) {
        final double sigma = cov.a[j] + cov.b[j] * gn2;
        final double omegaSigma = cov.aOmega[j] + cov.bOmega[j] * gn2;
        // Eq. 28: (1/N)Σᵢ[ωᵢ((∂ⱼf)² + Σᵢ,ⱼⱼ) + Σᵢ,ⱼⱼ]
        return scale * Math.sqrt(cov.omega * gj * gj + omegaSigma + sigma);
    }

    @Override
    void diffusions(double[] g, int n, double[] gn2, double[] diff) {
        final double omega = cov.omega;
        for (int i = 0; i < n; i++) { // entry() with the point's terms hoisted; the j loop vectorises
            final int o = i * d;
            final double gi = gn2[i];
            for (int j = 0; j < d; j++) {
                final double sigma = cov.a[j] + cov.b[j] * gi;
                final double omegaSigma = cov.aOmega[j] + cov.bOmega[j] * gi;
                final double gj = g[o + j];
                diff[o + j] = scale * Math.sqrt(omega * gj * gj + omegaSigma + sigma); // Eq. 28
            }
        }
    }

    @Override public String describe() { return "dcsgd-sde(Eq. 27-28, omega=" + cov.omega + ", " + f.describe() + ")"; }
}
