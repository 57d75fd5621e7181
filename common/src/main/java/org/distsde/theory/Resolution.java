package org.distsde.theory;

import java.io.Serializable;
import java.util.List;
import org.distsde.sde.refine.DiscretisationError;
import org.distsde.sde.refine.Refinement;
import org.distsde.sim.RoundStats;

/**
 * The coarser estimates of a resolved SDE series, from which {@link TheoremChecker} takes the
 * discretisation error D of every checked quantity ({@link DiscretisationError}): the same estimate
 * one level coarser (twice the step), two levels coarser (nullable), recorded at the same times, and
 * the estimates' weak order p (1 for Euler–Maruyama levels, 2 for Talay–Tubaro extrapolations).
 */
public record Resolution(List<RoundStats> coarser, List<RoundStats> coarsest, int order) implements Serializable {
    public Resolution {
        if (coarser == null) {
            throw new IllegalArgumentException("a resolution needs the coarser level");
        }
        if (order < 1) {
            throw new IllegalArgumentException("order must be >= 1 (got " + order + ")");
        }
    }

    /** From a refinement; null when it has a single estimate (no coarser level: D unknown). */
    public static Resolution of(Refinement ref) {
        return ref == null || ref.coarser() == null ? null : new Resolution(ref.coarser(), ref.coarsest(), ref.order());
    }

    /** One coarser Euler–Maruyama level (weak order 1); null for null. */
    public static Resolution of(List<RoundStats> coarser) {
        return coarser == null ? null : new Resolution(coarser, null, 1);
    }
}
