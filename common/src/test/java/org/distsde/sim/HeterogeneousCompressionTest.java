package org.distsde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.Sde;
import org.distsde.sde.Sdes;
import org.junit.jupiter.api.Test;

/** Agents with different compression rates ωᵢ (random sparsification, pᵢ = 1/(1 + ωᵢ)). */
class HeterogeneousCompressionTest {
    static final String CFG = """
            {"name": "het", "runs": 40000, "rounds": 1, "optimizer": "dcsgd", "agents": 3, "eta": 0.1,
             "objective": {"type": "quartic", "dim": 2}, "x0": [0], "noise": {"type": "gaussian", "sigma0": 0.5},
             "compression": {"type": "random-sparsification", "agentOmegas": [0, 1, 3]}}
            """;

    @Test
    void messageVarianceAndTheSdeDiffusionAverageTheAgentsRates() {
        final ExperimentConfig c = ConfigLoader.parse(CFG, List.of()).first();
        final int runs = c.runs(), d = 2;
        final double[] g = {0.8, -1.5};
        final double gn2 = g[0] * g[0] + g[1] * g[1];
        final double[] grads = new double[runs * d], n2 = new double[runs];
        final boolean[] active = new boolean[runs];
        for (int r = 0; r < runs; r++) {
            System.arraycopy(g, 0, grads, r * d, d);
            n2[r] = gn2;
            active[r] = true;
        }
        final double[] s = new double[runs * d];
        new AgentWorker(c).accumulate(0, 3, 0, grads, n2, active, s);
        final Sde sde = Sdes.of(c);
        final double[] x = {Math.cbrt(g[0]), Math.cbrt(g[1])}; // quartic: grad = x^3
        final double[] drift = new double[d], diff = new double[d];
        sde.coefficients(x, 0, drift, diff, 0);
        final double[] omegas = {0, 1, 3};
        for (int j = 0; j < d; j++) {
            double m = 0;
            for (int r = 0; r < runs; r++) {
                m += s[r * d + j];
            }
            m /= runs;
            double v = 0, m4 = 0;
            for (int r = 0; r < runs; r++) {
                final double e = s[r * d + j] - m;
                v += e * e;
                m4 += e * e * e * e;
            }
            v /= runs - 1;
            m4 /= runs;
            // Var(Σᵢ mᵢⱼ) = Σᵢ [ωᵢ (∂ⱼf)² + (1 + ωᵢ) σ²] (Eq. 28 per agent, random sparsification)
            double expected = 0;
            for (double w : omegas) {
                expected += w * g[j] * g[j] + (1 + w) * 0.25;
            }
            final double se = Math.sqrt((m4 - v * v) / runs);
            assertEquals(expected, v, 5 * se, "message variance, coordinate " + j);
            assertEquals(3 * g[j], m, 5 * Math.sqrt(v / runs), "unbiased");
            // SDE diffusion² = (η/N)·(1/N)Σᵢ[...], Eq. 27-28
            assertEquals(expected, diff[j] * diff[j] * 3 * 3 / c.eta(), 1e-9 * expected, "SDE diffusion");
        }
        final var avg = Simulation.averages(c);
        assertEquals(4.0 / 3, avg.omega(), 1e-15);
        assertEquals(0.25 * 4.0 / 3, avg.sigma0SqOmega(), 1e-15);
    }

    @Test
    void agentOmegasMustHaveOneValuePerAgentAndBeNonNegative() {
        var e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(CFG, List.of("compression.agentOmegas=[1,2]")));
        assertTrue(e.getMessage().contains("compression.agentOmegas"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(CFG, List.of("compression.agentOmegas=[1,-2,0]")));
        assertTrue(e.getMessage().contains("compression.agentOmegas"), e.getMessage());
    }
}
