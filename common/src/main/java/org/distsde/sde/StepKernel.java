package org.distsde.sde;

/**
 * The flat loops of the SDE engine's step ({@link SdeSimulation}) that C2 does not vectorise on its
 * own (a loop over many arrays, a test with NaN semantics) in two implementations that return the
 * same bits: plain Java ({@link PlainSteps}) and the Vector API ({@link StepKernels}
 * picks one, as the Gaussians' kernels are picked). Every method is element by element: element q's
 * result depends on the inputs at q only, by the same operations in the same order as the plain
 * code. Stateless and thread-safe.
 */
interface StepKernel {
    /**
     * Whether some path of a block is diverging: some val[p] − f* is not ≤ threshold (NaN
     * included) or some g2[p] is not finite — the engine's test before it looks path by path.
     */
    boolean diverging(double[] val, double[] g2, int n, double fStar, double threshold);

    /**
     * The time integrals and the Euler–Maruyama step of n paths with d = 1 (Algorithm 1): with
     * e = mask[p]·(lr[p]/η) — or, when {@code uniform}, every lr[p] being lr[0], e = mask[p]·(lr[0]/η)
     * with one division — φ₁ += e·Δt, φ₂ += e²·Δt, I₁ += e·‖∇f‖²·Δt, I₂ += e²·‖∇f‖²·Δt (left
     * Riemann sums, in that order of operations) and x += e·(drift·Δt + diff·inc[incOff + p]).
     */
    void advance(int n, double[] x, double[] drift, double[] diff, double[] inc, int incOff, double[] mask,
                 double[] lr, double eta, boolean uniform, double[] gn2, double[] phi1, double[] phi2, double[] i1,
                 double[] i2, double dt);

    /** A short name for logs and benchmarks. */
    String name();
}
