package org.distsde.objective;

import java.io.Serializable;

/**
 * A smooth objective f: R^d → R with a known minimum value f*.
 *
 * <p>Points are slices {@code x[off .. off+d)} of flat arrays, so that the iterates of many
 * Monte Carlo runs live in one {@code double[]} and nothing is allocated per evaluation.
 * Implementations are immutable and thread-safe.
 */
public interface Objective extends Serializable {
    /** Dimension d. */
    int dim();

    /** f(x). */
    double value(double[] x, int off);

    /** Writes ∇f(x) into {@code g[goff .. goff+d)} and returns ‖∇f(x)‖₂². */
    double gradient(double[] x, int off, double[] g, int goff);

    /**
     * Block form of {@link #value}: f at the n points {@code x[i·d .. (i+1)·d)}, i &lt; n, into
     * {@code out[i]}. The default loops over {@link #value}; the shipped objectives override it
     * with loops the JIT can vectorise: the same arithmetic as the per-point form, except that for
     * d ≥ 16 the sum over coordinates may use four partial sums (equal up to rounding).
     */
    default void values(double[] x, int n, double[] out) {
        final int d = dim();
        for (int i = 0; i < n; i++) {
            out[i] = value(x, i * d);
        }
    }

    /**
     * Block form of {@link #gradient}: ∇f at the n points {@code x[i·d .. (i+1)·d)} into
     * {@code g[i·d .. (i+1)·d)} and ‖∇f‖² into {@code gn2[i]}. The default loops over
     * {@link #gradient}; overrides compute the same gradient, and ‖∇f‖² equal up to rounding (for
     * d ≥ 16 summed in four partial sums).
     */
    default void gradients(double[] x, int n, double[] g, double[] gn2) {
        final int d = dim();
        for (int i = 0; i < n; i++) {
            gn2[i] = gradient(x, i * d, g, i * d);
        }
    }

    /** Spectral norm ‖∇²f(x)‖₂ (used by the sampled check of Definition 1). */
    double hessianNorm(double[] x, int off);

    /** f* = inf f. */
    double minValue();

    /** A valid (L0, L1) pair of Definition 1 when one is known in closed form, else null. */
    Smoothness smoothness();

    /**
     * True when f(x) = Σⱼ fⱼ(xⱼ): ∂ⱼf depends on xⱼ only and the Hessian is diagonal (the
     * curvature-corrected SDE then measures the curvature of each coordinate on its own).
     */
    default boolean separable() {
        return false;
    }

    /**
     * The Hessian's diagonal ∂ⱼ²f(x) into {@code out[ooff .. ooff+d)} (for a separable f the whole
     * Hessian). The default takes central differences of the gradient, coordinate by coordinate.
     */
    default void hessianDiagonal(double[] x, int off, double[] out, int ooff) {
        final int d = dim();
        final double[] p = java.util.Arrays.copyOfRange(x, off, off + d), gu = new double[d], gd = new double[d];
        for (int j = 0; j < d; j++) {
            final double xj = p[j], e = 1e-5 * Math.max(1, Math.abs(xj));
            p[j] = xj + e;
            gradient(p, 0, gu, 0);
            p[j] = xj - e;
            gradient(p, 0, gd, 0);
            p[j] = xj;
            out[ooff + j] = (gu[j] - gd[j]) / (2 * e);
        }
    }

    /** Short human-readable name, e.g. {@code quartic(d=1)}. */
    String describe();
}
