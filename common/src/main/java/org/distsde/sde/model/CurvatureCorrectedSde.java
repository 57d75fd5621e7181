package org.distsde.sde.model;

import org.distsde.objective.Objective;
import org.distsde.sde.MatrixSde;

/**
 * A curvature-corrected first-order SDE of DSGD / DCSGD that knows the discrete step-size limit.
 *
 * <p><b>Model.</b> With wⱼ the effective curvature of one optimizer step from X, measured over the
 * step itself ({@link CurvatureProbe}, {@link LocalPowerLaw}; w = η·h on a quadratic),
 * <pre>
 *   dXⱼ = −ψ(wⱼ)·∂ⱼf(X) dt + √(Dⱼ(X)) dWⱼ,       ψ(w) = −ln|1 − w|/w
 *   Dⱼ  = (η/N)·[ G(ρⱼ, mⱼ)·(ω̄ + bⱼ)(∂ⱼf)² + G(ρⱼ, 1)·aⱼ + G(ρⱼ, ρ̄)·bⱼΣ_{l≠j}(∂_lf)² ]
 * </pre>
 * with m = (1 − w)², ρ = m + w²(ω̄ + bⱼ)/N, G(a, b) = (ln a − ln b)/(a − b) and the step covariance
 * Σ̃ⱼⱼ = aⱼ + bⱼ‖∇f‖² + ω̄(∂ⱼf)² of Eq. 8 / 28 ({@link StepVariance}); ρ̄ is the (∂_lf)²-weighted
 * geometric mean of the other coordinates' ρ_l. Derivation: {@link StepMoments}. As η → 0,
 * ψ → 1 and G → 1 and the model is the first-order SDE (Eq. 8, Eq. 27); to first order in η its
 * drift is −(∇f + (η/2)H∇f), Li–Tai–E's second-order modified equation.
 *
 * <p><b>What it reproduces.</b> On a quadratic (w = η·h exactly) and per coordinate: the optimizer's
 * |E e_k| and E e_k² at every step k — exactly when d = 1, or when the coordinates do not feed
 * each other's variance (bⱼ = 0, i.e. σ1 = 0; any σ0, ω, N); with σ1 &gt; 0 and d &gt; 1 the coupling
 * between coordinates is matched to first order in it. So its mean-square stability limit is
 * the optimizer's, ρ &lt; 1 ⇔ z &lt; 2/(1 + (ω̄ + b)/N) (2/h without noise). The sign of the mean is
 * not reproduced beyond w = 1 (the optimizer's mean alternates; no diffusion's can). On a
 * non-quadratic objective w is measured over the step the optimizer actually takes, so the drift
 * turns repulsive (ψ &lt; 0) where that step overshoots away from the minimizer: at η·x² = 2 on
 * x⁴/4 (not at 2/3, where the Hessian at x would put it); on a power law (x⁴/4) the step at Δt = η
 * is gradient descent's exactly, |x⁺| = |1 − ηx²|·|x|.
 *
 * <p><b>Integration.</b> The coefficients are singular where w = 1 (a step onto the minimizer:
 * infinite contraction), so Euler–Maruyama cannot integrate the model at Δt ~ η.
 * {@link #step} integrates each step Δt = θη on the local linear model exactly in its first two
 * moments (a Gaussian step with the conditional mean and variance of {@link StepMoments}), with
 * the curvature measured at the step's own learning rate lr = η·ηₜ·νₜ: at θ = 1 and z ≤ 1 its mean
 * is exactly the optimizer's step −lr·∇f and its variance the optimizer's lr²Σ̃/N; as Δt → 0 it
 * converges to the SDE above (weak order 1 where the coefficients are smooth).
 * Immutable and thread-safe (scratch is per thread).
 */
public final class CurvatureCorrectedSde implements MatrixSde {
    private static final long serialVersionUID = 1L;
    private final Objective f;
    private final StepVariance var;
    private final double eta;
    private final int d;
    private final CurvatureProbe probe;
    private transient ThreadLocal<double[][]> scratch;

