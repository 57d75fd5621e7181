package org.distsde.sde;

import org.distsde.config.ExperimentConfig;
import org.distsde.noise.NoiseModel;
import org.distsde.objective.Objective;

/**
 * The DSignSGD SDE, Eq. 49–52, coordinate-wise (independent noise coordinates make Σ̄ diagonal):
 * drift −(1/N)Σᵢ E[sign(∂ⱼf + Zᵢⱼ)] (Eq. 49; = −(2/N)Σᵢ Ξ_ν(∂ⱼf/σᵢⱼ) for Student-t, Eq. 51, and
 * −(1/N)Σᵢ erf(∂ⱼf/(√2 sᵢⱼ)) for Gaussian noise), diffusion √(η/N)·√(1 − (1/N)Σᵢ E[sign]²)
 * (Eq. 50; = I − (4/N)ΣΞ_ν² for Student-t, Eq. 52). Works for every ν &gt; 0, including ν = 1.
 */
public final class DsignSde implements Sde {
    private static final long serialVersionUID = 1L;
    private final Objective f;
    private final int d;
    private final double scale;
    private final NoiseModel[] agents; // one entry when the noise is homogeneous

    public DsignSde(ExperimentConfig cfg) {
        this.f = cfg.buildObjective();
        this.d = f.dim();
        this.scale = Math.sqrt(cfg.eta() / cfg.agents());
        final int n = cfg.agents();
        if (cfg.noise().homogeneous()) {
            this.agents = new NoiseModel[] {cfg.noise().build(0, n)};
        } else {
            this.agents = new NoiseModel[n];
            for (int i = 0; i < n; i++) {
                agents[i] = cfg.noise().build(i, n);
            }
        }
    }

    @Override public int dim() { return d; }

    @Override
    public void drift(double[] x, int off, double[] out, int ooff) {
        final double gn2 = f.gradient(x, off, out, ooff);
        for (int j = 0; j < d; j++) {
            out[ooff + j] = -meanSign(out[ooff + j], j, gn2);
        }
    }

    @Override
    public void diffusion(double[] x, int off, double[] out, int ooff) {
        final double gn2 = f.gradient(x, off, out, ooff);
        for (int j = 0; j < d; j++) {
            double s2 = 0;
            for (NoiseModel a : agents) {
                final double e = a.expectedSign(out[ooff + j], j, gn2);
                s2 += e * e;
            }
            out[ooff + j] = scale * Math.sqrt(Math.max(0, 1 - s2 / agents.length)); // Eq. 50/52
        }
    }

    @Override
    public double coefficients(double[] x, int off, double[] drift, double[] diff, int ooff) {
        final double gn2 = f.gradient(x, off, drift, ooff);
        final int m = agents.length;
        for (int j = 0; j < d; j++) {
            final double g = drift[ooff + j];
            double s = 0, s2 = 0;
            for (int i = 0; i < m; i++) {
                final double e = agents[i].expectedSign(g, j, gn2); // 1 − 2P(∂ⱼf_γᵢ < 0), Eq. 49
                s += e;
                s2 += e * e;
            }
            drift[ooff + j] = -s / m;                                 // Eq. 49 / 51
            diff[ooff + j] = scale * Math.sqrt(Math.max(0, 1 - s2 / m)); // Eq. 50 / 52
        }
        return gn2;
    }

    /** (1/N)Σᵢ E[sign(gj + Zᵢⱼ)], Eq. 49. */
    private double meanSign(double gj, int j, double gn2) {
        double s = 0;
        for (NoiseModel a : agents) {
            s += a.expectedSign(gj, j, gn2);
        }
        return s / agents.length;
    }

    @Override public String describe() { return "dsignsgd-sde(Eq. 49-52, " + f.describe() + ")"; }
}
