package org.distsde.sde;

import org.distsde.compress.AgentCompressors;
import org.distsde.noise.Correlation;
import org.distsde.objective.Objective;

/**
 * The DSGD SDE (Eq. 8) and the DCSGD SDE (Eq. 27–28) with full-covariance Gaussian noise
 * Σᵢ(x) = sᵢ(x)²C, sᵢ² = fᵢ²(σ0² + σ1²‖∇f‖²):
 * <ul>
 * <li>Eq. 8: Σ̂ = (1/N)Σᵢ Σᵢ = s̄²C with s̄² = (1/N)Σᵢ sᵢ², so G = √(η/N)·s̄·F (FFᵀ = C: the
 *     Cholesky factor L with a d-dimensional W, or [diag(√D) | U] with a (d + k)-dimensional W
 *     for C = diag(D) + UUᵀ). O(d²/2), resp. O(d·k), per path and step.</li>
 * <li>Eq. 27–28 with a compressor whose second moment is diagonal-linear ({@link CompressionTerm}; random
 *     sparsification): E[ΦᵢΦᵢᵀ] = ωᵢ·diag((∇f)² + diag Σᵢ) (seeds README; the masks are independent
 *     of each other and of Zᵢ, so the compression term stays diagonal even with correlated noise), hence Σ̃ = s̄²C + Δ, Δⱼⱼ = ω̄(∂ⱼf)² + (ωs²)‾·C_jj with
 *     (ωs²)‾ = (1/N)Σᵢ ωᵢsᵢ². Σ̃ is the covariance of a sum of two independent Gaussians, so
 *     G = √(η/N)·[s̄F | √Δ] with W of dimension draws(F) + d: no factorisation per step (a Cholesky
 *     of Σ̃ per point and step would cost O(d³/6)); O(d²/2 + d), resp. O(d·k + d). Without
 *     compression (every ωᵢ = 0) the Δ part is left out and this is Eq. 8.</li>
 * </ul>
 * The drift is −∇f (Eq. 8 / 27).
 */
public final class CorrelatedGradientSde implements MatrixSde {
    private static final long serialVersionUID = 1L;
    private final Objective f;
    private final int d;
    private final double scale;
    private final Correlation corr;
    private final int draws;
    /** s̄² = a + b‖∇f‖². */
    private final double a, b;
    /** ω̄ and (ωs²)‾ = aw + bw‖∇f‖²; {@link #compressed} false when every ωᵢ = 0. */
    private final double omega, aw, bw;
    private final boolean compressed;
    private final double[] cdiag;

    /**
     * @param f       the objective
     * @param eta     η
     * @param agents  N
     * @param corr    the correlation structure C of dimension d (with its factor)
     * @param sigma0  σ0 (one value; Σᵢ = fᵢ²(σ0² + σ1²‖∇f‖²)C)
     * @param sigma1  σ1
     * @param factors the agents' factors fᵢ, N of them, or one when every agent has the same
     * @param comps   the agents' compressors (their Eq. 28 terms ωᵢ, {@link CompressionTerm})
     */
    public CorrelatedGradientSde(Objective f, double eta, int agents, Correlation corr, double sigma0, double sigma1,
                                 double[] factors, AgentCompressors comps) {
        this.f = f;
        this.d = f.dim();
        this.scale = Math.sqrt(eta / agents);
        this.corr = corr;
        if (corr == null || corr.dim() != d) {
            throw new IllegalArgumentException("CorrelatedGradientSde needs noise.correlation or noise.lowRank of dimension " + d);
        }
        this.draws = corr.draws();
        final double s0sq = sigma0 * sigma0, s1sq = sigma1 * sigma1;
        final int n = agents;
        double f2 = 0, wf2 = 0, w = 0;
        if (factors.length == 1 && comps.homogeneous()) {
            final double f0 = factors[0];
            w = CompressionTerm.excess(comps.of(0), d);
            f2 = f0 * f0;
            wf2 = w * f2;
        } else {
            for (int i = 0; i < n; i++) { // streamed over the agents, O(1) memory
                final double fi = factors.length == 1 ? factors[0] : factors[i];
                final double wi = CompressionTerm.excess(comps.of(i), d);
                f2 += fi * fi / n;
                wf2 += wi * fi * fi / n;
                w += wi / n;
            }
        }
        this.a = f2 * s0sq;
        this.b = f2 * s1sq;
        this.omega = w;
        this.aw = wf2 * s0sq;
        this.bw = wf2 * s1sq;
        this.compressed = w > 0;
        this.cdiag = new double[d];
        for (int j = 0; j < d; j++) {
            cdiag[j] = corr.diagonal(j);
        }
    }

    @Override public int dim() { return d; }

    @Override public int noiseDim() { return compressed ? draws + d : draws; }

    /** √(η/N)·s̄, then (compressed) √(η/N)·√Δⱼⱼ for every j. */
    @Override public int stateDim() { return compressed ? 1 + d : 1; }

    @Override
    public void matrixCoefficients(double[] x, int n, double[] drift, double[] state, double[] gn2) {
        f.gradients(x, n, drift, gn2);
        final int sd = stateDim();
        for (int i = 0; i < n; i++) {
            final int o = i * d, so = i * sd;
            final double g2 = gn2[i];
            state[so] = scale * Math.sqrt(a + b * g2); // Eq. 8: √(η/N)·s̄
            if (compressed) {
                final double ws = aw + bw * g2;
                for (int j = 0; j < d; j++) {
                    final double gj = drift[o + j];
                    state[so + 1 + j] = scale * Math.sqrt(omega * gj * gj + ws * cdiag[j]); // Eq. 28, diagonal part
                }
            }
        }
        final int nd = n * d;
        for (int q = 0; q < nd; q++) {
            drift[q] = -drift[q]; // Eq. 8 / 27: drift −∇f
        }
    }

    @Override
    public void step(double[] x, int n, double[] fac, double[] drift, double[] state, double[] inc, int incOff,
                     double dt) {
        final int m = noiseDim(), sd = stateDim();
        for (int i = 0; i < n; i++) {
            final int o = i * d, so = i * sd, w = incOff + i * m;
            final double c = state[so], e = fac[i];
            for (int j = 0; j < d; j++) {
                double noise = c * corr.row(j, inc, w); // √(η/N)s̄·(F ΔW₁)ⱼ
                if (compressed) {
                    noise += state[so + 1 + j] * inc[w + draws + j]; // + √(η/N)√Δⱼⱼ·ΔW₂ⱼ
                }
                x[o + j] += e * (drift[o + j] * dt + noise);
            }
        }
    }

    /** (η/N)·Σ̃(x) (Eq. 8 / 28) as a dense d×d array: the covariance GGᵀ that {@link #step} realises. */
    public double[] covariance(double[] x, int off) {
        final double[] g = new double[d];
        final double g2 = f.gradient(x, off, g, 0);
        final double s2 = a + b * g2, ws = aw + bw * g2;
        final double[] c = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                c[j * d + k] = scale * scale * (s2 * corr.entry(j, k)
                        + (j == k && compressed ? omega * g[j] * g[j] + ws * cdiag[j] : 0));
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
        return (compressed ? "dcsgd-sde(Eq. 27-28, omega=" + omega + ", " : "dsgd-sde(Eq. 8, ") + "correlated "
                + corr.describe() + ", " + f.describe() + ")";
    }
}
