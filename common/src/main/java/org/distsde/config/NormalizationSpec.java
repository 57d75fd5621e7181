package org.distsde.config;

import java.io.Serializable;

/**
 * {@code normalization}: how the step η·ηₜ is made adaptive (Figure 1, bottom row).
 * <ul>
 * <li>{@code none}: step η·ηₜ.</li>
 * <li>{@code grad-norm}: per run, η·ηₜ / max({@code floor}, ‖∇f(x_k)‖) ({@code floor} 1 by default;
 *     0 divides by the gradient norm itself).</li>
 * <li>{@code theorem}: min(η·ηₜ, ceiling), the ceiling of the optimizer's theorem at ε =
 *     {@code epsilon} with E‖∇f(Xₜ)‖ over the runs (the practical Eq. 26 for DSGD, Eq. 45 for
 *     DCSGD); with {@code perRun} true, each run uses its own ‖∇f(x_k)‖ (Eq. 21 / 43), which does
 *     not couple the runs.</li>
 * </ul>
 */
public record NormalizationSpec(String type, Double floor, Double epsilon, Boolean perRun) implements Serializable {
    public NormalizationSpec {
        type = type == null ? "none" : type;
        switch (NormalizationKind.parse(type)) {
            case NONE -> {
                if (perRun != null) {
                    throw new ConfigException("normalization.perRun needs normalization.type theorem");
                }
            }
            case GRAD_NORM -> floor = floor == null ? 1.0 : Check.nonNegative("normalization.floor", floor);
            case THEOREM -> {
                perRun = perRun != null && perRun;
                epsilon = epsilon == null ? 0.5 : epsilon;
                if (!(epsilon > 0 && epsilon < 1)) {
                    throw new ConfigException("normalization.epsilon must be in (0, 1) (got " + epsilon + ")");
                }
            }
        }
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
