package org.distsde.sde;

import org.distsde.config.SdeModel;
import org.distsde.noise.AgentNoise;
import org.distsde.noise.MeanSign;
import org.distsde.noise.NoiseModel;
import org.distsde.noise.StudentTNoise;
import org.distsde.objective.Objective;

/**
 * The DSignSGD SDE, Eq. 49–52, coordinate-wise (independent noise coordinates make Σ̄ diagonal):
 * drift −(1/N)Σᵢ eᵢ and diffusion √(η/N)·√(1 − (1/N)Σᵢ eᵢ²) (Eq. 50; clamped at 0), where eᵢ is
 * agent i's mean sign for coordinate j, chosen by {@code sde.model}:
 * <ul>
 * <li>{@code full}: eᵢ = E[sign(∂ⱼf + Zᵢⱼ)] (Eq. 49; = 2Ξ_ν(∂ⱼf/σᵢⱼ) for Student-t, Eq. 51–52,
 *     erf(∂ⱼf/(√2 sᵢⱼ)) for Gaussian noise, and 2F_α(∂ⱼf/σᵢⱼ) − 1 for symmetric α-stable noise, F_α
 *     by Nolan's integral, tabulated: {@link org.distsde.noise.StableMeanSign}). Works for every
 *     ν &gt; 0, including ν = 1, and every α ∈ (0, 2].</li>
 * <li>{@code phase3} (seed 000, Lemma 3.4): the mean linearised around 0, eᵢ = κᵢ∂ⱼf/sᵢⱼ with
 *     κ = 2p_T(0) (√(2/π) for Gaussian noise, Eq. 5; √(1/2) for Student-t with ν = 2, Eq. 10 of
 *     Corollary 3.11; 2Γ(1 + 1/α)/π for stable noise). Valid while |∂ⱼf| ≪ sᵢⱼ; an agent without
 *     noise (s = 0) keeps its exact sign.</li>
 * <li>{@code phase1}: the SignGD ODE dX = −sign(∇f(X))dt (Eq. 4), no diffusion.</li>
 * </ul>
 *
 * <p>For Student-t noise with ν = 1 (Cauchy) or ν = 2 and positive scales, eᵢ is computed from
 * u = ∂ⱼf·(1/sᵢⱼ) by the branch-free closed forms of {@link MeanSign} (max error 1e-15 against
 * (2/π)·atan), in both the per-point and the block form, so a block of paths is one vectorisable
 * loop per agent.
 */
public final class DsignSde implements Sde {
    private static final long serialVersionUID = 1L;
    private final Objective f;
    private final int d;
    private final double scale;
    private final boolean phase1;
    private final boolean phase3;
    private final NoiseModel[] agents; // one entry when the noise is homogeneous
    private final double[] kappa;
    /** Per agent 1/sᵢⱼ (one entry per agent when the scale is uniform) for the closed forms; null: generic path. */
    private final double[][] inv;
    /** 1: Cauchy, 2: Student-t ν = 2 (only when {@link #inv} is set). */
    private final int law;
    private transient ThreadLocal<double[][]> scratch;

    /**
     * @param f      the objective
     * @param eta    η
     * @param noises the agents' noise models (N = {@code noises.agents()})
     * @param model  {@link SdeModel#FULL} (Eq. 49–52), {@link SdeModel#PHASE3} or {@link SdeModel#PHASE1}
     */
    public DsignSde(Objective f, double eta, AgentNoise noises, SdeModel model) {
        this.f = f;
        this.d = f.dim();
        final int n = noises.agents();
        this.scale = Math.sqrt(eta / n);
        this.phase1 = model == SdeModel.PHASE1;
        this.phase3 = model == SdeModel.PHASE3;
        this.agents = new NoiseModel[noises.homogeneous() ? 1 : n];
        this.kappa = new double[agents.length];
        for (int i = 0; i < agents.length; i++) {
            agents[i] = noises.of(i);
            kappa[i] = 2 * agents[i].standardDensityAtZero();
        }
        double[][] iv = null;
        int lw = 0;
        if (!phase1 && agents[0] instanceof StudentTNoise t0 && (phase3 || t0.nu() == 1 || t0.nu() == 2)) {
            lw = t0.nu() == 1 ? 1 : 2;
            iv = new double[agents.length][];
            for (int i = 0; i < agents.length && iv != null; i++) {
                if (!(agents[i] instanceof StudentTNoise t) || t.nu() != t0.nu()) {
                    iv = null;
                    break;
                }
                final int len = t.uniformScale() ? 1 : d;
                iv[i] = new double[len];
                for (int j = 0; j < len; j++) {
                    final double sc = t.scale(j, 0);
                    if (!(sc > 0) || Double.isInfinite(sc)) {
                        iv = null;
                        break;
                    }
                    iv[i][j] = 1 / sc;
                }
            }
        }
        this.inv = iv;
        this.law = iv == null ? 0 : lw;
    }

