package org.distsde.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * Three noise-free steps of Adam and AdamW (seed 000, Eq. 11) on f = ½(2x₁² + 0.5x₂²) from
 * x0 = (1, −3) with N = 2 agents, β₁ = 0.8, β₂ = 0.9, η = 0.1, ε = 0.05 (large enough to matter),
 * θ = 0.2, written out here step by step: m_k = β₁m_{k−1} + (1 − β₁)g, v_k = β₂v_{k−1} + (1 − β₂)g²,
 * m̂_k = m_k/(1 − β₁^k), v̂_k = v_k/(1 − β₂^k), x_k = x_{k−1} − ηm̂_k/(√v̂_k + ε) − ηθx_{k−1}.
 */
class AdamStepsByHandTest {
    static final double B1 = 0.8, B2 = 0.9, ETA = 0.1, EPS = 0.05, THETA = 0.2;
    static final double[] H = {2, 0.5};

    static List<RoundStats> run(String optimizer) {
        final ExperimentConfig c = ConfigLoader.parse("""
                {"name": "adam3", "runs": 1, "rounds": 3, "recordEvery": 1, "optimizer": "%s", "agents": 2, "eta": 0.1,
                 "objective": {"type": "quadratic", "h": [2.0, 0.5]}, "x0": [1.0, -3.0],
                 "noise": {"type": "gaussian", "sigma0": 0.0}, "recordCoordinates": 2,
                 "adaptive": {"beta1": 0.8, "beta2": 0.9, "epsilon": 0.05, "theta": 0.2}}
                """.formatted(optimizer), List.of()).first();
        return new Simulation(c).run(new LocalAggregator(c), null);
    }

    /** x after each of three steps, by hand. */
    static double[][] byHand(double theta) {
        final double[][] out = new double[3][2];
        for (int j = 0; j < 2; j++) {
            double x = j == 0 ? 1 : -3, m = 0, v = 0;
            for (int k = 1; k <= 3; k++) {
                final double g = H[j] * x;
                m = B1 * m + (1 - B1) * g;
                v = B2 * v + (1 - B2) * g * g;
                final double mHat = m / (1 - Math.pow(B1, k)), vHat = v / (1 - Math.pow(B2, k));
                x = x - ETA * mHat / (Math.sqrt(vHat) + EPS) - ETA * theta * x;
                out[k - 1][j] = x;
            }
        }
        return out;
    }

    /**
     * Step 1 by hand is x₁ = x0 − η·g/(|g| + ε) (both corrections divide out): for x₁ = 1, g = 2,
     * 1 − 0.1·2/2.05. Bugs caught: the corrections' exponent off by one (1 − β^{k−1} divides by 0 at
     * step 1, 1 − β^{k+1} shrinks it), v̂ corrected with β₁, ε inside the square root, the decay on
     * x_k after the step instead of x_{k−1}, a missing 1/N in the averaged gradient.
     */
    @Test
    void threeStepsOfAdamAndAdamW() {
        assertEquals(1 - 0.1 * 2 / 2.05, byHand(0)[0][0], 1e-15);
        for (String opt : new String[] {"adam", "adamw"}) {
            final double[][] want = byHand(opt.equals("adamw") ? THETA : 0);
            final List<RoundStats> rows = run(opt);
            for (int k = 1; k <= 3; k++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(want[k - 1][j], rows.get(k).x().mean()[j], 1e-14, opt + " step " + k + " x" + (j + 1));
                }
            }
        }
    }
}
