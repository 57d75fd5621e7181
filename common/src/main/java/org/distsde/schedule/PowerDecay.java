package org.distsde.schedule;

/** ηₖ = (k + 1)^(−θ), θ ≥ 0 (θ = 0 is the constant scheduler; B.3 uses θ = 1/2). */
public final class PowerDecay implements Schedule {
    private static final long serialVersionUID = 1L;
    private final double theta;

    public PowerDecay(double theta) {
        if (!(theta >= 0) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException("schedule.theta must be finite and >= 0 (got " + theta + ")");
        }
        this.theta = theta;
    }

    public double theta() { return theta; }

    @Override
    public double at(double k) {
        return theta == 0 ? 1 : theta == 0.5 ? 1 / Math.sqrt(k + 1) : Math.pow(k + 1, -theta);
    }

    /**
     * Analytic: φ¹ₜ = ∫(s+1)^−θ ds diverges iff θ ≤ 1; φ²ₜ converges iff 2θ > 1; and for
     * 0 &lt; θ ≤ 1, φ²ₜ/φ¹ₜ ~ t^−θ (θ &lt; ½), log t/√t (θ = ½) or bounded/φ¹ (θ > ½) → 0.
     */
    @Override
    public RobbinsMonro robbinsMonro() {
        final boolean phi1Diverges = theta <= 1;
        final boolean phi2Bounded = theta > 0.5;
        final boolean ratioToZero = theta > 0 && theta <= 1;
        String reason;
        if (!phi1Diverges) {
            reason = "phi1_t = int (s+1)^-" + theta + " ds converges (theta > 1): the steps sum to a finite distance";
        } else if (!phi2Bounded) {
            reason = theta == 0
                    ? "constant scheduler: phi2_t/phi1_t = 1 does not tend to 0"
                    : "phi2_t = int (s+1)^-" + (2 * theta) + " ds diverges (theta <= 1/2): squared steps not summable"
                      + " (the paper's weaker ratio condition phi2/phi1 -> 0 does hold)";
        } else {
            reason = "phi1_t -> inf and phi2_t bounded (1/2 < theta <= 1)";
        }
        return new RobbinsMonro(phi1Diverges, phi2Bounded, ratioToZero, true, reason);
    }

    @Override
    public String describe() {
        return theta == 0 ? "constant" : "power(theta=" + theta + ")";
    }
}
