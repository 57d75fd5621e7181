package org.distsde.fit;

import java.io.Serializable;
import java.util.List;

/**
 * The agent averages the theorems use, from the agents' fits: σ̄0² = (1/N)Σσ̂0ᵢ², σ̄1² = (1/N)Σσ̂1ᵢ²
 * (Theorems 4 and 6), and with the compression rates ωᵢ of the config (known, not fitted)
 * σ̄0²ω = (1/N)Σσ̂0ᵢ²ωᵢ, σ̄1²ω = (1/N)Σσ̂1ᵢ²ωᵢ (Theorem 6) — the same equal-weight means as
 * {@link org.distsde.sim.AgentAverages}, not inverse-variance weighted ones (which would estimate a
 * different average when the agents differ). The agents' estimates are independent (disjoint
 * streams), so SE(Σcᵢσ̂ᵢ²/N) = √(Σcᵢ²SEᵢ²)/N; intervals ± 1.96 SE. {@code tailIndex}: the agent
 * with the smallest estimated tail index (the one the conditions depend on).
 */
public record PooledNoise(long agents, Estimated sigma0Sq, Estimated sigma1Sq, double omega, Estimated sigma0SqOmega,
                          Estimated sigma1SqOmega, int tailAgent, Estimated tailIndex) implements Serializable {
    static final String METHOD = "mean over the N agents of their estimates; SE = sqrt(sum of c_i^2 SE_i^2)/N";

    /** Pools the fits of agents 0 … N−1 (in order) with their compression rates ωᵢ. */
    public static PooledNoise of(List<NoiseFit.AgentFit> fits, double[] omegas) {
        final int n = fits.size();
        if (n == 0 || omegas.length != n) {
            throw new IllegalArgumentException("need one compression rate per fitted agent (" + n + " agents, "
                    + omegas.length + " rates)");
        }
        final double[] one = new double[n];
        java.util.Arrays.fill(one, 1);
        double om = 0;
        int tailAgent = -1;
        for (int i = 0; i < n; i++) {
            if (fits.get(i).agent() != i) {
                throw new IllegalArgumentException("fits must be agents 0 .. N-1 in order (got agent "
                        + fits.get(i).agent() + " at " + i + ")");
            }
            om += omegas[i];
            final Estimated t = fits.get(i).tailIndex();
            if (t.present() && (tailAgent < 0 || t.estimate() < fits.get(tailAgent).tailIndex().estimate())) {
                tailAgent = i;
            }
        }
        return new PooledNoise(n, mean(fits, one, true), mean(fits, one, false), om / n, mean(fits, omegas, true),
                mean(fits, omegas, false), tailAgent,
                tailAgent < 0 ? Estimated.none("no agent has a tail index estimate") : fits.get(tailAgent).tailIndex());
    }

    /** (1/N)Σcᵢσ̂ᵢ² with its SE. */
    private static Estimated mean(List<NoiseFit.AgentFit> fits, double[] c, boolean sigma0) {
        final int n = fits.size();
        double s = 0, v = 0;
        for (int i = 0; i < n; i++) {
            final Estimated e = sigma0 ? fits.get(i).sigma0Sq() : fits.get(i).sigma1Sq();
            if (!e.present()) {
                return Estimated.none("agent " + i + ": " + e.method());
            }
            s += c[i] * e.estimate();
            v += c[i] * c[i] * e.se() * e.se();
        }
        return Estimated.normal(s / n, Math.sqrt(v) / n, METHOD);
    }
}
