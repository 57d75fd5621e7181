package org.distsde.optim;

import org.distsde.config.ExperimentConfig;
import org.distsde.config.OptimizerKind;
import org.distsde.sde.Sde;
import org.distsde.sim.AgentKernel;

/**
 * DIANA (Mishchenko, Gorbunov, Takáč, Richtárik 2019, "Distributed learning with compressed
 * gradient differences", Algorithm 1 without momentum (β = 0) and without a proximal term; also
 * Horváth et al. 2019): agent i keeps a shift hᵢ, sends Δ̂ᵢ = C(gᵢ − hᵢ) and updates
 * hᵢ ← hᵢ + αΔ̂ᵢ; the server steps x ← x − (ηηₜ/N)Σᵢ(hᵢ + Δ̂ᵢ), keeping h = mean hᵢ by adding αΔ̂.
 * C unbiased with ω; α = {@code compression.shiftRate}, by default 1/(1 + max ωᵢ) (their
 * condition α ≤ 1/(ω + 1)). The kernel is {@link ShiftedMessages}; its SDE the shifted-compression
 * SDE. No theorem here (theirs are for strongly convex f, not in the seeds).
 */
public final class Diana implements Optimizer {
    private static final long serialVersionUID = 1L;
    public static final Diana INSTANCE = new Diana();

    private Diana() { }

    @Override public OptimizerKind kind() { return OptimizerKind.DIANA; }

    /** α: {@code compression.shiftRate}, or 1/(1 + max ωᵢ). */
    public static double alpha(ExperimentConfig cfg) {
        if (cfg.compression().shiftRate() != null) {
            return cfg.compression().shiftRate();
        }
        final int d = cfg.buildObjective().dim();
        double omega = 0;
        for (int i = 0; i < (cfg.compression().homogeneous() ? 1 : cfg.agents()); i++) {
            omega = Math.max(omega, cfg.compression().build(i).compression(d).omega());
        }
        return 1 / (1 + omega);
    }

    @Override
    public AgentKernel kernel(ExperimentConfig cfg) {
        return Kernels.shifted(cfg, alpha(cfg));
    }

    @Override
    public Sde sde(ExperimentConfig cfg) {
        return SdeInputs.shifted(cfg, alpha(cfg));
    }

    @Override public Theorem theorem() { return Theorem.NONE; }

    private Object readResolve() { return INSTANCE; }
}
