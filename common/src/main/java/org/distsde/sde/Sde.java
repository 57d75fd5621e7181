package org.distsde.sde;

import java.io.Serializable;

/**
 * A time-homogeneous SDE with diagonal diffusion, in the ηηₜ parametrisation of Section 4:
 * <pre>
 *   dXₜ = νₜ ηₜ ( a(Xₜ) dt + s(Xₜ) dWₜ ),    a = −b,  s = √(η/N) √diag Σ̄
 * </pre>
 * where ηₜ is the scheduler and νₜ the normalization factor of the configuration (1 without
 * normalization). Implementations return the autonomous coefficients a and s; the integrator
 * ({@link EulerMaruyama}) multiplies both by the time factor νₜηₜ = lr/η.
 *
 * <p>Non-diagonal noise covariances (full-covariance Gaussian noise) are {@link MatrixSde}s: a d×m
 * diffusion matrix driven by an m-dimensional Brownian motion; their {@link #diffusion} is the
 * marginal standard deviation.
 *
 * <p>Points and outputs are slices of flat arrays (many paths in one {@code double[]}).
 * Implementations are immutable and thread-safe; they allocate nothing per call.
 */
public interface Sde extends Serializable {
    /** Dimension d. */
    int dim();

    /** Writes the drift a(x) (= −b(x)) into {@code out[ooff .. ooff+d)}. */
    void drift(double[] x, int off, double[] out, int ooff);

    /** Writes the diagonal diffusion s(x) (standard deviations per unit time) into {@code out[ooff .. ooff+d)}. */
    void diffusion(double[] x, int off, double[] out, int ooff);

    /**
     * Writes both coefficients at one point (one gradient evaluation) and returns ‖∇f(x)‖² (NaN
     * for SDEs not attached to an objective). The default calls {@link #drift} and {@link #diffusion}.
     */
    default double coefficients(double[] x, int off, double[] drift, double[] diff, int ooff) {
        drift(x, off, drift, ooff);
        diffusion(x, off, diff, ooff);
        return Double.NaN;
    }

    /**
     * Block form of {@link #coefficients(double[], int, double[], double[], int)} for the n
     * contiguous points {@code x[i·d .. (i+1)·d)}, i &lt; n: drift and diffusion at the same
     * offsets, ‖∇f‖² into {@code gn2[i]}. The default loops over the per-point form; the shipped
     * SDEs override it with array loops (no interface call per point) computing the same values
     * (up to rounding in ‖∇f‖² for d ≥ 16, see {@link org.distsde.objective.Objective#gradients}).
     */
    default void coefficients(double[] x, int n, double[] drift, double[] diff, double[] gn2) {
        final int d = dim();
        for (int i = 0; i < n; i++) {
            gn2[i] = coefficients(x, i * d, drift, diff, i * d);
        }
    }

    /** Short description. */
    String describe();
}
