package org.distsde.compress;

import java.io.Serializable;

/**
 * The second moment E[C(v)C(v)ᵀ] of a compressor as a function of v, in the form the Gaussian
 * SDEs and the theorem constants use, or a stated absence of one.
 *
 * <p>{@link Linear}: E[C(v)ⱼC(v)ₖ] = a·vⱼ² for j = k and b·vⱼvₖ for j ≠ k (random sparsification:
 * a = 1/p, b = 1; rand-k: a = d/k, b = d(k − 1)/(k(d − 1)); the identity: a = b = 1). Being linear
 * in vvᵀ, its expectation over a noisy v = ∇f + Z (E[vvᵀ] = ∇f∇fᵀ + Σ) is closed-form: with
 * Φ = C(v) − v for an unbiased C (seed 002, Eq. 27–28),
 * <pre>
 *   E[ΦΦᵀ] = (b − 1)(∇f∇fᵀ + Σ) + (a − b)·diag((∇f)² + diag Σ),
 * </pre>
 * which is ω·diag((∇f)² + diag Σ) for random sparsification (a − 1 = ω, b = 1; seeds README).
 *
 * <p>{@link None}: no such form (e.g. QSGD, whose second moment involves ‖v‖·|vⱼ|; biased
 * compressors): an SDE that needs one refuses the compressor with {@link None#reason()}.
 */
public sealed interface SecondMoment extends Serializable {
    /**
     * E[C(v)C(v)ᵀ] = b·vvᵀ + (a − b)·diag(v²).
     *
     * @param diagonal    a
     * @param offDiagonal b
     */
    record Linear(double diagonal, double offDiagonal) implements SecondMoment {
        /** a − 1: the factor of diag((∇f)² + diag Σ) in E[ΦΦᵀ] when b = 1 (ω for an unbiased compressor). */
        public double diagonalExcess() {
            return diagonal - 1;
        }

        /** True when E[ΦΦᵀ] is diagonal (b = 1): the compressor acts on the coordinates independently in the mean square. */
        public boolean diagonalOnly() {
            return offDiagonal == 1;
        }
    }

    /** No second moment linear in vvᵀ; {@code reason} says why, in one line. */
    record None(String reason) implements SecondMoment { }
}
