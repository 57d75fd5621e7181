package org.distsde.optim;

import java.util.function.Function;
import org.distsde.compress.AgentCompressors;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.GradientSource;
import org.distsde.config.NoiseSpec;
import org.distsde.config.SignSampling;
import org.distsde.noise.AgentNoise;
import org.distsde.sim.AgentKernel;
import org.distsde.sim.DataAgents;

/**
 * Builds the message kernel of a series from its configuration: which gradient draws the agents
 * have (coordinate-wise noise, full-covariance noise, their own rows) and what they send. The
 * kernels themselves take their parameters only.
 */
final class Kernels {
    private Kernels() { }

    /** The gradient family (DSGD, DCSGD, the adaptive optimizers): mᵢ = C(gᵢ). */
    static AgentKernel gradient(ExperimentConfig cfg) {
        if (!dataDraws(cfg) && !cfg.noise().correlated()) {
            return new GradientMessages(dim(cfg), noises(cfg), cfg.seed(), compressors(cfg));
        }
        return new DrawnMessages(dim(cfg), noises(cfg), cfg.seed(), compressors(cfg), draws(cfg), false,
                !dataDraws(cfg)); // the correlated kernel skips a lossless compressor
    }

    /** DSignSGD: mᵢ = sign(gᵢ). */
    static AgentKernel sign(ExperimentConfig cfg) {
        if (!dataDraws(cfg) && !cfg.noise().correlated()) {
            return new SignMessages(dim(cfg), noises(cfg), cfg.seed(), cfg.signSampling() == SignSampling.CDF);
        }
        return new DrawnMessages(dim(cfg), noises(cfg), cfg.seed(), compressors(cfg), draws(cfg), true, false);
    }

    /** Error feedback: mᵢ = C(eᵢ + gᵢ), eᵢ ← eᵢ + gᵢ − mᵢ. */
    static AgentKernel errorFeedback(ExperimentConfig cfg) {
        return new ErrorFeedbackMessages(dim(cfg), noises(cfg), cfg.seed(), compressors(cfg), draws(cfg));
    }

    /** Shifted compression (EF21: α = 1; DIANA): mᵢ = hᵢ + C(gᵢ − hᵢ), hᵢ ← hᵢ + α·C(gᵢ − hᵢ). */
    static AgentKernel shifted(ExperimentConfig cfg, double alpha) {
        return new ShiftedMessages(dim(cfg), noises(cfg), cfg.seed(), compressors(cfg), draws(cfg), alpha);
    }

    /** The agents' gradient draws of the series. */
    static Function<AgentKernel, GradientDraws> draws(ExperimentConfig cfg) {
        if (dataDraws(cfg)) {
            final var batches = DataAgents.minibatches(cfg);
            final boolean local = cfg.objective().data().gradientKind() == GradientSource.LOCAL;
            final boolean injected = DataAgents.injectsNoise(cfg); // a zero noise model draws nothing
            return k -> new DataDraws(k, batches, local, injected);
        }
        final NoiseSpec n = cfg.noise();
        if (n.correlated()) {
            final double[] factors = new double[cfg.agents()];
            for (int i = 0; i < factors.length; i++) {
                factors[i] = n.factor(i, cfg.agents());
            }
            return k -> new CorrelatedDraws(k, n.correlationModel(), n.sigma0()[0], n.sigma1()[0], factors);
        }
        return SyntheticDraws::new;
    }

    /** True when the series' agents hold data and send gradients of their own shards (minibatch or local). */
    static boolean dataDraws(ExperimentConfig cfg) {
        return cfg.objective().dataDefined() && cfg.objective().data().gradientKind() != GradientSource.FULL;
    }

    private static int dim(ExperimentConfig cfg) {
        return cfg.buildObjective().dim();
    }

    private static AgentNoise noises(ExperimentConfig cfg) {
        return cfg.noise().agentNoise(cfg.agents());
    }

    private static AgentCompressors compressors(ExperimentConfig cfg) {
        return cfg.compression().agentCompressors();
    }
}
