package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.distsde.optim.Optimizers;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.optim.Adaptive;
import org.junit.jupiter.api.Test;

/**
 * The adaptive SDEs' coefficients at one point against values computed by hand from seed 000's
 * equations. Setting: f = x², ∇f = 2x (h = 2), x = 0.5 so ∇f = 1; N = 2 agents with σ0 = 1, so
 * diag S/N = 1/2 (a missing 1/N gives 1); η = 0.01, β₁ = 0.9 (ρ₁ = 10), β₂ = 0.99 (ρ₂ = 1),
 * ε = 0.1, θ = 0.3; state M = 0.4, V = 0.6 at t = 0.2, so ι₁ = 1 − e^{−ρ₁(t+η)} = 1 − e^{−2.1},
 * ι₂ = 1 − e^{−0.21}, and the post-update second moment V + ηρ₂((∇f)² + S/N − V) = 0.6 + 0.01·0.9 = 0.609
 * (Malladi: 0.6 − 0.001 = 0.599).
 */
class AdaptiveSdeTest {
    static ExperimentConfig cfg(String optimizer, String model) {
        return ConfigLoader.parse("{\"name\":\"a\",\"runs\":1,\"rounds\":10,\"optimizer\":\"" + optimizer
                + "\",\"agents\":2,\"eta\":0.01,\"objective\":{\"type\":\"quadratic\",\"h\":[2.0]},\"x0\":[0.5],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":1.0},"
                + "\"adaptive\":{\"beta1\":0.9,\"beta2\":0.99,\"epsilon\":0.1,\"theta\":0.3},"
                + "\"sde\":{\"enabled\":true,\"model\":\"" + model + "\"}}", List.of()).first();
    }

    static double[] at(String optimizer, String model) {
        final ExperimentConfig c = cfg(optimizer, model);
        final AdaptiveSde sde = (AdaptiveSde) Sdes.of(c);
        final double[] x = {0.5}, aux = {0.4, 0.6}, drift = new double[1], diff = new double[1];
        final double[] gn2 = new double[1], grad = new double[1];
        sde.coefficients(0.2, x, aux, 1, drift, diff, gn2, grad);
        sde.advance(0.2, aux, grad, gn2, 1, new double[] {0.02}, 0, 0.001, new double[] {1});
        return new double[] {drift[0], diff[0], aux[0], aux[1], grad[0], gn2[0]};
    }

    @Test
    void adamWOursEq219To221() {
        final double[] r = at("adamw", "full");
        // drift −(√ι₂/ι₁)(M + ηρ₁(∇f − M))/(√0.609 + ε√ι₂) − θx, M + ηρ₁(∇f − M) = 0.4 + 0.1·0.6 = 0.46
        assertEquals(-0.4268976647542134, r[0], 1e-13);
        assertEquals(0, r[1], 0); // X has no diffusion: the noise enters through M (Eq. 220)
        // M' = M + ρ₁(∇f − M)dt + √η ρ₁ √(S/N) ΔW = 0.4 + 10·0.6·0.001 + 0.1·10·√0.5·0.02
        assertEquals(0.420142135623731, r[2], 1e-13);
        // V' = V + ρ₂((∇f)² + S/N − V)dt = 0.6 + 1·0.9·0.001
        assertEquals(0.6009, r[3], 1e-13);
        assertEquals(1.0, r[4], 0);
    }

    @Test
    void adamMalladiEq233To235() {
        final double[] r = at("adamw", "malladi");
        // drift −(√ι₂/ι₁)M/(√0.599 + ε√ι₂) − θx (θx kept for AdamW)
        assertEquals(-0.39267555260992726, r[0], 1e-13);
        assertEquals(0.420142135623731, r[2], 1e-13); // the same dM (Eq. 234)
        assertEquals(0.5999, r[3], 1e-13);              // dV = ρ₂(S/N − V)dt: no (∇f)²
    }

    @Test
    void rmspropWOursEq158() {
        final double[] r = at("rmspropw", "full");
        // ρ = ρ₂ = 1: drift −∇f/(√0.609 + ε) − θx, diffusion √η √(S/N)/(√0.609 + ε)
        assertEquals(-1.2858673131971066, r[0], 1e-13);
        assertEquals(0.08031794796898181, r[1], 1e-14);
        assertEquals(0.6009, r[3], 1e-13);
        assertEquals(0.4, r[2], 0); // RMSprop has no M: untouched
    }

    @Test
    void settingsOfTheVariants() {
        final ExperimentConfig c = cfg("rmsprop", "full");
        final org.distsde.config.AdaptiveSettings s = ((Adaptive) Optimizers.of(c)).settings(c);
        assertEquals(0, s.beta1(), 0);  // no momentum
        assertEquals(0, s.theta(), 0);  // no decay without W
        assertEquals(false, s.biasCorrection());
        final ExperimentConfig w = cfg("adamw", "full");
        final org.distsde.config.AdaptiveSettings sw = ((Adaptive) Optimizers.of(w)).settings(w);
        assertEquals(0.3, sw.theta(), 0);
        assertEquals(10, sw.rho1(0.01), 1e-12);
        assertEquals(1, sw.rho2(0.01), 1e-12);
    }
}
