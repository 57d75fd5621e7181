package org.distsde.sde.model;

import java.util.function.DoublePredicate;
import org.apache.commons.numbers.gamma.Erfc;
import org.distsde.objective.Objective;

/**
 * The stability of the curvature-corrected model's first step from x₀, as a function of the
 * learning rate: three predictions of the stability frontier, none needing a simulation.
 *
 * <p>Per coordinate, one step of the model with learning rate η (its law at Δt = η: mean
 * x − η∂ⱼf, variance η²Σ̃ⱼⱼ/N) moves the distance to the local minimizer e by the factor
 * 1 − wⱼ(1 + Sⱼξ), ξ ~ N(0, 1), with wⱼ(η) the step's effective curvature ({@link CurvatureProbe})
 * and Sⱼ = √(Σ̃ⱼⱼ(x₀)/N)/|∂ⱼf(x₀)| the step's relative noise ({@link StepVariance}; 0 where ∂ⱼf = 0).
 * <ul>
 * <li>{@link #deterministicLimit}: the largest η with every wⱼ ≤ 2 (noise-free gradient descent
 *     does not overshoot away from the minimizer; on x⁴/4 η·x₀² ≤ 2);</li>
 * <li>{@link #meanSquareLimit}: the largest η with every ρⱼ = (1 − wⱼ)² + wⱼ²Sⱼ² ≤ 1 (the second
 *     moment of the distance does not grow);</li>
 * <li>{@link #overshootLimit}: the largest η at which the first step overshoots away
 *     (wⱼ(1 + Sⱼξ) &gt; 2 for some j) with probability at most p: 1 − Πⱼ Φ((2 − wⱼ)/(wⱼSⱼ)) ≤ p. On an
 *     objective whose curvature grows away from the minimizer one such step is what starts a
 *     divergence, and the first step, from the largest gradient, is the likeliest.</li>
 * </ul>
 * Each is found by bisection on a log scale over η ∈ [10⁻¹², 10¹²] and assumes the condition is
 * monotone in η; 0 when even 10⁻¹² fails, +∞ when 10¹² holds. Immutable.
 */
public final class OneStepLaw {
    private final Objective f;
    private final StepVariance var;
    private final double[] x0;
    private final double[] g0;
    private final double[] s;
    private final int d;

    public OneStepLaw(Objective f, StepVariance var, double[] x0) {
        this.f = f;
        this.var = var;
        this.d = f.dim();
        if (x0.length != d || var.dim() != d) {
            throw new IllegalArgumentException("x0, the step covariance and f must have the same dimension");
        }
        this.x0 = x0.clone();
        this.g0 = new double[d];
        final double gn2 = f.gradient(this.x0, 0, g0, 0);
        this.s = new double[d];
        for (int j = 0; j < d; j++) {
            s[j] = g0[j] == 0 ? 0 : Math.sqrt(var.at(j, g0[j], gn2) / var.agents()) / Math.abs(g0[j]);
        }
    }

    /** The relative noise Sⱼ of the first step. */
    public double[] relativeNoise() {
        return s.clone();
    }

    /** wⱼ of the first step with learning rate eta. */
    public double[] effectiveCurvature(double eta) {
        final double[] w = new double[d];
        final double[] gn2 = {0};
        for (int j = 0; j < d; j++) {
            gn2[0] += g0[j] * g0[j];
        }
        new CurvatureProbe(f).measure(x0, g0, gn2, 1, new double[] {eta}, w, new double[d], new double[d],
                new double[1], new double[d]);
        return w;
    }

    /** The probability that the first step overshoots away in some coordinate. */
    public double overshootProbability(double eta) {
        final double[] w = effectiveCurvature(eta);
        double stay = 1;
        for (int j = 0; j < d; j++) {
            if (!(w[j] > 0)) {
                continue;
            }
            if (s[j] == 0) {
                stay *= w[j] > 2 ? 0 : 1;
            } else { // P(w(1 + Sξ) ≤ 2) = Φ((2 − w)/(wS))
                stay *= 0.5 * Erfc.value(-(2 - w[j]) / (w[j] * s[j]) / Math.sqrt(2));
            }
        }
        return 1 - stay;
    }

    /** The largest η at which no coordinate overshoots without noise (every wⱼ ≤ 2). */
    public double deterministicLimit() {
        return largest(eta -> {
            for (double w : effectiveCurvature(eta)) {
                if (w > 2) {
                    return false;
                }
            }
            return true;
        });
    }

    /** The largest η at which every ρⱼ = (1 − wⱼ)² + wⱼ²Sⱼ² ≤ 1. */
    public double meanSquareLimit() {
        return largest(eta -> {
            final double[] w = effectiveCurvature(eta);
            for (int j = 0; j < d; j++) {
                if ((1 - w[j]) * (1 - w[j]) + w[j] * w[j] * s[j] * s[j] > 1) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * The largest η at which the first step overshoots away with probability at most p; at p = 0
     * the noise-free limit without noise, 0 with (a Gaussian step overshoots with positive probability).
     */
    public double overshootLimit(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in [0, 1) (got " + p + ")");
        }
        if (p == 0) {
            for (double v : s) {
                if (v > 0) {
                    return 0;
                }
            }
            return deterministicLimit();
        }
        return largest(eta -> overshootProbability(eta) <= p);
    }

    /** The largest η in [10⁻¹², 10¹²] where {@code ok} holds, for an {@code ok} that holds below a threshold. */
    static double largest(DoublePredicate ok) {
        double lo = 1e-12, hi = 1e12;
        if (!ok.test(lo)) {
            return 0;
        }
        if (ok.test(hi)) {
            return Double.POSITIVE_INFINITY;
        }
        while (hi / lo > 1 + 1e-12) {
            final double m = Math.sqrt(lo * hi);
            if (m <= lo || m >= hi) {
                break;
            }
            if (ok.test(m)) {
                lo = m;
            } else {
                hi = m;
            }
        }
        return lo;
    }
}
