package org.distsde.sde;

import org.distsde.config.ExperimentConfig;
import org.distsde.noise.NoiseModel;
import org.distsde.objective.Objective;

/**
 * The phase SDEs of SignSGD (seed 000, Lemma 3.4), for N agents as in Eq. 49–52.
 *
 * <p>{@code phase3}: the sign's mean linearised around 0, E[sign(g + sT)] ≈ κ·g/s with
 * κ = 2·p_T(0) (√(2/π) for Gaussian noise, Eq. 5; √(1/2) for Student-t with ν = 2, Eq. 10 of
 * Corollary 3.11): drift −(1/N)Σᵢ κᵢ∂ⱼf/sᵢⱼ and diffusion √(η/N)·√(1 − (1/N)Σᵢ(κᵢ∂ⱼf/sᵢⱼ)²)
 * (clamped at 0). Valid while |∂ⱼf| ≪ sᵢⱼ; an agent without noise (s = 0) keeps its exact sign.
 *
 * <p>{@code phase1}: the SignGD ODE dX = −sign(∇f(X))dt (Eq. 4), no diffusion.
 */
public final class DsignPhaseSde implements Sde {
    private static final long serialVersionUID = 1L;
    private final Objective f;
    private final int d;
    private final double scale;
    private final boolean phase1;
    private final NoiseModel[] agents; // one entry when the noise is homogeneous
    private final double[] kappa;

    public DsignPhaseSde(ExperimentConfig cfg) {
        this.f = cfg.buildObjective();
        this.d = f.dim();
        this.scale = Math.sqrt(cfg.eta() / cfg.agents());
        this.phase1 = cfg.sde().model().equals("phase1");
        if (!phase1 && !cfg.sde().model().equals("phase3")) {
            throw new IllegalArgumentException("DsignPhaseSde needs sde.model phase1 or phase3");
        }
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
            out[ooff + j] = phase1 ? -Math.signum(out[ooff + j]) : -linear(out[ooff + j], j, gn2, false);
        }
    }

    @Override
    public void diffusion(double[] x, int off, double[] out, int ooff) {
        final double gn2 = f.gradient(x, off, out, ooff);
        for (int j = 0; j < d; j++) {
            out[ooff + j] = phase1 ? 0 : scale * Math.sqrt(Math.max(0, 1 - linear(out[ooff + j], j, gn2, true)));
        }
    }

    @Override
    public double coefficients(double[] x, int off, double[] drift, double[] diff, int ooff) {
        final double gn2 = f.gradient(x, off, drift, ooff);
        final int m = agents.length;
        for (int j = 0; j < d; j++) {
            final double g = drift[ooff + j];
            if (phase1) {
                drift[ooff + j] = -Math.signum(g); // Eq. 4
                diff[ooff + j] = 0;
                continue;
            }
            double s = 0, s2 = 0;
            for (int i = 0; i < m; i++) {
                final double sc = agents[i].scale(j, gn2);
                final double e = sc == 0 ? Math.signum(g) : kappa[i] * g / sc; // Eq. 5 / Eq. 10
                s += e;
                s2 += e * e;
            }
            drift[ooff + j] = -s / m;
            diff[ooff + j] = scale * Math.sqrt(Math.max(0, 1 - s2 / m));
        }
        return gn2;
    }

    /** (1/N)Σᵢ eᵢ or, with {@code squares}, (1/N)Σᵢ eᵢ², eᵢ = κᵢ∂ⱼf/sᵢⱼ (Eq. 5 / Eq. 10). */
    private double linear(double g, int j, double gn2, boolean squares) {
        double s = 0;
        for (int i = 0; i < agents.length; i++) {
            final double sc = agents[i].scale(j, gn2);
            final double e = sc == 0 ? Math.signum(g) : kappa[i] * g / sc;
            s += squares ? e * e : e;
        }
        return s / agents.length;
    }

    @Override
    public String describe() {
        return (phase1 ? "signgd-ode(Eq. 4, " : "dsignsgd-phase3-sde(Eq. 5/10, ") + f.describe() + ")";
    }
}
