package org.distsde.sde;

import org.apache.commons.numbers.gamma.Erf;
import org.distsde.noise.Correlation;
import org.distsde.numeric.BivariateNormal;
import org.distsde.numeric.Cholesky;
import org.distsde.objective.Objective;

/**
 * The DSignSGD SDE, Eq. 49–50, with full-covariance Gaussian noise Zᵢ ~ N(0, sᵢ²C),
 * sᵢ² = fᵢ²(σ0² + σ1²‖∇f‖²). With Yᵢ = ∇f + Zᵢ and aᵢⱼ = ∂ⱼf/(sᵢ√C_jj) (so P(Yᵢⱼ &gt; 0) = Φ(aᵢⱼ)):
 * <ul>
 * <li>drift −(1/N)Σᵢ eᵢⱼ, eᵢⱼ = E[sign Yᵢⱼ] = erf(aᵢⱼ/√2): only the marginals enter, as for
 *     independent noise (Eq. 49);</li>
 * <li>diffusion G = √(η/N)·L with LLᵀ = Σ̄ = (1/N)Σᵢ Σ̄ᵢ (Eq. 50), Σ̄ᵢ = Cov(sign Yᵢ):
 *     (Σ̄ᵢ)ⱼⱼ = 1 − eᵢⱼ² and, for j ≠ k, E[sign Yⱼ sign Yₖ] − eⱼeₖ with
 *     E[sign Yⱼ sign Yₖ] = 4Φ₂(aⱼ, aₖ; ρⱼₖ) − 2Φ(aⱼ) − 2Φ(aₖ) + 1, ρⱼₖ = C_jk/√(C_jj C_kk), i.e.
 *     (Σ̄ᵢ)ⱼₖ = 4(Φ₂(aⱼ, aₖ; ρⱼₖ) − Φ(aⱼ)Φ(aₖ)) ({@link BivariateNormal}, Genz's method).</li>
 * </ul>
 * Σ̄ is only positive semidefinite (a nearly certain sign has a nearly zero row), so L is the
 * Cholesky factor with zero pivots of {@link Cholesky#semidefinite} (pivots below 1e-12·max Σ̄ⱼⱼ
 * are dropped with their column: entries exact to about 1e-6·max Σ̄ⱼⱼ). A coordinate whose
 * marginal scale is 0 has a certain sign: eⱼ = sign(∂ⱼf) and no covariance with the others.
 *
 * <p>Cost per point and step: (distinct agents)·d(d − 1)/2 evaluations of Φ₂ (each 12 to 40
 * exponentials; the ρ-dependent factors are precomputed per pair) and a d³/6 factorisation; the
 * step is O(d²/2) per path. Meant for small d (tens of coordinates). The per-pair tables hold
 * O(d²) doubles.
 */
public final class CorrelatedSignSde implements MatrixSde {
    private static final long serialVersionUID = 1L;
    private static final double PIVOT_TOL = 1e-12;
    private final Objective f;
    private final int d;
    private final double scale;
    private final double s0sq, s1sq;
    /** The agents' factors fᵢ: one entry when the noise is homogeneous. */
    private final double[] factors;
    private final double[] sqrtDiag;
    /** Φ₂ at ρⱼₖ for j &gt; k, index j(j − 1)/2 + k. */
    private final BivariateNormal[] pairs;

