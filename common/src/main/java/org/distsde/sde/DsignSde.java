package org.distsde.sde;

import org.distsde.config.ExperimentConfig;
import org.distsde.noise.NoiseModel;
import org.distsde.objective.Objective;

/**
 * The DSignSGD SDE, Eq. 49–52, coordinate-wise (independent noise coordinates make Σ̄ diagonal):
 * drift −(1/N)Σᵢ eᵢ and diffusion √(η/N)·√(1 − (1/N)Σᵢ eᵢ²) (Eq. 50; clamped at 0), where eᵢ is
 * agent i's mean sign for coordinate j, chosen by {@code sde.model}:
 * <ul>
 * <li>{@code full}: eᵢ = E[sign(∂ⱼf + Zᵢⱼ)] (Eq. 49; = 2Ξ_ν(∂ⱼf/σᵢⱼ) for Student-t, Eq. 51–52,
 *     and erf(∂ⱼf/(√2 sᵢⱼ)) for Gaussian noise). Works for every ν &gt; 0, including ν = 1.</li>
 * <li>{@code phase3} (seed 000, Lemma 3.4): the mean linearised around 0, eᵢ = κᵢ∂ⱼf/sᵢⱼ with
 *     κ = 2p_T(0) (√(2/π) for Gaussian noise, Eq. 5; √(1/2) for Student-t with ν = 2, Eq. 10 of
 *     Corollary 3.11). Valid while |∂ⱼf| ≪ sᵢⱼ; an agent without noise (s = 0) keeps its exact sign.</li>
 * <li>{@code phase1}: the SignGD ODE dX = −sign(∇f(X))dt (Eq. 4), no diffusion.</li>
 * </ul>
 */
public final class DsignSde implements Sde {
    private static final long serialVersionUID = 1L;
    private final Objective f;
    private final int d;
    private final double scale;
    private final boolean phase1;
    private final boolean phase3;
    private final NoiseModel[] agents; // one entry when the noise is homogeneous
    private final double[] kappa;

    public DsignSde(ExperimentConfig cfg) {
        this.f = cfg.buildObjective();
        this.d = f.dim();
        this.scale = Math.sqrt(cfg.eta() / cfg.agents());
        this.phase1 = cfg.sde().model().equals("phase1");
        this.phase3 = cfg.sde().model().equals("phase3");
        final int n = cfg.agents();
        this.agents = new NoiseModel[cfg.noise().homogeneous() ? 1 : n];
        this.kappa = new double[agents.length];
        for (int i = 0; i < agents.length; i++) {
            agents[i] = cfg.noise().build(i, n);
            kappa[i] = 2 * agents[i].standardDensityAtZero();
        }
    }

    @Override public int dim() { return d; }

    @Override
    public void drift(double[] x, int off, double[] out, int ooff) {
        final double gn2 = f.gradient(x, off, out, ooff);
        for (int j = 0; j < d; j++) {
            out[ooff + j] = -mean(out[ooff + j], j, gn2, false);
        }
    }

    @Override
    public void diffusion(double[] x, int off, double[] out, int ooff) {
        final double gn2 = f.gradient(x, off, out, ooff);
        for (int j = 0; j < d; j++) {
            out[ooff + j] = phase1 ? 0 : scale * Math.sqrt(Math.max(0, 1 - mean(out[ooff + j], j, gn2, true)));
        }
    }

    @Override
    public double coefficients(double[] x, int off, double[] drift, double[] diff, int ooff) {
        final double gn2 = f.gradient(x, off, drift, ooff);
        final int m = agents.length;
        if (m == 1) { // homogeneous agents: the mean over agents is the one agent's value
            for (int j = 0; j < d; j++) {
                final double e = sign(0, drift[ooff + j], j, gn2);
                drift[ooff + j] = -e;                                                       // Eq. 49 / 51
                diff[ooff + j] = phase1 ? 0 : scale * Math.sqrt(Math.max(0, 1 - e * e));  // Eq. 50 / 52
            }
            return gn2;
        }
        for (int j = 0; j < d; j++) {
            final double g = drift[ooff + j];
            double s = 0, s2 = 0;
            for (int i = 0; i < m; i++) {
                final double e = sign(i, g, j, gn2);
                s += e;
                s2 += e * e;
            }
            drift[ooff + j] = -s / m;                                                       // Eq. 49 / 51
            diff[ooff + j] = phase1 ? 0 : scale * Math.sqrt(Math.max(0, 1 - s2 / m));     // Eq. 50 / 52
        }
        return gn2;
    }

    /** Agent i's mean sign eᵢ for ∂ⱼf = {@code g} under the configured model. */
    private double sign(int i, double g, int j, double gn2) {
        if (phase1) {
            return Math.signum(g); // Eq. 4
        }
        if (phase3) {
            final double sc = agents[i].scale(j, gn2);
            return sc == 0 ? Math.signum(g) : kappa[i] * g / sc; // Eq. 5 / Eq. 10
        }
        return agents[i].expectedSign(g, j, gn2); // 1 − 2P(∂ⱼf_γᵢ < 0), Eq. 49
    }

    /** (1/N)Σᵢ eᵢ or, with {@code squares}, (1/N)Σᵢ eᵢ². */
    private double mean(double g, int j, double gn2, boolean squares) {
        double s = 0;
        for (int i = 0; i < agents.length; i++) {
            final double e = sign(i, g, j, gn2);
            s += squares ? e * e : e;
        }
        return s / agents.length;
    }

    @Override
    public String describe() {
        final String what = phase1 ? "signgd-ode(Eq. 4, " : phase3 ? "dsignsgd-phase3-sde(Eq. 5/10, "
                : "dsignsgd-sde(Eq. 49-52, ";
        return what + f.describe() + ")";
    }
}
