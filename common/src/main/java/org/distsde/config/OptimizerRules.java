package org.distsde.config;

import org.distsde.compress.Compression;
import org.distsde.compress.Compressor;
import org.distsde.compress.GaussianModel;

/**
 * Which settings apply to which optimizer ({@link OptimizerKind}'s data): compression, step
 * normalization, the SDE model, sign sampling, and the class of compressor the optimizer and its
 * SDE need. Every refusal is one line naming the field.
 */
final class OptimizerRules {
    private OptimizerRules() { }

    /** The settings that do not need the dimension. */
    static void settings(OptimizerKind o, CompressionSpec compression, NormalizationSpec normalization, SdeSpec sde,
                         SignSampling signSampling) {
        if (!o.compresses() && compression.compresses()) {
            throw new ConfigException("compression is only used by optimizers that compress their messages "
                    + "(dcsgd, ef-sgd, ef21, diana and the adaptive ones; optimizer is " + o + ")");
        }
        if (!o.normalizes() && normalization.kind() != NormalizationKind.NONE) {
            throw new ConfigException("normalization does not apply to optimizer " + o
                    + " (it normalizes by its own second moment); remove normalization or set type none");
        }
        if (normalization.kind() == NormalizationKind.THEOREM && !o.hasCeiling()) {
            throw new ConfigException("normalization.type theorem is defined for dsgd and dcsgd (Eq. 1, 5); "
                    + o + " has no learning-rate ceiling to enforce");
        }
        if (o.sdeModels().isEmpty() && sde.enabled()) {
            throw new ConfigException("sde.enabled: optimizer " + o + " has no SDE here (set sde.enabled false)");
        }
        if (!o.sdeModels().contains(sde.modelKind()) && (sde.enabled() || sde.modelKind() != SdeModel.FULL)) {
            throw new ConfigException("sde.model " + sde.model() + " does not exist for optimizer " + o
                    + " (it has " + (o.sdeModels().isEmpty() ? "no SDE"
                    : String.join(", ", o.sdeModels().stream().map(SdeModel::id).toList())) + ")");
        }
        if (compression.shiftRate() != null && !o.shifts()) {
            throw new ConfigException("compression." + CompressionSpec.SHIFT_RATE + " is DIANA's shift rate alpha; "
                    + "optimizer " + o + " has no shifts (use optimizer diana or remove it)");
        }
        if (signSampling == SignSampling.CDF && !o.signs()) {
            throw new ConfigException("signSampling cdf samples the signs of dsignsgd; optimizer " + o
                    + " sends no signs (remove signSampling)");
        }
    }

    /**
     * The agents' compressors against what the optimizer and its SDE need: an unbiased one for an
     * optimizer defined with one (DCSGD, Theorems 5–6; DIANA), a contractive one for error feedback
     * (EF-SGD, EF21), and a Gaussian model (Eq. 27–28: unbiased, second moment linear in vvᵀ, diagonal
     * unless the SDE has a matrix form) for an SDE of compressed messages.
     */
    static void compressors(OptimizerKind o, CompressionSpec compression, SdeSpec sde, boolean correlatedNoise,
                            int agents, int d) {
        if (!compression.compresses()) {
            return;
        }
        for (int i = 0; i < (compression.homogeneous() ? 1 : agents); i++) {
            final Compressor c = compression.build(i);
            final Compression cls = c.compression(d);
            final String who = compression.homogeneous() ? "compression" : "compression (agent " + i + ")";
            switch (o.compressing()) {
                case UNBIASED -> {
                    if (!(cls instanceof Compression.Unbiased)) {
                        throw new ConfigException(who + ": optimizer " + o + " needs an unbiased compressor (E C(v) = "
                                + "v, Theorems 5-6); " + c.describe() + " is contractive (delta = " + cls.delta()
                                + "): use ef-sgd for a biased one");
                    }
                }
                case CONTRACTIVE -> {
                    if (!(cls.delta() > 0)) {
                        throw new ConfigException(who + ": optimizer " + o + " needs a contractive compressor "
                                + "(E|C(v) - v|^2 <= (1 - delta)|v|^2, delta > 0; with an unbiased one its residuals grow "
                                + "when omega >= 1); " + c.describe() + " is not (random-sparsification needs p > 1/2)");
                    }
                }
                case ANY, NO -> { }
            }
            if (sde.enabled() && !o.sdeModels().isEmpty()) {
                try {
                    if (o.matrixCompressionSde() && !correlatedNoise) {
                        GaussianModel.linear(c, d); // a diffusion matrix for any off-diagonal factor
                    } else {
                        GaussianModel.excess(c, d);
                    }
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(who + ": " + e.getMessage() + "; set sde.enabled false");
                }
            }
        }
    }
}
