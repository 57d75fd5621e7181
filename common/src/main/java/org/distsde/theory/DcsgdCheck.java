package org.distsde.theory;

import java.util.List;
import org.distsde.sim.LearningRateConditions;

/**
 * Theorems 5 and 6 (DCSGD, unbiased compression). Condition Eq. 5 (Theorem 6),
 * ηηₜ ≤ 2Nε / (L0c₁ + L1d(σ̄0² + σ̄0²ω) + L1c₁E‖∇f‖), c₁ = ω̄ + d(σ̄1²ω + σ̄1²) (per path:
 * Eq. 43 with the path's ‖∇f‖); with σ̄1² = 0 it is Eq. 3 of Theorem 5 (read with ηηₜ where Eq. 3
 * prints ηₜ: the proof uses ηηₜ, Eq. 29, 45).
 *
 * <p><b>Bounds.</b> Two are reported:
 * <ul>
 * <li>"Eq. 6 as printed": (f(X0) − f* + φ²[L0c₁ + L1d(σ̄0² + σ̄0²ω)]/(2N)) / ((1 − ε)φ¹) — its
 *     constant is the first two terms of Eq. 5's denominator, with no factor η and no σ0 term
 *     when L1 = 0 (Eq. 48 is the same);</li>
 * <li>"Eq. 6 derived (= Eq. 4 form)", the one the verdict uses:
 *     (f(X0) − f* + φ²·η(L0 + L1)d(σ̄0² + σ̄0²ω)/(2N)) / ((1 − ε)φ¹). With σ̄1² = 0 it is Eq. 4
 *     (and Eq. 30, 46) of Theorem 5.</li>
 * </ul>
 * Derivation (the proof of Theorem 6 is not printed; it follows the proof of Theorem 9, Eq. 31–46,
 * with the (σ0², σ1²)-variance of Theorem 10):
 * <ol>
 * <li>Itô on f(X_t) − f(X_*) for the SDE Eq. 27 with scheduler ηₜ (Eq. 31–32): the drift term
 *     is −ηₜ‖∇f‖²dt and the Itô term is ηₜ²·η/(2N)·Tr(∇²f Σ̃) ≤ ηₜ²·η(L0 + L1‖∇f‖)/(2N)·
 *     (1/N)Σᵢ E‖C(∇f_γᵢ) − ∇f‖² (Eq. 32, (L0, L1)-smoothness bounds ∇²f).</li>
 * <li>Compression plus (σ0ᵢ², σ1ᵢ²)-variance (as in the line before Eq. 31, with σᵢ²d replaced by
 *     d(σ0ᵢ² + σ1ᵢ²‖∇f‖²)): (1/N)Σᵢ E‖C(∇f_γᵢ) − ∇f‖² ≤ c₁‖∇f‖² + d(σ̄0² + σ̄0²ω), the
 *     analogue of Eq. 34.</li>
 * <li>Expanding (L0 + L1‖∇f‖)(c₁‖∇f‖² + d(σ̄0² + σ̄0²ω)) = L0c₁‖∇f‖² + L1c₁‖∇f‖³ +
 *     L0d(σ̄0² + σ̄0²ω) + L1d(σ̄0² + σ̄0²ω)‖∇f‖, and bounding the last term with
 *     ‖∇f‖ ≤ 1 + ‖∇f‖² (the worst-case merge of Phase 1 and Phase 2 that gives Eq. 2 and Eq. 46):
 *     the ‖∇f‖² coefficient is L0c₁ + L1d(σ̄0² + σ̄0²ω) + L1c₁‖∇f‖ — Eq. 5's denominator, as in
 *     Eq. 41 — and the constant is (L0 + L1)d(σ̄0² + σ̄0²ω).</li>
 * <li>So d(f − f*) ≤ −ηₜ‖∇f‖²(1 − ηηₜ·Den/(2N))dt + ηₜ²·η(L0 + L1)d(σ̄0² + σ̄0²ω)/(2N)dt +
 *     noise; under Eq. 5 (or Eq. 43 per path) the bracket is ≥ 1 − ε (Eq. 41–43).</li>
 * <li>Integrating over [0, t], taking expectations (the noise term is a martingale) and dividing
 *     by (1 − ε)φ¹ₜ (law of the unconscious statistician, Eq. 37): E‖∇f(X_t̂)‖² ≤
 *     (f(X0) − f* + φ²ₜ·η(L0 + L1)d(σ̄0² + σ̄0²ω)/(2N)) / ((1 − ε)φ¹ₜ) — Eq. 4 at σ̄1² = 0 and
 *     Eq. 46 with σ̄² → σ̄0².</li>
 * </ol>
 */
