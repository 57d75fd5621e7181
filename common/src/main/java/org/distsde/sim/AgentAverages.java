package org.distsde.sim;

import java.io.Serializable;
import org.distsde.compress.Compression;
import org.distsde.noise.CorrelatedGaussianNoise;
import org.distsde.noise.GaussianNoise;
import org.distsde.noise.NoiseModel;
import org.distsde.noise.StableNoise;
import org.distsde.noise.StudentTNoise;

/**
 * The agent averages the theorems use (Theorems 4–7): σ̄0² = (1/N)Σσ0ᵢ², σ̄1² = (1/N)Σσ1ᵢ²,
 * ω̄, the cross terms σ̄0²ω, σ̄1²ω, and σ_H,1, the harmonic mean of the σ_max,ᵢ; ωᵢ is the agent's
 * compressor's ({@link Compression#omega()}: NaN for a biased compressor, which makes the ω terms
 * NaN and {@link #unbiased()} false). Built by
 * streaming over the agents (O(1) memory in N). For Student-t noise with ν > 2 the covariance is
 * σ²ν/(ν−2)·I, i.e. bounded variance σ0² = max σⱼ²ν/(ν−2), σ1² = 0; with ν ≤ 2 it is infinite
 * and {@link #finiteVariance()} is false (Theorems 4–6 do not apply). Symmetric α-stable noise
 * likewise: 2σ²I at α = 2, infinite for α &lt; 2.
 *
 * <p>Full-covariance Gaussian noise Σᵢ = sᵢ²C: σ0ᵢ², σ1ᵢ² carry max_j C_jj, Definition 2's
 * ‖Σᵢ(x)‖_∞ ≤ σ0ᵢ² + σ1ᵢ²‖∇f‖² read entrywise, as Theorem 10 prints it ("max(Σᵢ(x))"): the
 * largest entry, which for a PSD matrix is a diagonal one. The paper states no Loewner bound
 * Σᵢ ⪯ c·I, so λ_max(C) is not what it assumes (nor the induced ∞-norm, max row sum, a reading
 * its diagonal setting cannot tell apart). This is the constant diagonal noise gets (its largest
 * per-coordinate variance). The proofs use only the trace (Eq. 11–13, 31–34:
 * Tr(∇²f Σ̃) ≤ (L0 + L1‖∇f‖)·tr Σ̃ ≤ (L0 + L1‖∇f‖)·d·(σ̄0² + σ̄1²‖∇f‖²)), for which
 * tr(C)/d ≤ max_j C_jj would suffice: the theorem checks state both, and λ_max(C)
 * ({@code TheoremChecker}). σ_max,ᵢ of Theorem 7 is the largest marginal scale σ0ᵢ·√(max_j C_jj).
 */
public final class AgentAverages implements Serializable {
    private static final long serialVersionUID = 1L;
    private long n;
    private double s0, s1, om, s0om, s1om, invSigmaMax;
    private boolean finite = true;
    private boolean unbiased = true;

    /** Adds one agent without compression (ω = 0). */
    public AgentAverages add(NoiseModel noise) {
        return add(noise, new Compression.Unbiased(0));
    }

    /** Adds one agent whose compressor is of class {@code c}. */
    public AgentAverages add(NoiseModel noise, Compression c) {
        double a, b;
        double sigmaMax;
        if (noise instanceof GaussianNoise g) {
            a = g.sigma0Sq();
            b = g.sigma1Sq();
            sigmaMax = Math.sqrt(a); // only meaningful for bounded variance
        } else if (noise instanceof CorrelatedGaussianNoise g) { // Definition 2: σ0ᵢ²·max_j C_jj, σ1ᵢ²·max_j C_jj
            a = g.sigma0Sq();
            b = g.sigma1Sq();
            sigmaMax = Math.sqrt(a);
        } else if (noise instanceof StudentTNoise t) {
            sigmaMax = t.sigmaMax();
            final double v = t.standardVariance();
            if (Double.isInfinite(v)) {
                finite = false;
                a = Double.POSITIVE_INFINITY;
            } else {
                a = sigmaMax * sigmaMax * v;
            }
            b = 0;
        } else if (noise instanceof StableNoise s) { // Σ = 2σ²I at α = 2, infinite for α < 2
            sigmaMax = s.sigmaMax();
            final double v = s.standardVariance();
            if (Double.isInfinite(v)) {
                finite = false;
                a = Double.POSITIVE_INFINITY;
            } else {
                a = sigmaMax * sigmaMax * v;
            }
            b = 0;
        } else {
            throw new IllegalArgumentException("unknown noise model " + noise.describe());
        }
        final double w = c.omega();
        unbiased &= c instanceof Compression.Unbiased;
        n++;
        s0 += a;
        s1 += b;
        om += w;
        s0om += a * w;
        s1om += b * w;
        invSigmaMax += 1 / sigmaMax;
        return this;
    }

    /**
     * Averages given directly rather than streamed from noise models (constants fitted from data,
     * e.g. {@code fit/}): the N-agent means σ̄0², σ̄1², ω̄, σ̄0²ω, σ̄1²ω and the harmonic mean σ_H,1.
     * The variance is finite when σ̄0² is.
     */
    public static AgentAverages ofMeans(long agents, double sigma0Sq, double sigma1Sq, double omega,
                                        double sigma0SqOmega, double sigma1SqOmega, double sigmaHarmonic) {
        if (agents < 1) {
            throw new IllegalArgumentException("agents must be >= 1 (got " + agents + ")");
        }
        final AgentAverages a = new AgentAverages();
        a.n = agents;
        a.s0 = sigma0Sq * agents;
        a.s1 = sigma1Sq * agents;
        a.om = omega * agents;
        a.s0om = sigma0SqOmega * agents;
        a.s1om = sigma1SqOmega * agents;
        a.invSigmaMax = agents / sigmaHarmonic;
        a.finite = Double.isFinite(sigma0Sq) && Double.isFinite(sigma1Sq);
        return a;
    }

    /** Merges another partial average (for tree aggregation). */
    public AgentAverages merge(AgentAverages o) {
        n += o.n; s0 += o.s0; s1 += o.s1; om += o.om; s0om += o.s0om; s1om += o.s1om;
        invSigmaMax += o.invSigmaMax;
        finite &= o.finite;
        unbiased &= o.unbiased;
        return this;
    }

    public long agents() { return n; }
    public double sigma0Sq() { return s0 / n; }
    public double sigma1Sq() { return s1 / n; }
    public double omega() { return om / n; }
    public double sigma0SqOmega() { return s0om / n; }
    public double sigma1SqOmega() { return s1om / n; }
    public boolean finiteVariance() { return finite; }

    /** True when every agent's compressor is unbiased (ω defined). */
    public boolean unbiased() { return unbiased; }

    /** σ_H,1 of Theorem 7: N / Σᵢ 1/σ_max,ᵢ. */
    public double sigmaHarmonic() { return n / invSigmaMax; }
}
