package org.distsde.sde;

import org.distsde.objective.Objective;

/**
 * The DSGD SDE, Eq. 8: dXₜ = −∇f(Xₜ)dt + √(η/N) √Σ̂(Xₜ) dWₜ with Σ̂ = (1/N)Σᵢ Σᵢ(x) (diagonal).
 */
public final class DsgdSde extends GradientSde {
    private static final long serialVersionUID = 1L;

    /** See {@link GradientSde#GradientSde}: the drift's f, η, N and Σ̂ (without compression terms). */
    public DsgdSde(Objective f, double eta, int agents, AverageCovariance cov) {
        super(f, eta, agents, cov);
    }

    @Override
    double entry(double gj, int j, double gn2) {
        return scale * Math.sqrt(cov.a[j] + cov.b[j] * gn2); // Eq. 8: √(η/N)√Σ̂ⱼⱼ
    }

    @Override
    void diffusions(double[] g, int n, double[] gn2, double[] diff) {
        if (d != 1) {
            super.diffusions(g, n, gn2, diff);
            return;
        }
        final double a = cov.a[0], b = cov.b[0];
        for (int i = 0; i < n; i++) { // d = 1: entry() as one flat loop
            diff[i] = scale * Math.sqrt(a + b * gn2[i]);
        }
    }

    @Override public String describe() { return "dsgd-sde(Eq. 8, " + f.describe() + ")"; }
}
