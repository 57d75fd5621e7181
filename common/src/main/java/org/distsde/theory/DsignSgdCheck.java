package org.distsde.theory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.numbers.gamma.Erf;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseSpec;
import org.distsde.config.NoiseType;
import org.distsde.noise.StudentTNoise;
import org.distsde.noise.SymmetricStable;
import org.distsde.sim.LearningRateConditions;

/**
 * Theorem 7 (DSignSGD, Student-t noise): condition ηηₜ &lt; 2Nℓ_ν/(σ_H,1L1d); bound Eq. 7,
 * E‖∇f(X_t̃)‖² ≤ (f(X0) − f* + η(L0 + L1)dφ²/(2N)) / (φ¹ℓ_ν/σ_H,1 − φ²ηL1d/(2N)), t̃ with weight
 * ηₛℓ_ν/σ_H,1 − ηₛ²ηL1d/(2N). ℓ_ν is not given in the paper (Prop. C.11 of [7]); the proof needs
 * E[sign(g + σZ)]·g ≥ ℓ_ν g²/σ for every gradient coordinate g the run meets, i.e. ℓ_ν ≤ 2Ξ_ν(y)/y
 * for y = |g|/σ in the visited range. 2Ξ_ν is concave on [0, ∞), so 2Ξ_ν(y)/y decreases and the
 * largest valid constant on [0, R] is the secant 2Ξ_ν(R)/R. It is taken with R = max(1, R₀),
 * R₀ = maxᵢⱼ |∂ⱼf(x₀)|/σᵢⱼ: 2F_ν(1) − 1 inside the Phase-3 regime (erf(1/√2) for Gaussian noise,
 * the ν → ∞ limit), the smaller (2F_ν(R₀) − 1)/R₀ when the run starts in Phase 1 or 2 (seed 000
 * Lemma 3.4), assuming — as sign steps of at most ηηₜ per coordinate suggest — that the gradient
 * does not grow beyond its size at x₀. With the Phase-3 constant outside that regime the printed
 * bound fails early on for a reason of the constant, not of the theorem. σ_H,1 is the harmonic
 * mean of the agents' σ_max,ᵢ.
 */
public final class DsignSgdCheck implements TheoremCheck {
    private final Setting s;
    private final double ell;
    private final double sigmaH;
    private final String notApplicable;
    private final List<String> notes;

    public DsignSgdCheck(Setting s, double ell, String notApplicable, List<String> notes) {
        this.s = s;
        this.ell = ell;
        this.sigmaH = s.averages().sigmaHarmonic();
        String na = notApplicable == null ? "" : notApplicable;
        if (na.isEmpty() && !(sigmaH > 0 && Double.isFinite(sigmaH))) {
            na = "Theorem 7 needs sigma_H,1 > 0 (got " + sigmaH + ")";
        }
        this.notApplicable = na;
        this.notes = List.copyOf(notes);
    }

