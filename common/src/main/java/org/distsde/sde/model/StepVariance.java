package org.distsde.sde.model;

import java.io.Serializable;

/**
 * The diagonal of the covariance of one agent-averaged message of DSGD / DCSGD, per coordinate:
 * <pre>
 *   Σ̃ⱼⱼ(x) = aⱼ + bⱼ‖∇f(x)‖² + ω̄·(∂ⱼf(x))²
 * </pre>
 * the diagonal of Eq. 28 (Eq. 8 when ω̄ = 0) for noise whose covariance is affine in ‖∇f‖²
 * (Definition 2; Student-t with ν &gt; 2) and a compressor whose extra covariance is
 * ω·diag(v²) (random sparsification, seeds README): aⱼ = (1/N)Σᵢ(1 + ωᵢ)Σᵢ,ⱼⱼ(0), bⱼ its slope
 * in ‖∇f‖², ω̄ = (1/N)Σᵢωᵢ. One step of the optimizer with learning rate lr adds noise of
 * variance lr²·Σ̃ⱼⱼ(x)/N to coordinate j. Immutable.
 *
 * @param a      aⱼ, length d
 * @param b      bⱼ, length d
 * @param omega  ω̄ (0 without compression)
 * @param agents N
 */
public record StepVariance(double[] a, double[] b, double omega, int agents) implements Serializable {
    public StepVariance {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("a and b must have the same length d >= 1");
        }
        for (int j = 0; j < a.length; j++) {
            if (!(a[j] >= 0) || !(b[j] >= 0) || Double.isInfinite(a[j]) || Double.isInfinite(b[j])) {
                throw new IllegalArgumentException("the step covariance must be finite and >= 0 (coordinate " + j
                        + ": a = " + a[j] + ", b = " + b[j] + ")");
            }
        }
        if (!(omega >= 0) || Double.isInfinite(omega)) {
            throw new IllegalArgumentException("omega must be finite and >= 0 (got " + omega + ")");
        }
        if (agents < 1) {
            throw new IllegalArgumentException("agents must be >= 1 (got " + agents + ")");
        }
        a = a.clone();
        b = b.clone();
    }

    /** Dimension d. */
    public int dim() {
        return a.length;
    }

    /** Σ̃ⱼⱼ at ∂ⱼf = gj and ‖∇f‖² = gn2. */
    public double at(int j, double gj, double gn2) {
        return a[j] + b[j] * gn2 + omega * gj * gj;
    }
}
