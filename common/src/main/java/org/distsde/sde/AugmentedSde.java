package org.distsde.sde;

/**
 * An SDE whose state carries auxiliary processes besides X — the moments M, V of the adaptive
 * SDEs (seed 000, Eq. 131–132, 169–171) — and whose coefficients depend on time (ι₁(t), ι₂(t)).
 * The engine ({@link SdeSimulation}) evaluates the objective and the step rule on X only, advances
 * X with the coefficients of {@link #coefficients(double, double[], double[], int, double[], double[], double[], double[])}
 * times the time factor lr/η, then the auxiliary state with {@link #advance}; both use the same
 * Brownian increments (one d-dimensional Brownian motion, as in the papers).
 */
public interface AugmentedSde extends Sde {
    /** Auxiliary values per path. */
    int auxDim();

    /** Writes path p's initial auxiliary state into {@code aux[p·auxDim .. (p+1)·auxDim)}. */
    void initAux(double[] aux, int p);

    /**
     * X's drift and diagonal diffusion at time t for the n points of the block, given their
     * auxiliary state; ∇f into {@code grad}, ‖∇f‖² into {@code gn2}.
     */
    void coefficients(double t, double[] x, double[] aux, int n, double[] drift, double[] diff, double[] gn2,
                      double[] grad);

    /**
     * One Euler–Maruyama step of the auxiliary state over dt from the values of the last
     * {@link #coefficients} call (old state), with X's increments {@code inc[incOff + i·d + j]}; a
     * path with mask 0 (diverged) is left unchanged.
     */
    void advance(double t, double[] aux, double[] grad, double[] gn2, int n, double[] inc, int incOff, double dt,
                 double[] mask);
}
