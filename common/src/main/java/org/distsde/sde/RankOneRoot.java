package org.distsde.sde;

/**
 * A square root of S = D − γ·uuᵀ (D diagonal, positive semi-definite S) in O(d): the message
 * covariance of an unbiased compressor with second moment E[C(v)C(v)ᵀ] = b·vvᵀ + (a − b)·diag(v²)
 * has this form, γ = 1 − b (rand-k: the coordinates compete for the k places). With
 * w = D^{−1/2}u (wⱼ = 0 where Dⱼ = 0, which forces uⱼ = 0 for a covariance),
 * <pre>
 *   S = D^{1/2}(I − γ wwᵀ)D^{1/2},   (I + c·wwᵀ)² = I + (2c + c²‖w‖²)wwᵀ,
 * </pre>
 * so G = D^{1/2}(I + c·wwᵀ) with c = (√(1 − γ‖w‖²) − 1)/‖w‖² = −γ/(1 + √(1 − γ‖w‖²)) (the
 * second form has no cancellation, and is −γ/2 at w = 0) satisfies GGᵀ = S: no factorisation per
 * point. 1 − γ‖w‖² ≥ 0 holds for a covariance; rounding
 * below 0 is clamped.
 *
 * <p>Layout of one factor in a state array at offset o: √D (d values), w (d values), c (1 value):
 * {@link #size}(d) = 2d + 1.
 */
final class RankOneRoot {
    private RankOneRoot() { }

    /** Values one factor takes in a state array. */
    static int size(int d) {
        return 2 * d + 1;
    }

    /**
     * Writes the factor of D − γuuᵀ at {@code st[o ..)}, with Dⱼ given in {@code st[o + j]} on entry
     * (replaced by √Dⱼ) and u at {@code u[uo ..)}.
     */
    static void prepare(double[] st, int o, int d, double[] u, int uo, double gamma) {
        double w2 = 0;
        for (int j = 0; j < d; j++) {
            final double dj = Math.max(0, st[o + j]);
            final double r = Math.sqrt(dj);
            final double wj = dj > 0 ? u[uo + j] / r : 0;
            st[o + j] = r;
            st[o + d + j] = wj;
            w2 += wj * wj;
        }
        st[o + 2 * d] = -gamma / (1 + Math.sqrt(Math.max(0, 1 - gamma * w2)));
    }

    /**
     * Adds {@code scale}·G z to {@code out[oo ..)}, z at {@code z[zo ..)}: scale·√D ⊙ (z + c·w(w·z)).
     */
    static void apply(double[] st, int o, int d, double[] z, int zo, double scale, double[] out, int oo) {
        final double c = st[o + 2 * d];
        double wz = 0;
        for (int j = 0; j < d; j++) {
            wz += st[o + d + j] * z[zo + j];
        }
        final double cw = c * wz;
        for (int j = 0; j < d; j++) {
            out[oo + j] += scale * st[o + j] * (z[zo + j] + cw * st[o + d + j]);
        }
    }
}
