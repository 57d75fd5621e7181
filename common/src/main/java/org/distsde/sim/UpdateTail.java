package org.distsde.sim;

import org.distsde.stats.Largest;

/**
 * The tail index of a round's aggregated update, (1/N)Σᵢ mᵢ: Hill's estimator over the
 * magnitudes |uⱼ| of every coordinate of every alive run, pooled (n = R·d values, k = ⌊√n⌋;
 * {@link org.distsde.stats.HillEstimator}). Not centred: near a minimum ∇f is small against the
 * noise, and a shift does not change a power tail. Averaging N Cauchy agents stays Cauchy (index
 * ≈ 1 at every N); the sign aggregate is bounded (|uⱼ| ≤ 1), so it has no power tail — its Hill
 * value grows with n, and it is NaN when the largest magnitudes tie (N = 1: every |uⱼ| = 1).
 * The scale 1/N does not change the index, so the raw sum Σᵢ mᵢ is used.
 */
public final class UpdateTail {
    private UpdateTail() { }

    /** The largest magnitudes of the sum's coordinates over the alive runs (R·d values). */
    public static Largest of(double[] sum, boolean[] alive, int d) {
        return into(Largest.forHill((long) alive.length * d), sum, alive, d);
    }

    /** Adds the magnitudes of the sum's coordinates over the alive runs to {@code top}. */
    public static Largest into(Largest top, double[] sum, boolean[] alive, int d) {
        for (int r = 0; r < alive.length; r++) {
            if (alive[r]) {
                for (int j = r * d, e = j + d; j < e; j++) {
                    final double a = Math.abs(sum[j]);
                    if (a == a) { // a NaN coordinate is left out (its run diverges next round)
                        top.add(a);
                    }
                }
            }
        }
        return top;
    }
}