    /** The closed-form mean sign at u = ∂ⱼf/sᵢⱼ (Student-t ν = 1 or 2; Phase 3: κᵢu). */
    private double closed(int i, double u) {
        return phase3 ? kappa[i] * u : law == 1 ? MeanSign.cauchy(u) : MeanSign.studentT2(u);
    }

    @Override public int dim() { return d; }

    @Override
    public void drift(double[] x, int off, double[] out, int ooff) {
        final double gn2 = f.gradient(x, off, out, ooff);
        for (int j = 0; j < d; j++) {
            out[ooff + j] = -mean(out[ooff + j], j, gn2, false);
        }
    }

    @Override
    public void diffusion(double[] x, int off, double[] out, int ooff) {
        final double gn2 = f.gradient(x, off, out, ooff);
        for (int j = 0; j < d; j++) {
            out[ooff + j] = phase1 ? 0 : scale * Math.sqrt(Math.max(0, 1 - mean(out[ooff + j], j, gn2, true)));
        }
    }

    @Override
    public double coefficients(double[] x, int off, double[] drift, double[] diff, int ooff) {
        final double gn2 = f.gradient(x, off, drift, ooff);
        final int m = agents.length;
        if (m == 1) { // homogeneous agents: the mean over agents is the one agent's value
            for (int j = 0; j < d; j++) {
                final double e = sign(0, drift[ooff + j], j, gn2);
                drift[ooff + j] = -e;                                                       // Eq. 49 / 51
                diff[ooff + j] = phase1 ? 0 : scale * Math.sqrt(Math.max(0, 1 - e * e));  // Eq. 50 / 52
            }
            return gn2;
        }
        for (int j = 0; j < d; j++) {
            final double g = drift[ooff + j];
            double s = 0, s2 = 0;
            for (int i = 0; i < m; i++) {
                final double e = sign(i, g, j, gn2);
                s += e;
                s2 += e * e;
            }
            drift[ooff + j] = -s / m;                                                       // Eq. 49 / 51
            diff[ooff + j] = phase1 ? 0 : scale * Math.sqrt(Math.max(0, 1 - s2 / m));     // Eq. 50 / 52
        }
        return gn2;
    }

    /**
     * Block form: the gradients in one call, then, with the closed forms, one flat loop per agent
     * over the block (the same arithmetic as the per-point form); otherwise the per-point
     * arithmetic element by element (no interface call per point).
     */
    @Override
    public void coefficients(double[] x, int n, double[] drift, double[] diff, double[] gn2) {
        f.gradients(x, n, drift, gn2);
        final int nd = n * d;
        final int m = agents.length;
        if (phase1) { // the SignGD ODE: every agent's mean sign is sign(∂ⱼf), so is their average
            for (int q = 0; q < nd; q++) {
                drift[q] = -Math.signum(drift[q]);
                diff[q] = 0;
            }
            return;
        }
        if (inv == null) {
            for (int q = 0; q < nd; q++) {
                final int p = q / d, j = q - p * d;
                final double g = drift[q];
                double s = 0, s2 = 0;
                for (int i = 0; i < m; i++) {
                    final double e = sign(i, g, j, gn2[p]);
                    s += e;
                    s2 += e * e;
                }
                if (m == 1) {
                    drift[q] = -s;
                    diff[q] = phase1 ? 0 : scale * Math.sqrt(Math.max(0, 1 - s * s));
                } else {
                    drift[q] = -s / m;
                    diff[q] = phase1 ? 0 : scale * Math.sqrt(Math.max(0, 1 - s2 / m));
                }
            }
            return;
        }
        if (m == 1) { // homogeneous: e = closed(u), drift −e, diffusion scale·√(max(0, 1 − e²))
            final double[] iv = inv[0];
            if (iv.length == 1) {
                final double c = iv[0];
                if (phase3) {
                    linear(drift, diff, nd, kappa[0], c, scale);
                } else if (law == 1) {
                    cauchy(drift, diff, nd, c, scale);
                } else {
                    studentT2(drift, diff, nd, c, scale);
                }
                return;
            }
            for (int p = 0; p < n; p++) {
                for (int j = 0, o = p * d; j < d; j++) {
                    final double e = closed(0, drift[o + j] * iv[j]);
                    drift[o + j] = -e;
                    diff[o + j] = scale * Math.sqrt(Math.max(0, 1 - e * e));
                }
            }
            return;
        }
        // heterogeneous agents: Σᵢ eᵢ and Σᵢ eᵢ² accumulated agent after agent (the per-point order)
        final double[][] sc = scratch(nd);
        final double[] s = sc[0], s2 = sc[1];
        java.util.Arrays.fill(s, 0, nd, 0);
        java.util.Arrays.fill(s2, 0, nd, 0);
        for (int i = 0; i < m; i++) {
            final double[] iv = inv[i];
            for (int p = 0; p < n; p++) {
                for (int j = 0, o = p * d; j < d; j++) {
                    final double e = closed(i, drift[o + j] * iv[iv.length == 1 ? 0 : j]);
                    s[o + j] += e;
                    s2[o + j] += e * e;
                }
            }
        }
        for (int q = 0; q < nd; q++) {
            drift[q] = -s[q] / m;
            diff[q] = scale * Math.sqrt(Math.max(0, 1 - s2[q] / m));
        }
    }

