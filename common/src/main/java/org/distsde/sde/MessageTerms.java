package org.distsde.sde;

import java.io.Serializable;
import org.distsde.compress.AgentCompressors;
import org.distsde.compress.SecondMoment;
import org.distsde.noise.AgentNoise;

/**
 * What the covariance of agent i's compressed message needs, per agent: its noise variances
 * Σᵢ,ⱼⱼ(x) = v0ᵢⱼ + slopeᵢⱼ‖∇f(x)‖² (coordinate-wise noise, affine in ‖∇f‖²; see
 * {@link AverageCovariance}) and its compressor's second moment (aᵢ, bᵢ),
 * E[C(v)C(v)ᵀ] = bᵢvvᵀ + (aᵢ − bᵢ)diag(v²) (unbiased; {@link CompressionTerm#linear}). For a message
 * ξ = C(u + Z) − u with u fixed and Z ~ (0, Σᵢ) diagonal, E ξξᵀ = Σᵢ + (bᵢ − 1)(uuᵀ + Σᵢ)
 * + (aᵢ − bᵢ)diag(u² + diag Σᵢ) = diag(aᵢΣᵢ,ⱼⱼ + (aᵢ − bᵢ)uⱼ²) − (1 − bᵢ)uuᵀ, the form
 * {@link RankOneRoot} takes. One set of terms when both noise and compressors are homogeneous,
 * else one per agent (N·d values).
 */
final class MessageTerms implements Serializable {
    private static final long serialVersionUID = 1L;
    final int d;
    final int agents;
    /** 1 (homogeneous) or N. */
    final int sets;
    final double[] v0, slope; // [set·d + j]
    final double[] a, b;      // [set]

    MessageTerms(AgentNoise noises, AgentCompressors comps, int d) {
        this.d = d;
        this.agents = noises.agents();
        this.sets = noises.homogeneous() && comps.homogeneous() ? 1 : agents;
        this.v0 = new double[sets * d];
        this.slope = new double[sets * d];
        this.a = new double[sets];
        this.b = new double[sets];
        final double[] z = new double[d], s = new double[d];
        for (int i = 0; i < sets; i++) {
            AverageCovariance.affine(noises.of(i), d, z, s);
            System.arraycopy(z, 0, v0, i * d, d);
            System.arraycopy(s, 0, slope, i * d, d);
            final SecondMoment.Linear m = CompressionTerm.linear(comps.of(i), d);
            a[i] = m.diagonal();
            b[i] = m.offDiagonal();
        }
    }

    /** The set of agent i. */
    int set(int i) {
        return sets == 1 ? 0 : i;
    }

    /**
     * The diagonal D of agent i's message covariance at shift residual u (d values at
     * {@code u[uo ..)}) and ‖∇f‖² = gn2, into {@code out[oo ..)}: Dⱼ = aᵢΣᵢ,ⱼⱼ + (aᵢ − bᵢ)uⱼ².
     */
    void diagonal(int i, double[] u, int uo, double gn2, double[] out, int oo) {
        final int s = set(i), so = s * d;
        final double ai = a[s], e = a[s] - b[s];
        for (int j = 0; j < d; j++) {
            final double uj = u[uo + j];
            out[oo + j] = ai * (v0[so + j] + slope[so + j] * gn2) + e * uj * uj;
        }
    }

    /** γᵢ = 1 − bᵢ, the rank-one part's weight. */
    double gamma(int i) {
        return 1 - b[set(i)];
    }
}
