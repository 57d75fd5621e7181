package org.distsde.compress;

import java.io.Serializable;

/**
 * The class of a compressor C on d-dimensional vectors, as the theory uses it (seed 002, Section 3;
 * Karimireddy et al. 2019, Definition 2.1):
 * <ul>
 * <li>{@link Unbiased}: E[C(v)] = v and E‖C(v) − v‖² ≤ ω‖v‖² (DCSGD's compressors, Theorems 5–6);</li>
 * <li>{@link Contractive}: E‖C(v) − v‖² ≤ (1 − δ)‖v‖², δ ∈ (0, 1], possibly biased (top-k, scaled
 *     sign: what error feedback is for).</li>
 * </ul>
 * The identity is both (ω = 0, δ = 1) and is {@link Unbiased}.
 */
public sealed interface Compression extends Serializable {
    /** Unbiased with compression rate ω ≥ 0. */
    record Unbiased(double omega) implements Compression {
        public Unbiased {
            if (!(omega >= 0)) {
                throw new IllegalArgumentException("omega must be >= 0 (got " + omega + ")");
            }
        }
    }

    /** Contractive with δ ∈ (0, 1]; not assumed unbiased. */
    record Contractive(double delta) implements Compression {
        public Contractive {
            if (!(delta > 0 && delta <= 1)) {
                throw new IllegalArgumentException("delta must be in (0, 1] (got " + delta + ")");
            }
        }
    }

    /** ω when unbiased, NaN otherwise. */
    default double omega() {
        return Double.NaN;
    }

    /**
     * δ when contractive: δ itself, or 1 − ω for an unbiased compressor with ω &lt; 1
     * (E‖C(v) − v‖² ≤ ω‖v‖² = (1 − (1 − ω))‖v‖²); NaN otherwise.
     */
    default double delta() {
        return this instanceof Unbiased u && u.omega() < 1 ? 1 - u.omega() : Double.NaN;
    }

    /** True when C(v) = v almost surely: unbiased with ω = 0. */
    default boolean lossless() {
        return this instanceof Unbiased u && u.omega() == 0;
    }
}
