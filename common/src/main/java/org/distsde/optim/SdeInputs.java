package org.distsde.optim;

import org.distsde.config.ExperimentConfig;
import org.distsde.config.GradientSource;
import org.distsde.config.NoiseSpec;
import org.distsde.data.ShardMean;
import org.distsde.objective.DataObjective;
import org.distsde.objective.Objective;
import org.distsde.sde.AverageCovariance;
import org.distsde.sde.CorrelatedGradientSde;
import org.distsde.sde.DcsgdMatrixSde;
import org.distsde.sde.ShiftedCompressionSde;
import org.distsde.sde.Sde;
import org.distsde.sde.model.CurvatureCorrectedSde;
import org.distsde.sde.model.ModifiedEquationSde;
import org.distsde.sde.model.StepVariance;
import org.distsde.sim.DataAgents;

/** Reads the parameters of the optimizers' SDEs from a configuration (the SDE classes take the parameters only). */
final class SdeInputs {
    private SdeInputs() { }

    /** True when the agents send their own shards' full gradients ({@code objective.data.gradient local}). */
    static boolean shardGradients(ExperimentConfig cfg) {
        return cfg.objective().dataDefined() && cfg.objective().data().gradientKind() == GradientSource.LOCAL;
    }

    /** The agents' shards and their mean F̄ (for agents sending their shards' gradients). */
    static ShardMean shards(ExperimentConfig cfg) {
        return new ShardMean((DataObjective) cfg.buildObjective(), DataAgents.split(cfg));
    }

    /** The function whose gradient the drift follows: f, or F̄ for agents sending their shards' gradients. */
    static Objective drift(ExperimentConfig cfg) {
        return shardGradients(cfg) ? shards(cfg) : cfg.buildObjective();
    }

    /** The agents' average (compressed) covariance of Eq. 8 / 28. */
    static AverageCovariance covariance(ExperimentConfig cfg) {
        return new AverageCovariance(cfg.noise().agentNoise(cfg.agents()), cfg.compression().agentCompressors(),
                cfg.buildObjective().dim());
    }

    /**
     * DSGD's / DCSGD's higher-order models ({@code sde.model}): {@code modified}, Li–Tai–E's
     * second-order modified equation, or {@code curvature}, the curvature-corrected SDE, both from
     * the drift's f, η and the step covariance of Eq. 8 / 28.
     */
    static Sde higherOrder(ExperimentConfig cfg) {
        final StepVariance v = covariance(cfg).stepVariance(cfg.agents());
        return switch (cfg.sde().modelKind()) {
            case MODIFIED -> new ModifiedEquationSde(drift(cfg), v, cfg.eta());
            case CURVATURE -> new CurvatureCorrectedSde(drift(cfg), v, cfg.eta());
            case FULL, PHASE1, PHASE3, MALLADI -> throw new IllegalArgumentException("sde.model " + cfg.sde().model()
                    + " is not a higher-order model of DSGD / DCSGD");
        };
    }

    /** Eq. 8 / 27–28 with full-covariance Gaussian noise (DSGD, DCSGD). */
    static CorrelatedGradientSde correlated(ExperimentConfig cfg) {
        final NoiseSpec n = cfg.noise();
        return new CorrelatedGradientSde(cfg.buildObjective(), cfg.eta(), cfg.agents(), n.correlationModel(),
                n.sigma0()[0], n.sigma1()[0], factors(cfg), cfg.compression().agentCompressors());
    }

    /** The agents' noise factors fᵢ of full-covariance noise: one when every agent has the same. */
    static double[] factors(ExperimentConfig cfg) {
        final NoiseSpec spec = cfg.noise();
        final double[] f = new double[spec.homogeneous() ? 1 : cfg.agents()];
        for (int i = 0; i < f.length; i++) {
            f[i] = spec.factor(i, cfg.agents());
        }
        return f;
    }

    /**
     * True when every agent's compressor has a diagonal E[ΦΦᵀ] (second moment with off-diagonal
     * factor 1: the identity, random sparsification), so that Eq. 28 is the diagonal
     * {@code DcsgdSde}; false for rand-k and the like (the matrix form, {@link DcsgdMatrixSde}), or
     * for a compressor without a linear second moment (the SDE then refuses it in one line).
     */
    static boolean diagonalCompression(ExperimentConfig cfg) {
        final int d = cfg.buildObjective().dim();
        for (int i = 0; i < (cfg.compression().homogeneous() ? 1 : cfg.agents()); i++) {
            if (cfg.compression().build(i).secondMoment(d) instanceof org.distsde.compress.SecondMoment.Linear l
                    && !l.diagonalOnly()) {
                return false;
            }
        }
        return true;
    }

    /** Eq. 27–28 with a compressor whose E[ΦΦᵀ] is not diagonal (coordinate-wise noise). */
    static DcsgdMatrixSde dcsgdMatrix(ExperimentConfig cfg) {
        return new DcsgdMatrixSde(cfg.buildObjective(), cfg.eta(), cfg.noise().agentNoise(cfg.agents()),
                cfg.compression().agentCompressors());
    }

    /** The shifted-compression SDE of EF21 (α = 1) and DIANA. */
    static ShiftedCompressionSde shifted(ExperimentConfig cfg, double alpha) {
        return new ShiftedCompressionSde(cfg.buildObjective(), cfg.eta(), alpha, cfg.noise().agentNoise(cfg.agents()),
                cfg.compression().agentCompressors());
    }
}
