package org.distsde.sde;

import org.distsde.compress.AgentCompressors;
import org.distsde.compress.SecondMoment;
import org.distsde.noise.AgentNoise;
import org.distsde.noise.NoiseModel;
import org.distsde.objective.Objective;

/**
 * The DCSGD SDE, Eq. 27–28 (Compagnoni et al., AISTATS 2025, Thm. 3.6, as seed 002 states it for
 * any unbiased compressor), when some agent's compressor correlates the coordinates of its
 * message: dXₜ = −∇f dt + √(η/N)·G dWₜ with GGᵀ = Σ̃ = (1/N)Σᵢ(E[ΦᵢΦᵢᵀ] + Σᵢ). For an unbiased C
 * with E[C(v)C(v)ᵀ] = bvvᵀ + (a − b)diag(v²) ({@link org.distsde.compress.SecondMoment.Linear};
 * rand-k: a = d/k, b = d(k − 1)/(k(d − 1))) and coordinate-wise noise (Σᵢ diagonal),
 * Φᵢ = C(∇f + Zᵢ) − (∇f + Zᵢ) has E[ΦᵢΦᵢᵀ] = (bᵢ − 1)(∇f∇fᵀ + Σᵢ) + (aᵢ − bᵢ)diag((∇f)² + diag Σᵢ), so
 * <pre>
 *   Σ̃ = D − γ̄·∇f∇fᵀ,   Dⱼ = (1/N)Σᵢ aᵢΣᵢ,ⱼⱼ + (a − b)‾·(∂ⱼf)²,   γ̄ = (1/N)Σᵢ(1 − bᵢ),
 * </pre>
 * a diagonal minus a rank-one matrix, whose square root {@link RankOneRoot} writes in O(d) per
 * point: noise dimension d, no Cholesky. With every bᵢ = 1 this is {@link DcsgdSde}'s
 * diagonal Σ̃ⱼⱼ = (1/N)Σᵢ[ωᵢ((∂ⱼf)² + Σᵢ,ⱼⱼ) + Σᵢ,ⱼⱼ] (aᵢ = 1 + ωᵢ), which stays the SDE of those
 * compressors. The averages are streamed over the agents (once when homogeneous).
 */
public final class DcsgdMatrixSde implements MatrixSde {
    private static final long serialVersionUID = 1L;
    private final Objective f;
    private final int d;
    private final double scale;
    /** (1/N)Σ aᵢΣᵢ,ⱼⱼ = A0ⱼ + A1ⱼ‖∇f‖². */
    private final double[] a0, a1;
    /** (a − b)‾ and γ̄ = (1/N)Σ(1 − bᵢ). */
    private final double excess, gamma;

    /**
     * @param f      the objective
     * @param eta    η
     * @param noises the agents' coordinate-wise noise (N = {@code noises.agents()})
     * @param comps  the agents' unbiased compressors with linear second moments
     */
    public DcsgdMatrixSde(Objective f, double eta, AgentNoise noises, AgentCompressors comps) {
        this.f = f;
        this.d = f.dim();
        final int n = noises.agents();
        this.scale = Math.sqrt(eta / n);
        this.a0 = new double[d];
        this.a1 = new double[d];
        final double[] z = new double[d], s = new double[d];
        final boolean one = noises.homogeneous() && comps.homogeneous();
        final NoiseModel shared = noises.homogeneous() ? noises.of(0) : null;
        double e = 0, g = 0;
        for (int i = 0; i < (one ? 1 : n); i++) {
            final double w = one ? 1 : 1.0 / n;
            AverageCovariance.affine(shared != null ? shared : noises.of(i), d, z, s);
            final SecondMoment.Linear m = CompressionTerm.linear(comps.of(i), d);
            for (int j = 0; j < d; j++) {
                a0[j] += w * m.diagonal() * z[j];
                a1[j] += w * m.diagonal() * s[j];
            }
            e += w * (m.diagonal() - m.offDiagonal());
            g += w * (1 - m.offDiagonal());
        }
        this.excess = e;
        this.gamma = g;
    }

    @Override public int dim() { return d; }
    @Override public int noiseDim() { return d; }
    @Override public int stateDim() { return RankOneRoot.size(d); }

    @Override
    public void matrixCoefficients(double[] x, int n, double[] drift, double[] state, double[] gn2) {
        f.gradients(x, n, drift, gn2);
        final int sd = stateDim();
        for (int i = 0; i < n; i++) {
            final int o = i * d, so = i * sd;
            final double g2 = gn2[i];
            for (int j = 0; j < d; j++) {
                final double gj = drift[o + j];
                state[so + j] = a0[j] + a1[j] * g2 + excess * gj * gj; // Dⱼ
            }
            RankOneRoot.prepare(state, so, d, drift, o, gamma);           // √(D − γ̄∇f∇fᵀ)
        }
        final int nd = n * d;
        for (int q = 0; q < nd; q++) {
            drift[q] = -drift[q]; // Eq. 27: drift −∇f
        }
    }

    @Override
    public void step(double[] x, int n, double[] fac, double[] drift, double[] state, double[] inc, int incOff,
                     double dt) {
        final int sd = stateDim();
        for (int i = 0; i < n; i++) {
            final int o = i * d;
            final double e = fac[i];
            for (int j = 0; j < d; j++) {
                x[o + j] += e * drift[o + j] * dt;
            }
            RankOneRoot.apply(state, i * sd, d, inc, incOff + i * d, e * scale, x, o); // e·√(η/N)·G ΔW
        }
    }

    /** (η/N)·Σ̃(x) (Eq. 28) as a dense d×d array, from its definition (for tests). */
    public double[] covariance(double[] x, int off) {
        final double[] g = new double[d];
        final double g2 = f.gradient(x, off, g, 0);
        final double[] c = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                final double diag = j == k ? a0[j] + a1[j] * g2 + excess * g[j] * g[j] : 0;
                c[j * d + k] = scale * scale * (diag - gamma * g[j] * g[k]);
            }
        }
        return c;
    }

    @Override
    public void drift(double[] x, int off, double[] out, int ooff) {
        GradientSde.minusGradient(f, x, off, out, ooff);
    }

    @Override
    public String describe() {
        return "dcsgd-sde(Eq. 27-28, diffusion sqrt(D - " + gamma + " grad f grad f^T), " + f.describe() + ")";
    }
}
