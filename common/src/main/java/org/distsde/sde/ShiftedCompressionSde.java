package org.distsde.sde;

import org.distsde.objective.Objective;

/**
 * The SDE of compressed differences to agents' shifts — EF21 (α = 1) and DIANA (shift rate α) —
 * with the N shifts H₁ … H_N as state variables beside X, derived here (neither seed has it).
 *
 * <p><b>The method.</b> Agent i keeps hᵢ (h⁰ = 0), draws gᵢ = ∇f(x) + Zᵢ (coordinate-wise noise,
 * Cov Zᵢ = Σᵢ(x) diagonal), sends cᵢ = C(gᵢ − hᵢ) and updates hᵢ ← hᵢ + α·cᵢ; the server steps
 * x ← x − (η/N)Σᵢ(hᵢ + cᵢ) ({@code optim.ShiftedMessages}: EF21 is α = 1, Richtárik et al. 2021;
 * DIANA is Mishchenko et al. 2019). C is unbiased with E[C(v)C(v)ᵀ] = bvvᵀ + (a − b)diag(v²)
 * (random sparsification, rand-k, the identity; {@link MessageTerms}).
 *
 * <p><b>One step's moments.</b> Write uᵢ = ∇f(x) − hᵢ and ξᵢ = cᵢ − uᵢ = Zᵢ + Φᵢ, Φᵢ = C(uᵢ + Zᵢ) −
 * (uᵢ + Zᵢ). Since E[Φᵢ | Zᵢ] = 0, E ξᵢ = 0 and, with E[(u + Z)(u + Z)ᵀ] = uuᵀ + Σᵢ,
 * <pre>
 *   Sᵢ := E ξᵢξᵢᵀ = Σᵢ + (bᵢ − 1)(uᵢuᵢᵀ + Σᵢ) + (aᵢ − bᵢ)diag(uᵢ² + diag Σᵢ)
 *       = diag(aᵢΣᵢ,ⱼⱼ + (aᵢ − bᵢ)uᵢⱼ²) − (1 − bᵢ)uᵢuᵢᵀ,
 * </pre>
 * and the ξᵢ of different agents are independent given (x, h). The step is
 * <pre>
 *   x⁺ − x = −η∇f(x) − (η/N)Σᵢ ξᵢ,          hᵢ⁺ − hᵢ = α(∇f(x) − hᵢ) + αξᵢ:
 * </pre>
 * the message's mean is ∇f(x) whatever the shifts (C is unbiased), which only enter the noise.
 *
 * <p><b>The SDE.</b> In the time t = kη of Section 4 and with the shifts' rate ρ = α/η (as seed
 * 000's adaptive SDEs write β = 1 − ηρ, Eq. 131–132, 169–171), the diffusion matching these first
 * two conditional moments, with the same Brownian motion Wᵢ (dimension d, one per agent) driving X
 * and Hᵢ because the same ξᵢ moves both, is
 * <pre>
 *   dXₜ  = −∇f(Xₜ) dt − (√η/N) Σᵢ Gᵢ dWᵢ,
 *   dHᵢ  = ρ(∇f(Xₜ) − Hᵢ) dt + ρ√η Gᵢ dWᵢ,        GᵢGᵢᵀ = Sᵢ(Xₜ, Hᵢ),
 * </pre>
 * (X's noise has covariance (η/N²)ΣSᵢ per unit time, i.e. η²/N²·ΣSᵢ over a step Δt = η; Hᵢ's
 * ρ²η·Sᵢ·η = α²Sᵢ; their cross-covariance −(ηρ/N)Sᵢ·η = −(η/N)αSᵢ: the step's). Gᵢ is the
 * O(d) square root of a diagonal minus a rank-one matrix ({@link RankOneRoot}). With the identity
 * (a = b = 1) Sᵢ = Σᵢ does not depend on Hᵢ and X follows DSGD's Eq. 8; with DCSGD's shifts frozen
 * at 0 it would be Eq. 27–28. Euler–Maruyama at Δt = η reproduces the method's update with the
 * ξᵢ replaced by Gaussians of the same covariance. The schedule and normalization factor νₜηₜ
 * multiply X's coefficients only (the shifts' update does not involve the learning rate).
 *
 * <p><b>Regime.</b> Weak order 1 in η is the regime of seed 000's Adam(W) theorems (C.47, C.53:
 * β = 1 − ηρ with ρ = O(1), or ρ₁ = O(η^−ζ), ζ &lt; 1): α = ρη with ρ not growing as fast as 1/η.
 * With α held fixed instead (EF21's α = 1, a configured DIANA α: ζ = 1, just outside), the shifts
 * relax within O(1) steps and the continuous-time shift process misstates their
 * stationary spread (per coordinate, for b = 1: α(1 + ω)σ²/(2 − αω) against the method's
 * α(1 + ω)σ²/(2 − α(1 + ω))), a relative error O(α) in X's diffusion, itself of order η: the weak
 * error in η stays O(η), with a larger constant ({@code docs/compressors.md} has the measured orders).
 *
 * <p><b>State.</b> Auxiliary values per path: H (N·d), then the factors of the Gᵢ at the last
 * {@link #coefficients(double, double[], double[], int, double[], double[], double[], double[])}
 * call (N·(2d + 1)), which {@link #advance} uses; the engine's diffusion array holds the same
 * factors ({@link #stateDim()}) for {@link #step}. The Brownian motion has N·d dimensions.
 */