    /**
     * @param f   the objective (the drift's f)
     * @param var the step covariance Σ̃ of Eq. 8 / 28
     * @param eta the base learning rate η
     */
    public CurvatureCorrectedSde(Objective f, StepVariance var, double eta) {
        if (var.dim() != f.dim()) {
            throw new IllegalArgumentException("step covariance has d = " + var.dim() + ", objective d = " + f.dim());
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta must be finite and > 0 (got " + eta + ")");
        }
        this.f = f;
        this.var = var;
        this.eta = eta;
        this.d = f.dim();
        this.probe = new CurvatureProbe(f);
    }

    @Override public int dim() { return d; }

    @Override public int noiseDim() { return d; }

    /** Per point: ∇f (d values) and ‖∇f‖². */
    @Override public int stateDim() { return d + 1; }

    /** The objective of the drift. */
    public Objective objective() { return f; }

    /**
     * Stores ∇f and ‖∇f‖² per point in {@code state} for {@link #step}; {@code drift} receives −∇f
     * (the first-order drift: the corrected one depends on the step's learning rate and is
     * computed by the step).
     */
    @Override
    public void matrixCoefficients(double[] x, int n, double[] drift, double[] state, double[] gn2) {
        f.gradients(x, n, drift, gn2);
        final int s = d + 1;
        for (int p = 0; p < n; p++) {
            System.arraycopy(drift, p * d, state, p * s, d);
            state[p * s + d] = gn2[p];
            for (int j = p * d; j < p * d + d; j++) {
                drift[j] = -drift[j];
            }
        }
    }

    /** One step Δt = θη of every point: the moment-exact Gaussian step of the local linear model. */
    @Override
    public void step(double[] x, int n, double[] fac, double[] drift, double[] state, double[] inc, int incOff,
                     double dt) {
        final double theta = dt / eta;
        final double[][] w = scratch(n);
        final double[] g = w[0], gn2 = w[1], lr = w[2], zs = w[3], xp = w[4], gp = w[5], gn2p = w[6], rho = w[7];
        final double[] hd = w[8];
        final int s = d + 1;
        for (int p = 0; p < n; p++) {
            System.arraycopy(state, p * s, g, p * d, d);
            gn2[p] = state[p * s + d];
            lr[p] = fac[p] * eta;
        }
        probe.measure(x, g, gn2, n, lr, zs, xp, gp, gn2p, hd);
        final double invN = 1.0 / var.agents(), omega = var.omega(), sq = 1 / Math.sqrt(dt);
        final double[] a = var.a(), b = var.b();
        for (int p = 0; p < n; p++) {
            final double l = lr[p];
            if (l == 0) {
                continue;
            }
            final int o = p * d;
            double logRhoBar = 0;
            for (int j = 0; j < d; j++) {
                final double z = zs[o + j];
                rho[j] = (1 - z) * (1 - z) + z * z * (omega + b[j]) * invN;
                if (d > 1) {
                    logRhoBar += g[o + j] * g[o + j] * Math.log(rho[j]);
                }
            }
            final double rhoBar = d > 1 && gn2[p] > 0 ? Math.exp(logRhoBar / gn2[p]) : 1;
            final double l2 = l * l * invN;
            for (int j = 0; j < d; j++) {
                final double gj = g[o + j];
                final double z = zs[o + j];
                final double m = (1 - z) * (1 - z);
                final double own = (omega + b[j]) * gj * gj;
                final double cross = b[j] * (gn2[p] - gj * gj);
                double v = a[j] * StepMoments.divided(theta, rho[j], 1);
                if (own > 0) {
                    v += own * StepMoments.divided(theta, rho[j], m);
                }
                if (cross > 0) {
                    v += cross * StepMoments.divided(theta, rho[j], rhoBar);
                }
                x[o + j] += -l * gj * StepMoments.meanFraction(z, theta)
                        + Math.sqrt(l2 * v) * inc[incOff + o + j] * sq;
            }
        }
    }

