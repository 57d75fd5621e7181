package org.distsde.sde;

import java.io.Serializable;
import org.distsde.compress.AgentCompressors;
import org.distsde.noise.AgentNoise;
import org.distsde.noise.NoiseModel;
import org.distsde.sde.model.StepVariance;

/**
 * The agent average of the diagonal covariances, Σ̂ⱼⱼ(x) = (1/N)Σᵢ Σᵢ,ⱼⱼ(x), and of ωᵢΣᵢ,ⱼⱼ(x), with ωᵢ
 * the factor of agent i's compressor in Eq. 28's E[ΦᵢΦᵢᵀ] = ωᵢ·diag((∇f)² + diag Σᵢ)
 * ({@link CompressionTerm}, from the compressor's second moment).
 *
 * <p>Every noise model here has Σᵢ,ⱼⱼ affine in ‖∇f(x)‖² (Gaussian: σ0ⱼ² + σ1ⱼ²‖∇f‖², Definition 2;
 * Student-t with ν &gt; 2: σⱼ²ν/(ν−2)), so the averages reduce to per-coordinate coefficients
 * Aⱼ + Bⱼ‖∇f‖², computed once by streaming over the agents (once only when the noise is
 * homogeneous). Affinity is verified at a third point for every distinct agent model.
 */
public final class AverageCovariance implements Serializable {
    private static final long serialVersionUID = 1L;
    final double[] a;      // (1/N)Σ Σᵢ,ⱼⱼ at ‖∇f‖² = 0
    final double[] b;      // (1/N)Σ slope in ‖∇f‖²
    final double[] aOmega; // (1/N)Σ ωᵢ Σᵢ,ⱼⱼ at 0
    final double[] bOmega; // (1/N)Σ ωᵢ slope
    final double omega;    // ω̄ = (1/N)Σ ωᵢ

    /**
     * Streams over the agents' noise models and compressors (once when both are homogeneous).
     *
     * @param noises the agents' noise models (N = {@code noises.agents()})
     * @param comps  the agents' compressors (their Eq. 28 terms ωᵢ, {@link CompressionTerm})
     * @param d      the dimension
     */
    public AverageCovariance(AgentNoise noises, AgentCompressors comps, int d) {
        final int agents = noises.agents();
        final double[] v0 = new double[d], slope = new double[d];
        a = new double[d];
        b = new double[d];
        aOmega = new double[d];
        bOmega = new double[d];
        if (noises.homogeneous() && comps.homogeneous()) {
            final double w = CompressionTerm.excess(comps.of(0), d);
            add(noises.of(0), d, w, 1.0, v0, slope);
            omega = w;
        } else {
            final NoiseModel shared = noises.homogeneous() ? noises.of(0) : null;
            double om = 0;
            for (int i = 0; i < agents; i++) {
                final double w = CompressionTerm.excess(comps.of(i), d);
                add(shared != null ? shared : noises.of(i), d, w, 1.0 / agents, v0, slope);
                om += w / agents;
            }
            omega = om;
        }
    }

    /** The coefficients themselves (d values each): Σ̂ⱼⱼ = aⱼ + bⱼ‖∇f‖², (ωΣ)‾ⱼⱼ = aOmegaⱼ + bOmegaⱼ‖∇f‖², ω̄. */
    public AverageCovariance(double[] a, double[] b, double[] aOmega, double[] bOmega, double omega) {
        if (b.length != a.length || aOmega.length != a.length || bOmega.length != a.length) {
            throw new IllegalArgumentException("the coefficients must have d values each");
        }
        this.a = a.clone();
        this.b = b.clone();
        this.aOmega = aOmega.clone();
        this.bOmega = bOmega.clone();
        this.omega = omega;
    }

    /** The dimension d. */
    public int dim() {
        return a.length;
    }

    /**
     * The covariance of one agent-averaged message, Σ̃ⱼⱼ = (aⱼ + aΩⱼ) + (bⱼ + bΩⱼ)‖∇f‖² + ω̄(∂ⱼf)² (the
     * diagonal of Eq. 28), for the models built from it.
     */
    public StepVariance stepVariance(int agents) {
        final int d = a.length;
        final double[] sa = new double[d], sb = new double[d];
        for (int j = 0; j < d; j++) {
            sa[j] = a[j] + aOmega[j];
            sb[j] = b[j] + bOmega[j];
        }
        return new StepVariance(sa, sb, omega, agents);
    }

    private void add(NoiseModel m, int d, double w, double weight, double[] v0, double[] slope) {
        affine(m, d, v0, slope);
        for (int j = 0; j < d; j++) {
            a[j] += weight * v0[j];
            b[j] += weight * slope[j];
            aOmega[j] += weight * w * v0[j];
            bOmega[j] += weight * w * slope[j];
        }
    }

    /**
     * Σⱼⱼ(x) = v0ⱼ + slopeⱼ·‖∇f(x)‖² of one agent's noise model into the two arrays, verified affine
     * at a third point; an {@link IllegalArgumentException} for infinite or non-affine variance.
     */
    static void affine(NoiseModel m, int d, double[] v0, double[] slope) {
        for (int j = 0; j < d; j++) {
            final double z = m.variance(j, 0);
            final double v1 = m.variance(j, 1);
            if (!Double.isFinite(z) || !Double.isFinite(v1)) {
                throw new IllegalArgumentException("the SDE of Eq. 8 / 27-28 needs a finite noise covariance; "
                        + m.describe() + " has none (use noise.nu > 2, noise.alpha = 2 or optimizer dsignsgd)");
            }
            final double s = v1 - z;
            final double v2 = m.variance(j, 2);
            if (Math.abs(v2 - (z + 2 * s)) > 1e-9 * Math.max(1, Math.abs(v2))) {
                throw new IllegalArgumentException("noise covariance is not affine in |grad f|^2: " + m.describe());
            }
            v0[j] = z;
            slope[j] = s;
        }
    }
}
