package org.distsde.sde;

/**
 * An SDE whose diffusion is a full d×m matrix G(x) (non-diagonal noise covariance), in the ηηₜ
 * parametrisation of {@link Sde}:
 * <pre>
 *   dXₜ = νₜ ηₜ ( a(Xₜ) dt + G(Xₜ) dWₜ ),    G Gᵀ = (η/N)·Σ̄(x),  W m-dimensional
 * </pre>
 * Any G with GGᵀ = (η/N)Σ̄ gives the same law; implementations pick the cheapest (a Cholesky
 * factor, or the columns of independent Gaussian parts side by side).
 *
 * <p>The engine ({@link SdeSimulation}, {@link EulerMaruyama#integrate}) draws m-dimensional
 * Brownian increments for such an SDE and, per step, calls {@link #matrixCoefficients} (drift and
 * whatever per-point values the diffusion needs: its <em>state</em>, {@link #stateDim()} values
 * per point) and then {@link #step}. The diagonal-SDE methods of {@link Sde} are the marginals:
 * {@link #diffusion} gives √(GGᵀ)ⱼⱼ. Implementations are immutable and thread-safe.
 */
public interface MatrixSde extends Sde {
    /** m, the dimension of the Brownian motion. */
    int noiseDim();

    /** Values per point that {@link #matrixCoefficients} stores for {@link #step}. */
    int stateDim();

    /**
     * For the n points {@code x[i·d .. (i+1)·d)}: the drift a(x) at the same offsets, the diffusion's
     * state into {@code state[i·S .. (i+1)·S)} (S = {@link #stateDim()}) and ‖∇f‖² into {@code gn2[i]}.
     */
    void matrixCoefficients(double[] x, int n, double[] drift, double[] state, double[] gn2);

    /**
     * The Euler–Maruyama step of the n points (Algorithm 1 with a matrix diffusion):
     * x_i += fac[i]·(a_i·Δt + G_i·ΔW_i), with a_i, G_i from the last {@link #matrixCoefficients}
     * and ΔW_i = {@code inc[incOff + i·m .. incOff + (i+1)·m)}.
     */
    void step(double[] x, int n, double[] fac, double[] drift, double[] state, double[] inc, int incOff, double dt);

    /**
     * G(x) at one point as a dense row-major d×m array, by applying {@link #step} to the unit
     * increments (Δt = 0): exactly the matrix the integration uses (for tests and diagnostics).
     */
    default double[] diffusionMatrix(double[] x, int off) {
        final int d = dim(), m = noiseDim();
        final double[] p = java.util.Arrays.copyOfRange(x, off, off + d);
        final double[] drift = new double[d], state = new double[stateDim()], gn2 = new double[1];
        matrixCoefficients(p, 1, drift, state, gn2);
        final double[] g = new double[d * m], y = new double[d], e = new double[m], one = {1};
        for (int q = 0; q < m; q++) {
            java.util.Arrays.fill(y, 0);
            e[q] = 1;
            step(y, 1, one, drift, state, e, 0, 0);
            e[q] = 0;
            for (int j = 0; j < d; j++) {
                g[j * m + q] = y[j];
            }
        }
        return g;
    }

    /** The marginal standard deviations √(GGᵀ)ⱼⱼ. */
    @Override
    default void diffusion(double[] x, int off, double[] out, int ooff) {
        final int d = dim(), m = noiseDim();
        final double[] g = diffusionMatrix(x, off);
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int q = 0; q < m; q++) {
                s += g[j * m + q] * g[j * m + q];
            }
            out[ooff + j] = Math.sqrt(s);
        }
    }
}
