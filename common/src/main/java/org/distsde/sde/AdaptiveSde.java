package org.distsde.sde;

import org.distsde.config.AdaptiveSettings;
import org.distsde.objective.Objective;

/**
 * The SDEs of RMSprop(W) and Adam(W), distributed: the covariance of the server's averaged
 * gradient is Σ̃/N, Σ̃ the agents' average (compressed) covariance of Eq. 8 / 28, written S below.
 * With ρᵢ = (1 − βᵢ)/η and ιᵢ(t) = 1 − e^{−ρᵢt}:
 * <ul>
 * <li>RMSprop(W), seed 000 Eq. 131–132 / 158–159 ({@code full}):
 *     dX = −P⁻¹(∇f dt + √η S^{1/2} dW) − θX dt, dV = ρ₂((∇f)² + diag S − V)dt, P = √V + ε.
 *     Malladi et al. Eq. 228–229 ({@code malladi}): the same without (∇f)² in dV.</li>
 * <li>Adam(W), seed 000 Eq. 169–171 / 219–221 ({@code full}):
 *     dX = −(√ι₂/ι₁)P⁻¹(M + ηρ₁(∇f − M))dt − θX dt, dM = ρ₁(∇f − M)dt + √η ρ₁ S^{1/2} dW,
 *     dV = ρ₂((∇f)² + diag S − V)dt, P = √V + ε√ι₂. Malladi et al. Eq. 233–235 ({@code malladi}):
 *     dX = −(√ι₂/ι₁)P⁻¹M dt, without (∇f)² in dV (θX added for AdamW, as in Theorem C.53's proof).</li>
 * </ul>
 * <b>Start of the dynamics.</b> The theorems hold for t &gt; t₀: at t = 0 with V₀ = 0 the
 * preconditioner is singular (P = ε√ι₂(0) = 0). As the optimizer does (its step at round k uses
 * v_{k+1}, m̂_{k+1} with the corrections 1 − β^{k+1}), the coefficients use the post-update second
 * moment V + ηρ₂(… − V) in P and ιᵢ(t + η): shifts of order η, which keep the weak order 1 and make
 * the first step finite (for both models alike). M₀ = 0 and V₀ = v₀ ({@code adaptive.v0}, default 0),
 * as the optimizer's m₀, v₀.
 * A schedule ηₜ scales X's coefficients only (the moments' rates do not depend on the learning rate).
 */
public final class AdaptiveSde implements AugmentedSde {
    private static final long serialVersionUID = 1L;
    private final Objective f;
    private final int d;
    private final AverageCovariance cov;
    private final double invN;
    private final double eta;
    private final double rho1, rho2, eps, theta;
    private final boolean adam;
    private final boolean malladi;
    private final double[] v0;

    /**
     * @param f       the function whose gradient drives X (f, or the agents' average F̄ when they
     *                send their shards' gradients)
     * @param eta     η
     * @param agents  N
     * @param cov     the agents' average (compressed) covariance S of Eq. 8 / 28
     * @param s       β₁, β₂, ε, θ, bias correction and v₀ in force
     * @param malladi Malladi et al.'s SDEs instead of seed 000's
     */
    public AdaptiveSde(Objective f, double eta, int agents, AverageCovariance cov, AdaptiveSettings s,
                       boolean malladi) {
        this.f = f;
        this.d = f.dim();
        this.cov = cov;
        this.invN = 1.0 / agents;
        this.eta = eta;
        this.adam = s.biasCorrection();
        this.rho1 = s.rho1(eta);
        this.rho2 = s.rho2(eta);
        this.eps = s.epsilon();
        this.theta = s.theta();
        this.malladi = malladi;
        this.v0 = s.v0().clone();
    }

    @Override public int dim() { return d; }

    /** [M (d) | V (d)] per path (M unused by RMSprop). */
    @Override public int auxDim() { return 2 * d; }

    @Override
    public void initAux(double[] aux, int p) {
        java.util.Arrays.fill(aux, p * 2 * d, p * 2 * d + d, 0.0); // M₀ = 0
        System.arraycopy(v0, 0, aux, p * 2 * d + d, d);          // V₀ = v₀
    }

