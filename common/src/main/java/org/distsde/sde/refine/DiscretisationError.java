package org.distsde.sde.refine;

import java.io.Serializable;
import java.util.Locale;

/**
 * The discretisation error D of the finest estimate of a quantity, from the estimates of the same
 * quantity at the last two or three levels of a Δt refinement with ratio 1/2, for a scheme of weak
 * order p (Euler–Maruyama p = 1, Talay–Tubaro p = 2).
 *
 * <p><b>Asymptotic estimate.</b> If the error of level ℓ is C·Δt_ℓ^p, the difference of two
 * consecutive levels is Δ_L = S_{L−1} − S_L = C·Δt_L^p(2^p − 1), so the error of the finer level
 * is Δ_L/(2^p − 1) — for p = 1 exactly |S_{L−1} − S_L|, the finer level's error, not an
 * overestimate of it; for p = 2 a third of it. More generally, if the differences shrink by a
 * ratio r &gt; 1 per halving from level L on, the error of level L is the geometric tail
 * Σ_{j&gt;L}Δ_j = Δ_L/(r − 1).
 *
 * <p><b>Margin (pre-asymptotic levels).</b>
 * <ul>
 * <li>With three estimates the observed ratio r = Δ_{L−1}/Δ_L is used: r &gt; 2^p (faster than
 *     order p, e.g. a difference made small by a cancellation): D = |Δ_{L−1}|/(2^p(2^p − 1)), the
 *     previous difference carried forward at the scheme's rate (the larger of the two
 *     asymptotic estimates); 1 &lt; r ≤ 2^p (slower than order p): D = |Δ_L|/(r − 1), the tail at the
 *     observed rate, at least the asymptotic Δ_L/(2^p − 1); r ≤ 1 (differences not shrinking):
 *     the levels are not in a convergent regime and D = +∞ (unknown: no verdict can be decided);
 *     opposite signs (the error changes sign between levels): D = max(|Δ_L|, |Δ_{L−1}|)/(2^p − 1),
 *     the larger of the last two differences.</li>
 * <li>Differences both within the Monte Carlo error of the estimate ({@code noise}, e.g. its
 *     standard error): their ratio carries no information, and the two-level rule below is applied
 *     to the larger of them.</li>
 * <li>With two estimates the ratio cannot be seen: D = 2|Δ_L|/(2^p − 1), which is the geometric tail
 *     Δ_L/(r − 1) for every local ratio r ≥ (2^p + 1)/2 (1.5 for Euler–Maruyama, 2.5 for
 *     Talay–Tubaro).</li>
 * <li>With one estimate (no coarser level) D is unknown: NaN.</li>
 * </ul>
 * Non-finite estimates (a diverged level) give D = +∞.
 *
 * @param value  D (NaN: unknown; +∞: not bounded)
 * @param regime how D was obtained, for the report
 */
public record DiscretisationError(double value, String regime) implements Serializable {
    /** No coarser level. */
    public static final DiscretisationError UNKNOWN = new DiscretisationError(Double.NaN,
            "no coarser level: the discretisation error is unknown");

    /** Zero by construction (a discrete process checked as itself, no discretisation involved). */
    public static final DiscretisationError NONE = new DiscretisationError(0, "none (a discrete process)");

    /**
     * @param fine     the finest estimate S_L
     * @param coarser  S_{L−1} (NaN when there is none)
     * @param coarsest S_{L−2} (NaN when there is none)
     * @param order    the scheme's weak order p ≥ 1
     */
    public static DiscretisationError of(double fine, double coarser, double coarsest, int order) {
        return of(fine, coarser, coarsest, order, 0);
    }

    /**
     * As {@link #of(double, double, double, int)}, with {@code noise} the Monte Carlo resolution of the
     * estimates (0 or NaN: none): differences both at most {@code noise} are not used for their ratio.
     */
    public static DiscretisationError of(double fine, double coarser, double coarsest, int order, double noise) {
        if (order < 1) {
            throw new IllegalArgumentException("order must be >= 1 (got " + order + ")");
        }
        if (Double.isNaN(coarser)) {
            return UNKNOWN;
        }
        if (!Double.isFinite(fine) || !Double.isFinite(coarser)) {
            return new DiscretisationError(Double.POSITIVE_INFINITY, "a level is not finite");
        }
        final double q = Math.pow(2, order) - 1; // 2^p − 1
        final double last = coarser - fine;
        if (Double.isNaN(coarsest)) {
            return new DiscretisationError(2 * Math.abs(last) / q, "two levels: 2|S_(L-1) - S_L|/(2^p - 1)");
        }
        if (!Double.isFinite(coarsest)) {
            return new DiscretisationError(Double.POSITIVE_INFINITY, "a level is not finite");
        }
        final double prev = coarsest - coarser;
        if (last == 0 && prev == 0) {
            return new DiscretisationError(0, "the levels agree exactly");
        }
        final double big = Math.max(Math.abs(last), Math.abs(prev));
        if (big <= noise) {
            return new DiscretisationError(2 * big / q, "differences within the Monte Carlo error: 2 max|diff|/(2^p - 1)");
        }
        if (last == 0 || prev == 0 || Math.signum(last) != Math.signum(prev)) {
            return new DiscretisationError(big / q,
                    "the differences change sign: max of the last two over (2^p - 1)");
        }
        final double r = prev / last;
        if (r > q + 1) {
            return new DiscretisationError(Math.abs(prev) / ((q + 1) * q),
                    String.format(Locale.ROOT, "ratio %.3g > 2^p: previous difference carried at order p", r));
        }
        if (r > 1) {
            return new DiscretisationError(Math.abs(last) / (r - 1),
                    String.format(Locale.ROOT, "ratio %.3g <= 2^p: geometric tail at the observed ratio", r));
        }
        return new DiscretisationError(Double.POSITIVE_INFINITY,
                String.format(Locale.ROOT, "ratio %.3g <= 1: the differences do not shrink as dt halves", r));
    }
}
