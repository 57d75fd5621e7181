package org.distsde.optim;

import org.distsde.config.ExperimentConfig;
import org.distsde.config.OptimizerKind;
import org.distsde.sde.DcsgdSde;
import org.distsde.sde.Sde;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.AgentKernel;
import org.distsde.sim.LearningRateConditions;

/**
 * DCSGD: mᵢ = C_{ξᵢ}(∇f(x) + Zᵢ(x)) with an unbiased compressor; SDE Eq. 27–28 (diagonal
 * {@code DcsgdSde} when every compressor's E[ΦΦᵀ] is diagonal, {@code DcsgdMatrixSde} otherwise);
 * condition Eq. 5 (Theorem 6; Eq. 3 of Theorem 5 at σ1 = 0), whose constants take any unbiased
 * compressor through its ω (Compagnoni et al., AISTATS 2025, treat general unbiased compressors).
 */
public final class Dcsgd implements Optimizer {
    private static final long serialVersionUID = 1L;
    public static final Dcsgd INSTANCE = new Dcsgd();

    private Dcsgd() { }

    @Override public OptimizerKind kind() { return OptimizerKind.DCSGD; }

    @Override
    public AgentKernel kernel(ExperimentConfig cfg) {
        return Kernels.gradient(cfg);
    }

    @Override
    public Sde sde(ExperimentConfig cfg) {
        if (cfg.noise().correlated()) {
            return SdeInputs.correlated(cfg);
        }
        return switch (cfg.sde().modelKind()) {
            case MODIFIED, CURVATURE -> SdeInputs.higherOrder(cfg); // the diagonal of Eq. 28
            default -> SdeInputs.diagonalCompression(cfg)
                    ? new DcsgdSde(SdeInputs.drift(cfg), cfg.eta(), cfg.agents(), SdeInputs.covariance(cfg))
                    : SdeInputs.dcsgdMatrix(cfg); // rand-k: Eq. 28 with off-diagonal terms
        };
    }

    @Override public Theorem theorem() { return Theorem.DCSGD_5_6; }

    /** Eq. 5. */
    @Override
    public double ceiling(AgentAverages a, double l0, double l1, int d, double eps, double gradNorm) {
        return LearningRateConditions.dcsgd(a, l0, l1, d, eps, gradNorm);
    }

    private Object readResolve() { return INSTANCE; }
}