    /**
     * @param f       the objective
     * @param eta     η
     * @param corr    the correlation structure C of dimension d
     * @param sigma0  σ0 (one value; Σᵢ = fᵢ²(σ0² + σ1²‖∇f‖²)C)
     * @param sigma1  σ1
     * @param factors the agents' factors fᵢ, N of them, or one when every agent has the same
     * @param agents  N
     */
    public CorrelatedSignSde(Objective f, double eta, Correlation corr, double sigma0, double sigma1, double[] factors,
                             int agents) {
        this.f = f;
        this.d = f.dim();
        this.scale = Math.sqrt(eta / agents);
        if (corr == null || corr.dim() != d) {
            throw new IllegalArgumentException("CorrelatedSignSde needs noise.correlation or noise.lowRank of dimension " + d);
        }
        this.s0sq = sigma0 * sigma0;
        this.s1sq = sigma1 * sigma1;
        this.factors = factors.clone();
        this.sqrtDiag = new double[d];
        for (int j = 0; j < d; j++) {
            sqrtDiag[j] = Math.sqrt(corr.diagonal(j));
        }
        this.pairs = new BivariateNormal[d * (d - 1) / 2];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < j; k++) {
                final double den = sqrtDiag[j] * sqrtDiag[k];
                if (den > 0) {
                    final double rho = Math.max(-1, Math.min(1, corr.entry(j, k) / den));
                    pairs[j * (j - 1) / 2 + k] = BivariateNormal.of(rho);
                }
            }
        }
    }

    @Override public int dim() { return d; }

    @Override public int noiseDim() { return d; }

    /** The packed factor √(η/N)·L of Σ̄. */
    @Override public int stateDim() { return Cholesky.packedLength(d); }

    @Override
    public void matrixCoefficients(double[] x, int n, double[] drift, double[] state, double[] gn2) {
        f.gradients(x, n, drift, gn2);
        final int sd = stateDim(), m = factors.length;
        final double[] cov = new double[d * d], av = new double[d], pv = new double[d], ev = new double[d];
        final double[] mean = new double[d];
        final boolean[] certain = new boolean[d];
        final double w = 1.0 / m, s2 = scale * scale;
        for (int p = 0; p < n; p++) {
            final int o = p * d;
            java.util.Arrays.fill(cov, 0);
            java.util.Arrays.fill(mean, 0);
            final double base = Math.sqrt(s0sq + s1sq * gn2[p]);
            for (int i = 0; i < m; i++) {
                final double s = factors[i] * base;
                for (int j = 0; j < d; j++) {
                    final double g = drift[o + j];
                    final double sj = s * sqrtDiag[j];
                    if (sj > 0) {
                        av[j] = g / sj;
                        pv[j] = BivariateNormal.phi(av[j]);
                        ev[j] = Erf.value(av[j] / Math.sqrt(2)); // Eq. 49: E[sign] = erf(∂ⱼf/(√2 sᵢ√C_jj))
                        certain[j] = false;
                    } else {
                        ev[j] = Math.signum(g);
                        certain[j] = true;
                    }
                    mean[j] += w * ev[j];
                    cov[j * d + j] += w * (1 - ev[j] * ev[j]); // Eq. 50: Var(sign Yⱼ)
                    for (int k = 0; k < j; k++) {
                        if (!certain[j] && !certain[k]) { // E[sign Yⱼ sign Yₖ] − eⱼeₖ = 4(Φ₂ − ΦⱼΦₖ)
                            cov[j * d + k] += w * 4 * (pairs[j * (j - 1) / 2 + k].cdf(av[j], av[k]) - pv[j] * pv[k]);
                        }
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                drift[o + j] = -mean[j]; // Eq. 49
                for (int k = 0; k <= j; k++) {
                    cov[j * d + k] *= s2; // (η/N)·Σ̄
                }
            }
            Cholesky.semidefinite(cov, 0, d, PIVOT_TOL, state, p * sd);
        }
    }

    @Override
    public void step(double[] x, int n, double[] fac, double[] drift, double[] state, double[] inc, int incOff,
                     double dt) {
        final int sd = stateDim();
        for (int i = 0; i < n; i++) {
            final int o = i * d, so = i * sd, w = incOff + i * d;
            final double e = fac[i];
            for (int j = 0; j < d; j++) {
                x[o + j] += e * (drift[o + j] * dt + Cholesky.row(state, so, j, inc, w)); // √(η/N)·L ΔW
            }
        }
    }

    @Override
    public void drift(double[] x, int off, double[] out, int ooff) {
        final double[] p = java.util.Arrays.copyOfRange(x, off, off + d);
        final double[] dr = new double[d];
        matrixCoefficients(p, 1, dr, new double[stateDim()], new double[1]);
        System.arraycopy(dr, 0, out, ooff, d);
    }

    @Override
    public String describe() {
        return "dsignsgd-sde(Eq. 49-50, correlated noise, " + f.describe() + ")";
    }
}