public final class DcsgdCheck implements TheoremCheck {
    /** Label of the printed bound. */
    public static final String PRINTED = "Eq. 6 as printed";
    /** Label of the derived bound (the verdict's). */
    public static final String DERIVED = "Eq. 6 derived (= Eq. 4 form)";

    private final Setting s;
    private final String notApplicable;

    public DcsgdCheck(Setting s, String notApplicable) {
        this.s = s;
        this.notApplicable = notApplicable == null ? "" : notApplicable;
    }

    /** True when σ̄1² = 0: Theorem 5 (bounded variance) is the statement checked. */
    public boolean boundedVariance() {
        return s.averages().sigma1Sq() == 0;
    }

    @Override
    public String theorem() {
        return boundedVariance() ? "Theorem 5 (Eq. 3/Eq. 4; = Theorem 6 at sigma1 = 0)" : "Theorem 6";
    }

    @Override
    public String conditionEquation() {
        return boundedVariance() ? "Eq. 3 (read with eta*eta_t as in Eq. 29/45; = Eq. 5 at sigma1 = 0)" : "Eq. 5";
    }

    @Override public boolean strictCondition() { return false; }
    @Override public TimeAverages.Weight weight() { return new TimeAverages.Weight(1, 0); }
    @Override public String weighting() { return "t_hat ~ eta_s / phi1_t"; }
    @Override public String notApplicable() { return notApplicable; }

    @Override
    public double condition(double gradNorm) {
        return LearningRateConditions.dcsgd(s.averages(), s.l0(), s.l1(), s.d(), s.epsilon(), gradNorm);
    }

    /** c₁ = ω̄ + d(σ̄1²ω + σ̄1²). */
    double c1() {
        final var a = s.averages();
        return a.omega() + s.d() * (a.sigma1SqOmega() + a.sigma1Sq());
    }

    /** The printed constant [L0c₁ + L1d(σ̄0² + σ̄0²ω)]/(2N). */
    public double printedNoise() {
        final var a = s.averages();
        return (s.l0() * c1() + s.l1() * s.d() * (a.sigma0Sq() + a.sigma0SqOmega())) / (2.0 * s.agents());
    }

    /** The derived constant η(L0 + L1)d(σ̄0² + σ̄0²ω)/(2N). */
    public double derivedNoise() {
        final var a = s.averages();
        return s.eta() * (s.l0() + s.l1()) * s.d() * (a.sigma0Sq() + a.sigma0SqOmega()) / (2.0 * s.agents());
    }

    @Override
    public List<BoundForm> bounds() {
        final double e = 1 - s.epsilon();
        return List.of(
                new BoundForm(boundedVariance() ? "Eq. 4" : "Eq. 6 (derived)", DERIVED, true, derivedNoise(), e, 0,
                        "eta (L0 + L1) d (s0^2 + s0^2w)/(2N)"),
                new BoundForm("Eq. 6", PRINTED, false, printedNoise(), e, 0,
                        "[L0(w + d(s1^2w + s1^2)) + L1 d(s0^2 + s0^2w)]/(2N)"));
    }

    @Override
    public List<String> notes() {
        return List.of("the verdict uses " + DERIVED + ": expanding the Ito term of the proof (Eq. 31-34, 41) gives "
                + "the constant eta(L0 + L1)d(s0^2 + s0^2w)/(2N); " + PRINTED + " (and Eq. 48) has as its constant the "
                + "first two terms of Eq. 5's denominator, with no factor eta and no sigma0 term when L1 = 0");
    }
}
