package org.distsde.theory;

import java.util.List;
import org.distsde.sim.LearningRateConditions;

/**
 * Theorem 4 (DSGD, (σ0², σ1²)-variance): condition Eq. 1, ηηₜ ≤ 2Nε/(d(σ̄1²L0 + σ̄0²L1 +
 * L1σ̄1²E‖∇f‖)) (per path: Eq. 21 with the path's ‖∇f‖); bound Eq. 2,
 * E‖∇f(X_t̂)‖² ≤ (f(X0) − f* + φ²·ηd(L0 + L1)(σ̄0² + σ̄1²)/(2N)) / ((1 − ε)φ¹), t̂ ~ ηₛ/φ¹ₜ.
 */
public final class DsgdCheck implements TheoremCheck {
    private final Setting s;
    private final String notApplicable;

    public DsgdCheck(Setting s, String notApplicable) {
        this.s = s;
        this.notApplicable = notApplicable == null ? "" : notApplicable;
    }

    @Override public String theorem() { return "Theorem 4"; }
    @Override public String conditionEquation() { return "Eq. 1"; }
    @Override public boolean strictCondition() { return false; }
    @Override public TimeAverages.Weight weight() { return new TimeAverages.Weight(1, 0); }
    @Override public String weighting() { return "t_hat ~ eta_s / phi1_t"; }
    @Override public String notApplicable() { return notApplicable; }
    @Override public List<String> notes() { return List.of(); }

    @Override
    public double condition(double gradNorm) {
        return LearningRateConditions.dsgd(s.averages(), s.l0(), s.l1(), s.d(), s.epsilon(), gradNorm);
    }

    @Override
    public List<BoundForm> bounds() {
        final var a = s.averages();
        final double c = s.eta() * s.d() * (s.l0() + s.l1()) * (a.sigma0Sq() + a.sigma1Sq()) / (2.0 * s.agents());
        return List.of(new BoundForm("Eq. 2", "Eq. 2", true, c, 1 - s.epsilon(), 0,
                "eta d (L0 + L1)(s0^2 + s1^2)/(2N)"));
    }
}
