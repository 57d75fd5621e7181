package org.distsde.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * {@code optimizer}, parsed once: which optimizer a series runs, and what of the configuration
 * applies to it — the data the configuration is validated with. What the optimizer does (its
 * kernel, server, SDE, theorem) is its type in {@code org.distsde.optim} ({@code Optimizers.of}).
 * Adding an optimizer: a constant here and its type there.
 */
public enum OptimizerKind implements ConfigValue {
    /** DSGD: mᵢ = ∇f + Zᵢ (seed 002, Section 3). */
    DSGD("dsgd", Compressing.NO, false, true, List.of(SdeModel.FULL, SdeModel.MODIFIED, SdeModel.CURVATURE)),
    /** DCSGD: mᵢ = C(∇f + Zᵢ), C unbiased (Theorems 5–6). */
    DCSGD("dcsgd", Compressing.UNBIASED, false, true, List.of(SdeModel.FULL, SdeModel.MODIFIED,
            SdeModel.CURVATURE)),
    /** DSignSGD: mᵢ = sign(∇f + Zᵢ) (Theorem 7). */
    DSIGNSGD("dsignsgd", Compressing.NO, false, false, List.of(SdeModel.FULL, SdeModel.PHASE3, SdeModel.PHASE1)),
    /** RMSprop (seed 000, Eq. 133). */
    RMSPROP("rmsprop", Compressing.ANY, true, false, List.of(SdeModel.FULL, SdeModel.MALLADI)),
    /** RMSpropW: RMSprop with decoupled weight decay. */
    RMSPROPW("rmspropw", Compressing.ANY, true, false, List.of(SdeModel.FULL, SdeModel.MALLADI)),
    /** Adam (seed 000, Eq. 11). */
    ADAM("adam", Compressing.ANY, true, false, List.of(SdeModel.FULL, SdeModel.MALLADI)),
    /** AdamW: Adam with decoupled weight decay. */
    ADAMW("adamw", Compressing.ANY, true, false, List.of(SdeModel.FULL, SdeModel.MALLADI)),
    /** EF-SGD, error feedback with a contractive compressor (Karimireddy et al. 2019); no SDE, no theorem. */
    EF_SGD("ef-sgd", Compressing.CONTRACTIVE, false, false, List.of()),
    /** EF21 (Richtárik et al. 2021): gᵢ ← gᵢ + C(∇fᵢ − gᵢ), x ← x − η·mean gᵢ; contractive C; no theorem here. */
    EF21("ef21", Compressing.CONTRACTIVE, false, false, List.of(SdeModel.FULL)),
    /** DIANA (Mishchenko et al. 2019): shifts hᵢ, messages hᵢ + C(gᵢ − hᵢ), unbiased C; no theorem here. */
    DIANA("diana", Compressing.UNBIASED, false, false, List.of(SdeModel.FULL));

    /** Whether the optimizer compresses its messages, and with what class of compressor. */
    public enum Compressing {
        /** No compression (compression settings do not apply). */
        NO,
        /** Any compressor. */
        ANY,
        /** Unbiased ones only (E C(v) = v). */
        UNBIASED,
        /** Contractive ones only (E‖C(v) − v‖² ≤ (1 − δ)‖v‖², δ &gt; 0). */
        CONTRACTIVE
    }

    private final String id;
    private final Compressing compressing;
    private final boolean adaptive;
    private final boolean hasCeiling;
    private final List<SdeModel> sdeModels;

    OptimizerKind(String id, Compressing compressing, boolean adaptive, boolean hasCeiling, List<SdeModel> sdeModels) {
        this.id = id;
        this.compressing = compressing;
        this.adaptive = adaptive;
        this.hasCeiling = hasCeiling;
        this.sdeModels = sdeModels;
    }

    @Override
    @JsonValue
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /** The optimizer spelled {@code s} (case-insensitive); a {@link ConfigException} naming {@code optimizer} otherwise. */
    @JsonCreator
    public static OptimizerKind parse(String s) {
        return ConfigValue.parse(OptimizerKind.class, s, "optimizer");
    }

    /** Which compressors it takes ({@link Compressing#NO}: the compression block does not apply). */
    public Compressing compressing() {
        return compressing;
    }

    /** True when the optimizer compresses its messages. */
    public boolean compresses() {
        return compressing != Compressing.NO;
    }

    /** True for RMSprop(W) / Adam(W): the {@code adaptive} settings apply. */
    public boolean adaptive() {
        return adaptive;
    }

    /** Adam(W): momentum β₁ with bias correction. */
    public boolean momentum() {
        return this == ADAM || this == ADAMW;
    }

    /** RMSpropW, AdamW: decoupled weight decay θ. */
    public boolean decay() {
        return this == RMSPROPW || this == ADAMW;
    }

    /** True when step normalization applies (not for the adaptive optimizers, which normalize by their second moment). */
    public boolean normalizes() {
        return !adaptive;
    }

    /** True when the optimizer has a learning-rate ceiling (Eq. 1, Eq. 5) that normalization {@code theorem} can enforce. */
    public boolean hasCeiling() {
        return hasCeiling;
    }

    /** True when full-covariance Gaussian noise ({@code noise.correlation}, {@code noise.lowRank}) is implemented for it. */
    public boolean correlatedNoise() {
        return !adaptive;
    }

    /** True when it sends signs (DSignSGD: {@code signSampling} applies). */
    public boolean signs() {
        return this == DSIGNSGD;
    }

    /** DIANA: its agents learn shifts at the rate {@code compression.shiftRate}. */
    public boolean shifts() {
        return this == DIANA;
    }

    /**
     * EF21, DIANA: agents keep their last message's state (gᵢ, hᵢ) and their SDE carries it; the
     * SDE needs an unbiased compressor with a second moment linear in vvᵀ.
     */
    public boolean shiftedSde() {
        return this == EF21 || this == DIANA;
    }

    /**
     * DCSGD, EF21, DIANA: with coordinate-wise noise their SDEs take a compressor whose E[ΦΦᵀ] is
     * not diagonal (rand-k) as a diffusion matrix.
     */
    public boolean matrixCompressionSde() {
        return this == DCSGD || shiftedSde();
    }

    /** The SDE models it has, {@link SdeModel#FULL} first (empty: no SDE). */
    public List<SdeModel> sdeModels() {
        return sdeModels;
    }
}
