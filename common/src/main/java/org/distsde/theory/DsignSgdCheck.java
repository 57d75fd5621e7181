package org.distsde.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.numbers.gamma.Erf;
import org.distsde.config.ExperimentConfig;
import org.distsde.noise.StudentTNoise;
import org.distsde.sim.LearningRateConditions;

/**
 * Theorem 7 (DSignSGD, Student-t noise): condition ηηₜ &lt; 2Nℓ_ν/(σ_H,1L1d); bound Eq. 7,
 * E‖∇f(X_t̃)‖² ≤ (f(X0) − f* + η(L0 + L1)dφ²/(2N)) / (φ¹ℓ_ν/σ_H,1 − φ²ηL1d/(2N)), t̃ with weight
 * ηₛℓ_ν/σ_H,1 − ηₛ²ηL1d/(2N). ℓ_ν is not given in the paper (Prop. C.11 of [7]): it is taken as
 * the secant 2Ξ_ν(1) = 2F_ν(1) − 1 of the Phase-3 drift (erf(1/√2) for Gaussian noise, the ν → ∞
 * limit); σ_H,1 is the harmonic mean of the agents' σ_max,ᵢ.
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
        if (noise.type().equals("student-t")) {
            ell = ellStudent(noise.nu());
            notes.add(String.format(Locale.ROOT, "l_nu = 2 Xi_nu(1) = 2F_nu(1) - 1 = %.6g (nu = %s): secant of the "
                    + "Phase-3 drift 2Xi_nu(y) on [0, 1] (Xi_nu concave on [0, inf)); Prop. C.11 of [7] is not in the "
                    + "paper", ell, noise.nu()));
        } else if (s.averages().sigma1Sq() == 0) {
            ell = ellGaussian();
            notes.add(String.format(Locale.ROOT, "l_nu = erf(1/sqrt 2) = %.6g (Gaussian noise, the nu -> inf limit of "
                    + "the secant 2Xi_nu(1)); sigma_max,i = sigma0,i", ell));
        } else if (na == null || na.isEmpty()) {
            na = "Theorem 7 needs a bounded noise scale (Sigma_i <= sigma_max,i^2); Gaussian noise with sigma1 > 0 "
                    + "has none";
        }
        notes.add("sigma_H,1 = harmonic mean of the agents' sigma_max,i (AgentAverages.sigmaHarmonic)");
        final double snr = TheoremChecker.secantRatio(cfg);
        if (snr > 1) {
            notes.add(String.format(Locale.ROOT, "at x0 max_j |d_j f|/sigma = %.3g > 1, outside the secant regime "
                    + "where l_nu |g|^2/sigma bounds the sign drift from below (Phase 1/2 of seed 000 Lemma 3.4), so "
                    + "Eq. 7 as printed need not hold early on", snr));
        }
        return new DsignSgdCheck(s, ell, na, notes);
    }

    /** 2F_ν(1) − 1 (Student-t with ν degrees of freedom). */
    public static double ellStudent(double nu) {
        return 2 * StudentTNoise.of(nu, 1).standardCdf(1) - 1;
    }

    /** erf(1/√2) = 2Φ(1) − 1. */
    public static double ellGaussian() {
        return Erf.value(1 / Math.sqrt(2));
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
