package org.distsde.schedule;

import java.io.Serializable;

/**
 * The Robbins–Monro conditions of a scheduler, with φⁱₜ = ∫₀ᵗ ηₛⁱ ds (Section 4).
 *
 * @param phi1Diverges φ¹ₜ → ∞
 * @param phi2Bounded  φ²ₜ stays bounded (the classical condition Σηₖ² &lt; ∞)
 * @param ratioToZero  φ²ₜ/φ¹ₜ → 0 (the paper's weaker condition)
 * @param analytic     decided in closed form (true) or numerically over a horizon (false)
 * @param reason       one line naming the condition that decides the verdict
 */
public record RobbinsMonro(boolean phi1Diverges, boolean phi2Bounded, boolean ratioToZero,
                           boolean analytic, String reason) implements Serializable {
    /** Classical Robbins–Monro: Σηₖ = ∞ and Σηₖ² &lt; ∞. */
    public boolean classical() { return phi1Diverges && phi2Bounded; }

    /** The condition stated in Section 4: φ¹ₜ → ∞ and φ²ₜ/φ¹ₜ → 0. */
    public boolean paper() { return phi1Diverges && ratioToZero; }

    /**
     * Numerical check of an arbitrary schedule over [0, horizon]: φ¹ is said to diverge when it
     * still grows by more than {@code tol}·φ¹ over the last decade [horizon/10, horizon] in a way
     * consistent with a non-summable tail, φ² to be bounded when its last-decade growth is below
     * {@code tol}·φ², and the ratio to vanish when it fell by more than a factor 2 over the horizon
     * and is still falling.
     */
    public static RobbinsMonro numerical(Schedule s, double horizon, double tol) {
        if (!(horizon >= 100)) {
            throw new IllegalArgumentException("horizon must be >= 100 (got " + horizon + ")");
        }
        final int steps = 200_000;
        final double h = horizon / steps;
        double p1 = 0, p2 = 0, p1Dec = 0, p2Dec = 0, ratioMid = Double.NaN;
        for (int i = 0; i < steps; i++) {
            final double e = s.at((i + 0.5) * h); // midpoint rule
            p1 += e * h;
            p2 += e * e * h;
            if (i == steps / 10 - 1) {
                p1Dec = p1;
                p2Dec = p2;
            }
            if (i == steps / 100 - 1) {
                ratioMid = p2 / p1;
            }
        }
        final boolean phi1 = p1 - p1Dec > tol * p1 && p1 > 10 * tol;
        final boolean phi2 = p2 - p2Dec <= tol * p2;
        final double ratio = p2 / p1;
        final boolean ratioZero = phi1 && ratio < 0.5 * ratioMid;
        final String reason = String.format(
                "numerical over [0, %.3g]: phi1 %.4g (last-decade growth %.3g), phi2 %.4g (last-decade growth %.3g), phi2/phi1 %.3g",
                horizon, p1, p1 - p1Dec, p2, p2 - p2Dec, ratio);
        return new RobbinsMonro(phi1, phi2, ratioZero, false, reason);
    }
}