    /** diag S/N at coordinate j: (ω̄(∂ⱼf)² + (1/N)Σᵢ(ωᵢ + 1)Σᵢ,ⱼⱼ)/N (Eq. 28; Eq. 8 without compression). */
    double variance(double gj, int j, double gn2) {
        return (cov.omega * gj * gj + cov.aOmega[j] + cov.bOmega[j] * gn2 + cov.a[j] + cov.b[j] * gn2) * invN;
    }

    @Override
    public void coefficients(double t, double[] x, double[] aux, int n, double[] drift, double[] diff, double[] gn2,
                             double[] grad) {
        f.gradients(x, n, grad, gn2);
        final double te = t + eta;
        final double i1 = -Math.expm1(-rho1 * te);
        final double i2 = -Math.expm1(-rho2 * te);
        final double sqrtI2 = Math.sqrt(i2);
        final double lead = adam ? sqrtI2 / i1 : 1;    // √ι₂/ι₁ (Eq. 169); RMSprop: 1
        final double epsP = adam ? eps * sqrtI2 : eps;  // P = √V + ε√ι₂ (Adam), √V + ε (RMSprop)
        final double sqrtEta = Math.sqrt(eta);
        final double er2 = eta * rho2, er1 = eta * rho1;
        final double gradSq = malladi ? 0 : 1;           // Malladi's dV lacks (∇f)²
        for (int p = 0; p < n; p++) {
            final int o = p * d, a = 2 * p * d;
            final double gp = gn2[p];
            for (int j = 0; j < d; j++) {
                final double g = grad[o + j];
                final double s2 = variance(g, j, gp);
                final double v = aux[a + d + j];
                final double vs = Math.max(0, v + er2 * (gradSq * g * g + s2 - v)); // post-update V
                final double pInv = 1 / (Math.sqrt(vs) + epsP);
                final double xj = x[o + j];
                if (adam) {
                    final double m = aux[a + j];
                    final double mm = malladi ? m : m + er1 * (g - m); // Eq. 169 vs Eq. 233
                    drift[o + j] = -lead * pInv * mm - theta * xj;
                    diff[o + j] = 0;                                   // the noise enters through M
                } else {
                    drift[o + j] = -pInv * g - theta * xj;             // Eq. 131 / 158 / 228
                    diff[o + j] = pInv * sqrtEta * Math.sqrt(s2);
                }
            }
        }
    }

    @Override
    public void advance(double t, double[] aux, double[] grad, double[] gn2, int n, double[] inc, int incOff,
                        double dt, double[] mask) {
        final double gradSq = malladi ? 0 : 1;
        final double noiseM = Math.sqrt(eta) * rho1;
        for (int p = 0; p < n; p++) {
            if (mask[p] == 0) {
                continue;
            }
            final int o = p * d, a = 2 * p * d;
            final double gp = gn2[p];
            for (int j = 0; j < d; j++) {
                final double g = grad[o + j];
                final double s2 = variance(g, j, gp);
                if (adam) { // Eq. 170: dM = ρ₁(∇f − M)dt + √η ρ₁ S^{1/2} dW
                    final double m = aux[a + j];
                    aux[a + j] = m + rho1 * (g - m) * dt + noiseM * Math.sqrt(s2) * inc[incOff + o + j];
                }
                final double v = aux[a + d + j]; // Eq. 132 / 171 (Malladi: Eq. 229 / 235)
                aux[a + d + j] = v + rho2 * (gradSq * g * g + s2 - v) * dt;
            }
        }
    }

    @Override
    public void drift(double[] x, int off, double[] out, int ooff) {
        throw new UnsupportedOperationException("the adaptive SDEs need their moments and time: use the block form");
    }

    @Override
    public void diffusion(double[] x, int off, double[] out, int ooff) {
        throw new UnsupportedOperationException("the adaptive SDEs need their moments and time: use the block form");
    }

    @Override
    public String describe() {
        return (adam ? "adam" : "rmsprop") + (theta > 0 ? "w" : "") + "-sde(" + (malladi ? "Malladi et al., Eq. "
                + (adam ? "233" : "228") : "seed 000, Eq. " + (adam ? "169" : "131")) + ", " + f.describe() + ")";
    }
}