    // the homogeneous loops as small static methods: compiled on their own, with the closed form inlined and vectorised

    /** e = k·(c·g) (Phase 3): drift −e, diffusion scale·√(max(0, 1 − e²)). */
    private static void linear(double[] drift, double[] diff, int nd, double k, double c, double scale) {
        for (int q = 0; q < nd; q++) {
            final double e = k * (drift[q] * c);
            drift[q] = -e;
            diff[q] = scale * Math.sqrt(Math.max(0, 1 - e * e));
        }
    }

    /** e = (2/π)·atan(c·g) (Cauchy), the closed form in vectorisable passes ({@link MeanSign#cauchy(double[], int)}). */
    private static void cauchy(double[] drift, double[] diff, int nd, double c, double scale) {
        for (int q = 0; q < nd; q++) {
            drift[q] *= c;
        }
        MeanSign.cauchy(drift, nd);
        for (int q = 0; q < nd; q++) {
            final double e = drift[q];
            drift[q] = -e;
            diff[q] = scale * Math.sqrt(Math.max(0, 1 - e * e));
        }
    }

    /** e = u/√(2 + u²), u = c·g (Student-t, ν = 2). */
    private static void studentT2(double[] drift, double[] diff, int nd, double c, double scale) {
        for (int q = 0; q < nd; q++) {
            final double e = MeanSign.studentT2(drift[q] * c);
            drift[q] = -e;
            diff[q] = scale * Math.sqrt(Math.max(0, 1 - e * e));
        }
    }

    private double[][] scratch(int nd) {
        if (scratch == null) {
            scratch = ThreadLocal.withInitial(() -> new double[2][0]);
        }
        double[][] a = scratch.get();
        if (a[0].length < nd) {
            a = new double[][] {new double[nd], new double[nd]};
            scratch.set(a);
        }
        return a;
    }

    /** Agent i's mean sign eᵢ for ∂ⱼf = {@code g} under the configured model. */
    private double sign(int i, double g, int j, double gn2) {
        if (inv != null) {
            final double[] iv = inv[i];
            return closed(i, g * iv[iv.length == 1 ? 0 : j]);
        }
        if (phase1) {
            return Math.signum(g); // Eq. 4
        }
        if (phase3) {
            final double sc = agents[i].scale(j, gn2);
            return sc == 0 ? Math.signum(g) : kappa[i] * g / sc; // Eq. 5 / Eq. 10
        }
        return agents[i].expectedSign(g, j, gn2); // 1 − 2P(∂ⱼf_γᵢ < 0), Eq. 49
    }

    /** (1/N)Σᵢ eᵢ or, with {@code squares}, (1/N)Σᵢ eᵢ². */
    private double mean(double g, int j, double gn2, boolean squares) {
        double s = 0;
        for (int i = 0; i < agents.length; i++) {
            final double e = sign(i, g, j, gn2);
            s += squares ? e * e : e;
        }
        return s / agents.length;
    }

    @Override
    public String describe() {
        final String what = phase1 ? "signgd-ode(Eq. 4, " : phase3 ? "dsignsgd-phase3-sde(Eq. 5/10, "
                : "dsignsgd-sde(Eq. 49-52, ";
        return what + f.describe() + ")";
    }
}
