package org.distsde.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScalingRulesTest {
    static final double[] H = {2, 5};
    static final double SIGMA = 0.7;
    static final ScalingRules.Hyper BASE = new ScalingRules.Hyper(0.002, 2, 0.9, 0.999, 1.5);

    static void assertHyper(double eta, double batch, double beta1, double beta2, double theta, ScalingRules.Hyper h) {
        assertEquals(eta, h.eta(), 1e-15);
        assertEquals(batch, h.batch(), 0);
        assertEquals(beta1, h.beta1(), 1e-14);
        assertEquals(beta2, h.beta2(), 1e-14);
        assertEquals(theta, h.theta(), 1e-14);
    }

    @Test
    void novelRuleHandComputed() {
        // δ = 9: κ = ξ = 3, η̃ = 0.006, B̃ = 18, β̃ᵢ = 1 − 3(1−βᵢ) = (0.7, 0.997), θ̃ = 4.5
        final ScalingRules.Scaled s = ScalingRules.novel(BASE, 9);
        assertHyper(0.006, 18, 0.7, 0.997, 4.5, s.hyper());
        assertEquals(3, s.kappa(), 0);
        assertEquals(3, s.xi(), 0);
        assertEquals(3, s.alpha(), 0);
        assertEquals(9, s.delta(), 0);
        // δ = 4: κ = 2, (0.004, 8, 0.8, 0.998, 3)
        assertHyper(0.004, 8, 0.8, 0.998, 3, ScalingRules.novel(BASE, 4).hyper());
    }

    @Test
    void notRescaledAndMalladiRulesHandComputed() {
        // NR, δ = 9: as the novel rule but θ̃ = θ = 1.5
        assertHyper(0.006, 18, 0.7, 0.997, 1.5, ScalingRules.novelNotRescaled(BASE, 9).hyper());
        // Malladi, δ = 9: β̃ᵢ = 1 − κ²(1−βᵢ) = 1 − 9(1−βᵢ) = (0.1, 0.991), θ unchanged
        final ScalingRules.Scaled m = ScalingRules.malladi(BASE, 9);
        assertHyper(0.006, 18, 0.1, 0.991, 1.5, m.hyper());
        assertEquals(9, m.alpha(), 1e-15);
        assertEquals(1, m.xi(), 0);
        // 1 − 4(1 − 0.5) < 0
        assertThrows(IllegalArgumentException.class,
                () -> ScalingRules.malladi(new ScalingRules.Hyper(0.002, 2, 0.5, 0.999, 0), 4));
    }

    static double eq15(ScalingRules.Hyper p) {
        return AdaptiveLimits.adamW(p.eta(), H, SIGMA, p.theta(), p.batch(), 1, 1, 1);
    }

    @Test
    void eq15IsInvariantUnderTheNovelRuleOnly() {
        // base: ηL_τσL/2 / (2μ√B L + σθ(L+μ)) = 0.0245/(20√2 + 7.35)
        final double base = 0.0245 / (20 * Math.sqrt(2) + 7.35);
        assertEquals(base, eq15(BASE), 1e-16);
        for (double delta : new double[] {4, 9, 0.25}) {
            final ScalingRules.Scaled s = ScalingRules.novel(BASE, delta);
            assertEquals(base, eq15(s.hyper()), 1e-15 * base);
            // the (κ, δ, ξ)-form of Eq. 15 at the base values is Eq. 15 at the rescaled values
            assertEquals(eq15(s.hyper()),
                    AdaptiveLimits.adamW(BASE.eta(), H, SIGMA, BASE.theta(), BASE.batch(), s.kappa(), s.delta(),
                            s.xi()),
                    1e-15 * base);
            // RMSprop(W) and Adam without weight decay: the square-root rule suffices
            assertEquals(AdaptiveLimits.rmsprop(BASE.eta(), H, SIGMA, BASE.batch(), 1, 1),
                    AdaptiveLimits.rmsprop(s.hyper().eta(), H, SIGMA, s.hyper().batch(), 1, 1), 1e-15);
        }
        // AdamW NR, δ = 4: 0.049/(40√2 + 7.35) > base (θ̃ should be 3 for 0.049/(40√2 + 14.7) = base)
        final double nr = eq15(ScalingRules.novelNotRescaled(BASE, 4).hyper());
        assertEquals(0.049 / (40 * Math.sqrt(2) + 7.35), nr, 1e-16);
        assertTrue(nr > 1.1 * base);
        assertTrue(Math.abs(eq15(ScalingRules.malladi(BASE, 4).hyper()) - base) > 0.1 * base);
        // the exact stationary loss of the linearised SDE is preserved too
        final ScalingRules.Hyper t = ScalingRules.novel(BASE, 4).hyper();
        final double[] s0 = {SIGMA / Math.sqrt(BASE.batch())};
        final double[] s1 = {SIGMA / Math.sqrt(t.batch())};
        assertEquals(AdaptiveLimits.adamWStationaryLoss(BASE.eta(), H, s0, BASE.theta()),
                AdaptiveLimits.adamWStationaryLoss(t.eta(), H, s1, t.theta()), 1e-17);
    }
}