    /** Builds the check from the config: ℓ_ν from the noise law, the secant caveat at x0. */
    public static DsignSgdCheck of(ExperimentConfig cfg, Setting s, String notApplicable) {
        final List<String> notes = new ArrayList<>();
        final var noise = cfg.noise();
        double ell = Double.NaN;
        String na = notApplicable;
        final double r0 = TheoremChecker.secantRatio(cfg);
        final double r = Double.isFinite(r0) ? Math.max(1, r0) : 1;
        if (noise.kind() == NoiseType.STUDENT_T && noise.nu() != null) {
            ell = ellStudent(noise.nu(), r);
            notes.add(String.format(Locale.ROOT, "l_nu = 2 Xi_nu(R)/R = (2F_nu(R) - 1)/R = %.6g (nu = %s, R = %.4g): "
                    + "secant of the sign drift 2Xi_nu(y) on [0, R] (Xi_nu concave on [0, inf)), R = max(1, max_j "
                    + "|d_j f(x0)|/sigma); Prop. C.11 of [7] is not in the paper", ell, noise.nu(), r));
        } else if (noise.kind() != NoiseType.GAUSSIAN) {
            ell = ellSecant(noise, cfg.agents(), r);
            notes.add(String.format(Locale.ROOT, "l = min over the agents' tail indices of (2F(R) - 1)/R = %.6g (%s "
                    + "noise, R = %.4g): the secant of the sign drift on [0, R]. Theorem 7 is stated for Student-t noise; "
                    + "its proof uses only this secant bound, which holds for every symmetric unimodal law (2F - 1 "
                    + "concave on [0, inf); symmetric stable laws are unimodal)", ell, noise.type(), r));
        } else if (s.averages().sigma1Sq() == 0) {
            ell = ellGaussian(r);
            notes.add(String.format(Locale.ROOT, "l_nu = erf(R/sqrt 2)/R = %.6g (Gaussian noise, the nu -> inf limit of "
                    + "the secant 2Xi_nu(R)/R, R = %.4g); sigma_max,i = sigma0,i", ell, r));
        } else if (na == null || na.isEmpty()) {
            na = "Theorem 7 needs a bounded noise scale (Sigma_i <= sigma_max,i^2); Gaussian noise with sigma1 > 0 "
                    + "has none";
        }
        notes.add("sigma_H,1 = harmonic mean of the agents' sigma_max,i (AgentAverages.sigmaHarmonic)");
        if (r0 > 1) {
            notes.add(String.format(Locale.ROOT, "at x0 max_j |d_j f|/sigma = %.3g > 1 (Phase 1/2 of seed 000 Lemma "
                    + "3.4): l_nu is the secant on [0, %.3g], assuming the gradient does not grow beyond its size at x0",
                    r0, r));
        }
        return new DsignSgdCheck(s, ell, na, notes);
    }

    /** 2F_ν(1) − 1 (Student-t with ν degrees of freedom). */
    public static double ellStudent(double nu) {
        return ellStudent(nu, 1);
    }

    /** (2F_ν(R) − 1)/R: the secant of 2Ξ_ν on [0, R]. */
    public static double ellStudent(double nu, double r) {
        return (2 * StudentTNoise.of(nu, 1).standardCdf(r) - 1) / r;
    }

    /**
     * min over the agents of (2Fᵢ(R) − 1)/R, Fᵢ the standard law of agent i (Student-t with νᵢ or
     * symmetric α-stable with αᵢ, {@link NoiseSpec#tailIndex}); each distinct index is evaluated once.
     */
    public static double ellSecant(NoiseSpec noise, int agents, double r) {
        final int n = noise.homogeneous() ? 1 : agents;
        final double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = noise.tailIndex(i);
        }
        Arrays.sort(t);
        double ell = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (i == 0 || t[i] != t[i - 1]) {
                ell = Math.min(ell, noise.kind() == NoiseType.STABLE ? SymmetricStable.of(t[i]).meanSign(r) / r
                        : ellStudent(t[i], r));
            }
        }
        return ell;
    }

    /** erf(1/√2) = 2Φ(1) − 1. */
    public static double ellGaussian() {
        return ellGaussian(1);
    }

    /** erf(R/√2)/R: the Gaussian secant on [0, R]. */
    public static double ellGaussian(double r) {
        return Erf.value(r / Math.sqrt(2)) / r;
    }

    public double ell() {
        return ell;
    }

    private double quad() {
        return s.eta() * s.l1() * s.d() / (2.0 * s.agents());
    }

    @Override public String theorem() { return "Theorem 7"; }
    @Override public String conditionEquation() { return "Theorem 7 condition"; }
    @Override public boolean strictCondition() { return true; }
    @Override public String notApplicable() { return notApplicable; }
    @Override public List<String> notes() { return notes; }

    @Override
    public double condition(double gradNorm) {
        return LearningRateConditions.dsignsgd(s.averages(), s.l1(), s.d(), ell);
    }

    @Override
    public TimeAverages.Weight weight() {
        return new TimeAverages.Weight(ell / sigmaH, quad());
    }

    @Override
    public String weighting() {
        return "t_tilde ~ (eta_s l_nu/sigma_H1 - eta_s^2 eta L1 d/(2N)) / (phi1 l_nu/sigma_H1 - phi2 eta L1 d/(2N))";
    }

    @Override
    public List<BoundForm> bounds() {
        return List.of(new BoundForm("Eq. 7", "Eq. 7", true, s.eta() * (s.l0() + s.l1()) * s.d() / (2.0 * s.agents()),
                ell / sigmaH, quad(), "eta (L0 + L1) d/(2N)"));
    }
}