public final class ShiftedCompressionSde implements AugmentedSde, MatrixSde {
    private static final long serialVersionUID = 1L;
    private final Objective f;
    private final int d;
    private final int agents;
    private final double eta;
    private final double alpha;
    private final double rho;
    private final MessageTerms terms;
    /** One factor's values, N factors per path. */
    private final int fs;

    /**
     * @param f     the objective
     * @param eta   η
     * @param alpha the shifts' rate α per step (EF21: 1; DIANA's {@code compression.shiftRate})
     * @param terms the agents' noise variances and compressors' second moments (N agents)
     */
    ShiftedCompressionSde(Objective f, double eta, double alpha, MessageTerms terms) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("the shift rate alpha must be in (0, 1] (got " + alpha + ")");
        }
        if (terms.d != f.dim()) {
            throw new IllegalArgumentException("the message terms have dimension " + terms.d + ", the objective "
                    + f.dim());
        }
        this.f = f;
        this.d = f.dim();
        this.agents = terms.agents;
        this.eta = eta;
        this.alpha = alpha;
        this.rho = alpha / eta;
        this.terms = terms;
        this.fs = RankOneRoot.size(d);
    }

    /**
     * @param f      the objective
     * @param eta    η
     * @param alpha  the shifts' rate α (EF21: 1)
     * @param noises the agents' coordinate-wise noise
     * @param comps  the agents' unbiased compressors with linear second moments
     */
    public ShiftedCompressionSde(Objective f, double eta, double alpha, org.distsde.noise.AgentNoise noises,
                                 org.distsde.compress.AgentCompressors comps) {
        this(f, eta, alpha, new MessageTerms(noises, comps, f.dim()));
    }

    @Override public int dim() { return d; }

    /** H (N·d), then the N factors of the last coefficients (N·(2d + 1)). */
    @Override public int auxDim() { return agents * (d + fs); }

    /** N·d: one d-dimensional Brownian motion per agent. */
    @Override public int noiseDim() { return agents * d; }

    /** The N factors Gᵢ. */
    @Override public int stateDim() { return agents * fs; }

    /** H⁰ = 0 (the methods' h⁰ = 0), no factors yet. */
    @Override
    public void initAux(double[] aux, int p) {
        final int a = auxDim();
        java.util.Arrays.fill(aux, p * a, (p + 1) * a, 0.0);
    }

    /**
     * Drift −∇f of X into {@code drift}, the factors Gᵢ at (X, Hᵢ) into {@code state} (the engine's
     * diffusion array, {@link #stateDim()} per path) and into the auxiliary state, ∇f into
     * {@code grad}.
     */
    @Override
    public void coefficients(double t, double[] x, double[] aux, int n, double[] drift, double[] state, double[] gn2,
                             double[] grad) {
        f.gradients(x, n, grad, gn2);
        final int sd = stateDim(), ad = auxDim(), hd = agents * d;
        for (int p = 0; p < n; p++) {
            final int o = p * d, a = p * ad;
            for (int i = 0; i < agents; i++) {
                final int so = p * sd + i * fs, h = a + i * d;
                for (int j = 0; j < d; j++) {
                    state[so + d + j] = grad[o + j] - aux[h + j]; // uᵢ = ∇f − Hᵢ (read by prepare)
                }
                terms.diagonal(i, state, so + d, gn2[p], state, so);
                RankOneRoot.prepare(state, so, d, state, so + d, terms.gamma(i)); // Gᵢ, GᵢGᵢᵀ = Sᵢ
            }
            System.arraycopy(state, p * sd, aux, a + hd, sd);
            for (int j = 0; j < d; j++) {
                drift[o + j] = -grad[o + j]; // unbiased messages: E mᵢ = ∇f
            }
        }
    }

    /** x += fac·(−∇f Δt − (√η/N)Σᵢ Gᵢ ΔWᵢ). */
    @Override
    public void step(double[] x, int n, double[] fac, double[] drift, double[] state, double[] inc, int incOff,
                     double dt) {
        final int sd = stateDim(), m = noiseDim();
        final double c = -Math.sqrt(eta) / agents;
        for (int p = 0; p < n; p++) {
            final int o = p * d, w = incOff + p * m;
            final double e = fac[p];
            for (int j = 0; j < d; j++) {
                x[o + j] += e * drift[o + j] * dt;
            }
            for (int i = 0; i < agents; i++) {
                RankOneRoot.apply(state, p * sd + i * fs, d, inc, w + i * d, e * c, x, o);
            }
        }
    }

    /** Hᵢ += ρ(∇f − Hᵢ)Δt + ρ√η Gᵢ ΔWᵢ, from the old state (the factors of the last coefficients). */
    @Override
    public void advance(double t, double[] aux, double[] grad, double[] gn2, int n, double[] inc, int incOff, double dt,
                        double[] mask) {
        final int ad = auxDim(), m = noiseDim(), hd = agents * d;
        final double relax = rho * dt, c = rho * Math.sqrt(eta);
        for (int p = 0; p < n; p++) {
            if (mask[p] == 0) {
                continue;
            }
            final int o = p * d, a = p * ad, w = incOff + p * m;
            for (int i = 0; i < agents; i++) {
                final int h = a + i * d;
                for (int j = 0; j < d; j++) {
                    aux[h + j] += relax * (grad[o + j] - aux[h + j]);
                }
                RankOneRoot.apply(aux, a + hd + i * fs, d, inc, w + i * d, c, aux, h);
            }
        }
    }

    /** The coefficients at shifts H = 0 (their initial state): what {@link MatrixSde}'s per-point forms see. */
    @Override
    public void matrixCoefficients(double[] x, int n, double[] drift, double[] state, double[] gn2) {
        final double[] aux = new double[n * auxDim()], grad = new double[n * d];
        coefficients(0, x, aux, n, drift, state, gn2, grad);
    }

    @Override
    public void drift(double[] x, int off, double[] out, int ooff) {
        GradientSde.minusGradient(f, x, off, out, ooff);
    }

    @Override
    public String describe() {
        return "shifted-compression-sde(alpha=" + alpha + ", rho=alpha/eta=" + rho + ", N=" + agents + ", "
                + f.describe() + ")";
    }
}