    private double[][] scratch(int n) {
        if (scratch == null) {
            scratch = ThreadLocal.withInitial(() -> new double[9][0]);
        }
        final double[][] w = scratch.get();
        if (w[0].length < n * d) {
            for (int i : new int[] {0, 3, 4, 5}) {
                w[i] = new double[n * d];
            }
            for (int i : new int[] {1, 2, 6}) {
                w[i] = new double[n];
            }
            w[7] = new double[d];
            w[8] = new double[d];
        }
        return w;
    }

    /** The continuous drift −ψ(wⱼ)·∂ⱼf at one point (learning rate η). */
    @Override
    public void drift(double[] x, int off, double[] out, int ooff) {
        final double[] c = continuous(x, off);
        System.arraycopy(c, 0, out, ooff, d);
    }

    /** The continuous diffusion √Dⱼ at one point (learning rate η; +∞ where wⱼ = 1). */
    @Override
    public void diffusion(double[] x, int off, double[] out, int ooff) {
        final double[] c = continuous(x, off);
        System.arraycopy(c, d, out, ooff, d);
    }

    @Override
    public double coefficients(double[] x, int off, double[] drift, double[] diff, int ooff) {
        final double[] c = continuous(x, off);
        System.arraycopy(c, 0, drift, ooff, d);
        System.arraycopy(c, d, diff, ooff, d);
        return c[2 * d];
    }

    /** The diagonal diffusion matrix diag(√Dⱼ) (the model's diffusion is diagonal). */
    @Override
    public double[] diffusionMatrix(double[] x, int off) {
        final double[] c = continuous(x, off);
        final double[] m = new double[d * d];
        for (int j = 0; j < d; j++) {
            m[j * d + j] = c[d + j];
        }
        return m;
    }

    /** [drift (d), diffusion (d), ‖∇f‖²] of the continuous model at learning rate η. */
    private double[] continuous(double[] x, int off) {
        final double[] pt = java.util.Arrays.copyOfRange(x, off, off + d);
        final double[] g = new double[d], gn2 = new double[1], zs = new double[d];
        gn2[0] = f.gradient(pt, 0, g, 0);
        probe.measure(pt, g, gn2, 1, new double[] {eta}, zs, new double[d], new double[d], new double[1],
                new double[d]);
        final double invN = 1.0 / var.agents(), omega = var.omega();
        final double[] rho = new double[d];
        double logRhoBar = 0;
        for (int j = 0; j < d; j++) {
            rho[j] = (1 - zs[j]) * (1 - zs[j]) + zs[j] * zs[j] * (omega + var.b()[j]) * invN;
            logRhoBar += g[j] * g[j] * Math.log(rho[j]);
        }
        final double rhoBar = gn2[0] > 0 ? Math.exp(logRhoBar / gn2[0]) : 1;
        final double[] out = new double[2 * d + 1];
        for (int j = 0; j < d; j++) {
            final double m = (1 - zs[j]) * (1 - zs[j]);
            final double own = (omega + var.b()[j]) * g[j] * g[j];
            final double cross = var.b()[j] * (gn2[0] - g[j] * g[j]);
            double v = var.a()[j] * StepMoments.logDivided(rho[j], 1);
            if (own > 0) {
                v += own * StepMoments.logDivided(rho[j], m);
            }
            if (cross > 0) {
                v += cross * StepMoments.logDivided(rho[j], rhoBar);
            }
            out[j] = -StepMoments.psi(zs[j]) * g[j];
            out[d + j] = Math.sqrt(eta * invN * v);
        }
        out[2 * d] = gn2[0];
        return out;
    }

    @Override
    public String describe() {
        return "curvature-corrected-sde(" + (probe.perCoordinate() ? "per coordinate" : "along the step") + ", omega="
                + var.omega() + ", " + f.describe() + ")";
    }
}
