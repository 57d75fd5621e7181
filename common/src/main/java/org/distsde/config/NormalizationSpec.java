package org.distsde.config;

import java.io.Serializable;

/**
 * {@code normalization}: how the step η·ηₜ is made adaptive (Figure 1, bottom row).
 * <ul>
 * <li>{@code none}: step η·ηₜ.</li>
 * <li>{@code grad-norm}: per run, η·ηₜ / max({@code floor}, ‖∇f(x_k)‖)^{@code power} ({@code floor} 1 by
 *     default, 0 divides by the gradient norm itself; {@code power} ≥ 0, 1 by default, the degree of
 *     normalization: 0 none, 1 the full normalization of Figure 1).</li>
 * <li>{@code theorem}: min(η·ηₜ, ceiling), the ceiling of the optimizer's theorem at ε =
 *     {@code epsilon} with E‖∇f(Xₜ)‖ over the runs (the practical Eq. 26 for DSGD, Eq. 45 for
 *     DCSGD); with {@code perRun} true, each run uses its own ‖∇f(x_k)‖ (Eq. 21 / 43), which does
 *     not couple the runs.</li>
 * </ul>
 */
public record NormalizationSpec(String type, Double floor, Double epsilon, Boolean perRun, Double power)
        implements Serializable {
    public NormalizationSpec {
        type = type == null ? "none" : type;
        if (power != null && NormalizationKind.parse(type) != NormalizationKind.GRAD_NORM) {
            throw new ConfigException("normalization.power needs normalization.type grad-norm");
        }
        switch (NormalizationKind.parse(type)) {
            case NONE -> {
                if (perRun != null) {
                    throw new ConfigException("normalization.perRun needs normalization.type theorem");
                }
            }
            case GRAD_NORM -> {
                floor = floor == null ? 1.0 : Check.nonNegative("normalization.floor", floor);
                power = power == null ? 1.0 : Check.nonNegative("normalization.power", power);
            }
            case THEOREM -> {
                perRun = perRun != null && perRun;
                epsilon = epsilon == null ? 0.5 : epsilon;
                if (!(epsilon > 0 && epsilon < 1)) {
                    throw new ConfigException("normalization.epsilon must be in (0, 1) (got " + epsilon + ")");
                }
            }
        }
    }

    public NormalizationSpec(String type, Double floor, Double epsilon, Boolean perRun) {
        this(type, floor, epsilon, perRun, null);
    }

    public static NormalizationSpec none() {
        return new NormalizationSpec("none", null, null, null);
    }

    /** The parsed {@link #type}. */
    public NormalizationKind kind() {
        return NormalizationKind.parse(type);
    }

    /** True when the step of one run depends on the other runs (E‖∇f‖ over runs). */
    public boolean couplesRuns() {
        return kind() == NormalizationKind.THEOREM && !Boolean.TRUE.equals(perRun);
    }
}
