package org.distsde.sde;

import org.distsde.config.ExperimentConfig;

/**
 * The DSGD SDE, Eq. 8: dXₜ = −∇f(Xₜ)dt + √(η/N) √Σ̂(Xₜ) dWₜ with Σ̂ = (1/N)Σᵢ Σᵢ(x) (diagonal).
 */
public final class DsgdSde extends GradientSde {
    private static final long serialVersionUID = 1L;

    public DsgdSde(ExperimentConfig cfg) {
        super(cfg);
    }

    @Override
    double entry(double gj, int j, double gn2) {
        return scale * Math.sqrt(cov.a[j] + cov.b[j] * gn2); // Eq. 8: √(η/N)√Σ̂ⱼⱼ
    }

    @Override public String describe() { return "dsgd-sde(Eq. 8, " + f.describe() + ")"; }
}
