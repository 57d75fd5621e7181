package org.distsde.sde.model;

/**
 * The effective curvature of one deterministic step x⁺ = x − lr·g, from a local power-law model of
 * the gradient along the step.
 *
 * <p>Near a minimizer x* let the gradient behave as g(x) = c·|x − x*|^p·sign(x − x*) (p = 1: a
 * quadratic; p = 3: x⁴/4). Three measurements fix (c, x*, p): the gradient g at x, the curvature
 * z = lr·∂g/∂x at x, and the ratio q = g(x⁺)/g of the gradients after and before the step. In terms
 * of w = lr·g/(x − x*) — the step measured against the distance to the minimizer, the quantity whose
 * value decides whether the step contracts (|1 − w| &lt; 1) or overshoots away (w &gt; 2) — they give
 * <pre>
 *   z = p·w,   q = (1 − w)^p·sign(1 − w)  ⇔  ψ(w) = −ln|q|/z,   ψ(w) = −ln|1 − w|/w,
 * </pre>
 * with the branch of ψ chosen by the sign of q: q &gt; 0 (no overshoot) w &lt; 1, q &lt; 0 (the
 * gradient changed sign: overshoot) w &gt; 1. On a quadratic w = z; on x⁴/4, w = lr·x² (while
 * z = 3lr·x²), so gradient descent's |x⁺| = |1 − w|·|x| is reproduced exactly.
 *
 * <p>Degenerate measurements fall back to the secant of the gradient over the step, w = 1 − q:
 * vanishing curvature, and pairs no power law produces (positive curvature with a growing
 * gradient, negative curvature with a shrinking one). Where the measured ψ lies outside ψ's range
 * on the branch, w is clamped to the branch's end: w → 0 when the gradient contracts less than any
 * power law allows (exponential growth, as cosh far out), w = {@link #W_MAX} for the strongest
 * overshoot a power law can describe.
 */
public final class LocalPowerLaw {
    /** Where −ln(w − 1)/w attains its minimum ψ_min ≈ −0.2785 (w − 1 = e^{w/(w−1)}). */
    public static final double W_MAX = 4.5911;
    /** Below this |z| the curvature is treated as vanishing. */
    static final double FLAT = 1e-12;

    private LocalPowerLaw() { }

    /**
     * w from the curvature z = lr·H and the gradient ratio q = g(x⁺)/g(x) (both finite).
     */
    public static double effective(double z, double q) {
        if (Math.abs(z) < FLAT || (z > 0 && q >= 1) || (z < 0 && q <= 1)) {
            return 1 - q; // the secant of the gradient over the step
        }
        if (q == 0) {
            return 1; // the step lands on the minimizer
        }
        final double c = -Math.log(Math.abs(q)) / z; // ψ(w) = c
        if (z > 0 && q > 0) {
            return contracting(c);
        }
        if (z > 0) {
            return overshooting(c);
        }
        return negative(c);
    }

    /** w ∈ (0, 1) with ψ(w) = c; t = −ln(1 − w) solves t = c(1 − e^{−t}) (c ≤ 1: w → 0). */
    static double contracting(double c) {
        if (!(c > 1)) {
            return 0;
        }
        double t = c; // convex, above the root: Newton decreases monotonically
        for (int i = 0; i < 60; i++) {
            final double e = Math.exp(-t);
            final double h = t - c * (1 - e);
            final double step = h / (1 - c * e);
            t -= step;
            if (Math.abs(step) <= 1e-15 * t) {
                break;
            }
        }
        return -Math.expm1(-t);
    }

    /** w &lt; 0 with ψ(w) = c ∈ (0, 1); t = ln(1 − w) solves t = c(e^t − 1) (c ≥ 1: w → 0). */
    static double negative(double c) {
        if (!(c < 1)) {
            return 0;
        }
        double t = 2 * Math.log(1 / c) + 2; // H(t) = c(e^t − 1) − t = e²/c − c − t > 0 here; convex: Newton decreases
        for (int i = 0; i < 200; i++) {
            final double e = Math.exp(t);
            final double h = c * (e - 1) - t;
            final double step = h / (c * e - 1);
            t -= step;
            if (Math.abs(step) <= 1e-15 * t) {
                break;
            }
        }
        return -Math.expm1(t);
    }

    /** w &gt; 1 with ψ(w) = c on the branch through w = 2; t = ln(w − 1) solves t + c(1 + e^t) = 0. */
    static double overshooting(double c) {
        // H(t) = t + c(1 + e^t) is increasing up to t_max (all t when c ≥ 0): bisection, then Newton
        double hi = c >= 0 ? 0 : Math.log(-1 / c);
        if (c < 0 && hi + c * (1 + Math.exp(hi)) < 0) {
            return W_MAX; // stronger than any power law: the steepest overshoot it can describe
        }
        double lo = -1;
        while (lo + c * (1 + Math.exp(lo)) > 0) {
            lo *= 2;
            if (lo < -1e300) {
                return 1;
            }
        }
        double t = 0.5 * (lo + hi);
        for (int i = 0; i < 200; i++) {
            final double e = Math.exp(t);
            final double h = t + c * (1 + e);
            if (h > 0) {
                hi = t;
            } else {
                lo = t;
            }
            double next = t - h / (1 + c * e);
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) {
                t = next;
                break;
            }
            t = next;
        }
        return 1 + Math.exp(t);
    }
}
