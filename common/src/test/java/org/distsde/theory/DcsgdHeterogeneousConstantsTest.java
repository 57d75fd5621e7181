package org.distsde.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Rows;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * Theorem 6's constants with heterogeneous agents, written out from the definitions: N = 4 agents
 * with noise factors fᵢ = 0.5 + 1.5·i/3 (agentSpread [0.5, 2]) on σ0 = 0.5, σ1 = 0.2, and compression
 * rates ωᵢ = (0, 1, 2, 5) (agentOmegas), d = 3, (L0, L1) = (2, 0.5), η = 0.05, ε = 0.3.
 */
class DcsgdHeterogeneousConstantsTest {
    static final double[] OMEGA = {0, 1, 2, 5};
    static final int N = 4, D = 3;
    static final double L0 = 2, L1 = 0.5, ETA = 0.05, EPS = 0.3;

    static ExperimentConfig config() {
        return ConfigLoader.parse("""
                {"name": "het6", "runs": 10, "rounds": 40, "recordEvery": 20, "optimizer": "dcsgd", "agents": 4,
                 "eta": 0.05, "objective": {"type": "quartic", "dim": 3}, "x0": [1, 0.5, -1],
                 "noise": {"type": "gaussian", "sigma0": 0.5, "sigma1": 0.2, "agentSpread": [0.5, 2.0]},
                 "compression": {"type": "random-sparsification", "agentOmegas": [0, 1, 2, 5]},
                 "normalization": {"type": "theorem", "epsilon": 0.3}, "smoothness": {"l0": 2, "l1": 0.5}}
                """, List.of()).first();
    }

    /**
     * σ̄0² = (1/N)Σ(0.5fᵢ)², σ̄1² = (1/N)Σ(0.2fᵢ)², ω̄ = 2, σ̄0²ω = (1/N)Σ(0.5fᵢ)²ωᵢ (not σ̄0²·ω̄: the agents
     * with the largest noise compress most here), σ̄1²ω likewise; then Eq. 5's ceiling and Eq. 6's two
     * constants. Bugs caught: the cross terms as products of means (σ̄0²·ω̄ = 0.94 against 1.59 here), the
     * spread applied to σ² instead of σ, an ω of the first agent for all, a missing d or N.
     */
    @Test
    void theorem6ConstantsAverageTheAgents() {
        final ExperimentConfig c = config();
        double s0 = 0, s1 = 0, om = 0, s0om = 0, s1om = 0;
        for (int i = 0; i < N; i++) {
            final double f = 0.5 + 1.5 * i / 3.0;
            final double a = 0.25 * f * f, b = 0.04 * f * f;
            s0 += a / N;
            s1 += b / N;
            om += OMEGA[i] / N;
            s0om += a * OMEGA[i] / N;
            s1om += b * OMEGA[i] / N;
        }
        final AgentAverages avg = Simulation.averages(c);
        assertEquals(s0, avg.sigma0Sq(), 1e-14);
        assertEquals(s1, avg.sigma1Sq(), 1e-14);
        assertEquals(om, avg.omega(), 1e-14);
        assertEquals(s0om, avg.sigma0SqOmega(), 1e-14);
        assertEquals(s1om, avg.sigma1SqOmega(), 1e-14);
        assertEquals(1.7, s0om / (s0 * om), 1e-12); // 1.59375 against 0.9375: far from the product of the means
        final double c1 = om + D * (s1om + s1);
        final double gn = 0.8;
        final RoundStats r0 = Rows.row(0, 0, 0.01, 0.01, 0.01, 10, 0, 0, 0, 0, 0, 0, 0.3, gn, 0, 0, 0, 0,
                null, null, null);
        final RoundStats r1 = Rows.row(20, 1, 0.01, 0.01, 0.01, 10, 0, 0, 0, 0, 0, 0, 0.3, gn, 0.9, 0.7, 0.27,
                0.2, null, null, new double[10]);
        final var rep = TheoremChecker.check(c, avg, List.of(r0, r1), Source.OPTIMIZER, null);
        assertEquals(2 * N * EPS / (L0 * c1 + L1 * D * (s0 + s0om) + L1 * c1 * gn), rep.points().get(1).ceiling(),
                1e-12);
        final double gap = 0.25 * (1 + Math.pow(0.5, 4) + 1);
        final double derived = (gap + 0.7 * ETA * (L0 + L1) * D * (s0 + s0om) / (2 * N)) / ((1 - EPS) * 0.9);
        final double printed = (gap + 0.7 * (L0 * c1 + L1 * D * (s0 + s0om)) / (2 * N)) / ((1 - EPS) * 0.9);
        assertEquals(derived, rep.boundLabelled(DcsgdCheck.DERIVED).values().get(0).bound(), 1e-12);
        assertEquals(printed, rep.boundLabelled(DcsgdCheck.PRINTED).values().get(0).bound(), 1e-12);
    }
}
