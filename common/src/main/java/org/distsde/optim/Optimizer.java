package org.distsde.optim;

import java.io.Serializable;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.OptimizerKind;
import org.distsde.sde.Sde;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.AgentKernel;
import org.distsde.sim.PlainServer;
import org.distsde.sim.ServerUpdate;

/**
 * One distributed optimizer: what it does lives in its type — the agents' message kernel, the
 * server's update and its state, its SDE models, its learning-rate ceiling and the theorem it is
 * checked against. Which settings apply to it is configuration data ({@link OptimizerKind}). The
 * engine ({@code sim}, {@code sde}) asks the series' optimizer ({@link Optimizers#of}) instead of
 * switching on its name; the theorem checks ({@code theory}) map {@link #theorem()}.
 *
 * <p>Adding an optimizer: a constant of {@link OptimizerKind} and one class implementing this
 * interface, returned for it by {@link Optimizers#of(OptimizerKind)} (an exhaustive switch).
 */
public sealed interface Optimizer extends Serializable permits Dsgd, Dcsgd, DsignSgd, Adaptive, ErrorFeedback, Ef21,
        Diana {
    /** The configuration constant. */
    OptimizerKind kind();

    /** The config value, e.g. {@code dsgd}. */
    default String id() {
        return kind().id();
    }

    /** The agents' message kernel of one task (not thread-safe; one per task). */
    AgentKernel kernel(ExperimentConfig cfg);

    /** The server's update for a block of {@code runs} runs, with its state (x ← x − (lr/N)Σmᵢ by default). */
    default ServerUpdate server(ExperimentConfig cfg, int runs) {
        return new PlainServer(cfg.agents(), cfg.buildObjective().dim());
    }

    /** The SDE of {@code cfg.sde().model()} (one of {@link OptimizerKind#sdeModels()}), built from its parameters. */
    Sde sde(ExperimentConfig cfg);

    /**
     * Expected bits the N agents send the server in one round (per run): Σᵢ of agent i's
     * compressor's {@link org.distsde.compress.Compressor#expectedBits} (EF21, DIANA, EF-SGD:
     * their compressed differences or residual-corrected gradients), 64·d each without compression.
     */
    default double bitsPerRound(ExperimentConfig cfg) {
        final int d = cfg.buildObjective().dim();
        if (!kind().compresses()) {
            return 64.0 * d * cfg.agents();
        }
        if (cfg.compression().homogeneous()) {
            return cfg.agents() * cfg.compression().build().expectedBits(d);
        }
        double bits = 0;
        for (int i = 0; i < cfg.agents(); i++) {
            bits += cfg.compression().build(i).expectedBits(d);
        }
        return bits;
    }

    /** The theorem it is checked against. */
    Theorem theorem();

    /**
     * The largest η·ηₜ the optimizer's theorem allows at gradient norm g; only when
     * {@link OptimizerKind#hasCeiling()}.
     */
    default double ceiling(AgentAverages a, double l0, double l1, int d, double eps, double gradNorm) {
        throw new UnsupportedOperationException(id() + " has no learning-rate ceiling");
    }
}
