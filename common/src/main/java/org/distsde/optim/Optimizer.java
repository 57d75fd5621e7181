package org.distsde.optim;

import java.io.Serializable;
import java.util.List;
import org.distsde.config.AdaptiveSpec;
import org.distsde.config.CompressionSpec;
import org.distsde.config.ConfigException;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NormalizationKind;
import org.distsde.config.NormalizationSpec;
import org.distsde.config.SdeModel;
import org.distsde.config.SdeSpec;
import org.distsde.sde.Sde;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.AgentKernel;
import org.distsde.sim.PlainServer;
import org.distsde.sim.ServerUpdate;

/**
 * One distributed optimizer: everything that differs between optimizers lives in its type — the
 * agents' message kernel, the server's update and its state, the SDE models, the learning-rate
 * condition, and which config settings apply. The engine ({@code sim}, {@code sde}) asks the
 * series' optimizer ({@link ExperimentConfig#method()}) instead of switching on its name; the
 * theorem checks ({@code theory}) read results and look the optimizer's theorem up themselves.
 *
 * <p>Adding an optimizer: one class implementing this interface, listed in {@link Optimizers}.
 */
public sealed interface Optimizer extends Serializable permits Dsgd, Dcsgd, DsignSgd, Adaptive, ErrorFeedback {
    /** The config value, e.g. {@code dsgd}. */
    String id();

    /** The agents' message kernel of one task (not thread-safe; one per task). */
    AgentKernel kernel(ExperimentConfig cfg);

    /** The server's update for a block of {@code runs} runs, with its state (x ← x − (lr/N)Σmᵢ by default). */
    default ServerUpdate server(ExperimentConfig cfg, int runs) {
        return new PlainServer(cfg.agents(), cfg.buildObjective().dim());
    }

    /** The SDE of {@code cfg.sde().model()} (one of {@link #sdeModels()}). */
    Sde sde(ExperimentConfig cfg);

    /** The theorem it is checked against. */
    Theorem theorem();

    /** The SDE models this optimizer has, {@link SdeModel#FULL} first (none: no SDE). */
    List<SdeModel> sdeModels();

    /** True when the optimizer compresses its messages (compression settings apply). */
    default boolean compresses() { return false; }

    /**
     * True when the optimizer's definition (and theorem) needs an unbiased compressor (DCSGD,
     * Theorems 5–6); a contractive one is then refused.
     */
    default boolean needsUnbiasedCompression() { return false; }

    /**
     * True when the optimizer needs a contractive compressor, E‖C(v) − v‖² ≤ (1 − δ)‖v‖² with δ &gt; 0
     * (error feedback: an unbiased one with ω ≥ 1 makes the residuals grow geometrically).
     */
    default boolean needsContractiveCompression() { return false; }

    /** True for RMSprop(W) / Adam(W) (the {@code adaptive} settings apply). */
    default boolean adaptive() { return false; }

    /**
     * True when the optimizer has a learning-rate ceiling (Eq. 1, Eq. 5) that the normalization
     * {@code theorem} can enforce; {@link #ceiling} gives it.
     */
    default boolean hasCeiling() { return false; }

    /** The largest η·ηₜ the optimizer's theorem allows at gradient norm g; only when {@link #hasCeiling()}. */
    default double ceiling(AgentAverages a, double l0, double l1, int d, double eps, double gradNorm) {
        throw new UnsupportedOperationException(id() + " has no learning-rate ceiling");
    }

    /**
     * True when the optimizer's kernel and SDE have full-covariance Gaussian noise
     * ({@code noise.correlation}, {@code noise.lowRank}).
     */
    default boolean correlatedNoise() { return false; }

    /** Whether step normalization ({@code normalization.type} other than none) applies. */
    default boolean normalizes() { return true; }

    /** Checks the settings that depend on the optimizer; throws {@link ConfigException} naming the field. */
    default void validate(CompressionSpec compression, NormalizationSpec normalization, SdeSpec sde,
                          AdaptiveSpec adaptive) {
        if (!compresses() && compression.compresses()) {
            throw new ConfigException("compression is only used by optimizers that compress their messages "
                    + "(dcsgd and the adaptive ones; optimizer is " + id() + ")");
        }
        if (!normalizes() && normalization.kind() != NormalizationKind.NONE) {
            throw new ConfigException("normalization does not apply to optimizer " + id()
                    + " (it normalizes by its own second moment); remove normalization or set type none");
        }
        if (normalization.kind() == NormalizationKind.THEOREM && !hasCeiling()) {
            throw new ConfigException("normalization.type theorem is defined for dsgd and dcsgd (Eq. 1, 5); "
                    + id() + " has no learning-rate ceiling to enforce");
        }
        if (sdeModels().isEmpty() && sde.enabled()) {
            throw new ConfigException("sde.enabled: optimizer " + id() + " has no SDE here (set sde.enabled false)");
        }
        if (!sdeModels().contains(sde.modelKind()) && (sde.enabled() || sde.modelKind() != SdeModel.FULL)) {
            throw new ConfigException("sde.model " + sde.model() + " does not exist for optimizer " + id()
                    + " (it has " + (sdeModels().isEmpty() ? "no SDE"
                    : String.join(", ", sdeModels().stream().map(SdeModel::id).toList())) + ")");
        }
    }
}
