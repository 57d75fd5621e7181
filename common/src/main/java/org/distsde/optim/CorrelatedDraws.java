package org.distsde.optim;

import org.distsde.compress.NoisyVector;
import org.distsde.noise.Correlation;
import org.distsde.rng.CounterWindow;
import org.distsde.rng.KeyedStream;
import org.distsde.sim.AgentKernel;

/**
 * gᵢ = ∇f + Zᵢ with full-covariance Gaussian noise Zᵢ = sᵢ·F·T, FFᵀ = C ({@code noise.correlation}
 * / {@code noise.lowRank}), sᵢ = fᵢ·√(σ0² + σ1²‖∇f‖²) with fᵢ the agent's factor: when coordinates
 * are asked for, all m = {@link Correlation#draws()} standard normals T are read from the
 * counter-based source ({@link AgentKernel#blocks}) at key (agent, round), counters R·m + q for
 * global run R; a selection evaluates only the selected rows of F. The factor F is computed once
 * (by the caller); not thread-safe.
 */
final class CorrelatedDraws implements GradientDraws {
    private final int d;
    private final Correlation corr;
    private final double s0sq, s1sq;
    private final double[] factors;
    private final AgentKernel k;
    private final CounterWindow normals;
    private final int m;
    private final double[] z;
    private final Noisy noisy = new Noisy();

    /**
     * @param corr    the correlation structure C with its factor, of dimension d
     * @param sigma0  σ0 (one value)
     * @param sigma1  σ1 (one value)
     * @param factors fᵢ of every agent
     */
    CorrelatedDraws(AgentKernel k, Correlation corr, double sigma0, double sigma1, double[] factors) {
        this.d = k.dim();
        if (corr == null || corr.dim() != d) {
            throw new IllegalArgumentException("correlated noise needs noise.correlation or noise.lowRank of dimension " + d);
        }
        this.corr = corr;
        this.s0sq = sigma0 * sigma0;
        this.s1sq = sigma1 * sigma1;
        this.factors = factors.clone();
        this.k = k;
        this.m = corr.draws();
        this.normals = SyntheticDraws.window(k, m);
        this.z = new double[d];
    }

    @Override
    public NoisyVector at(int agent, double[] x, double[] grads, int off, double gn2) {
        return noisy.at(factors[agent] * Math.sqrt(s0sq + s1sq * gn2), agent, grads, off); // sᵢ(x): Σᵢ = sᵢ²C
    }

    /** The window offset of this run's m standard normals (counters R·m … R·m + m − 1). */
    private int draw(int agent, int runsAhead) {
        final KeyedStream s = k.stream(); // positioned by the kernel at (run, agent, round)
        return normals.at(0, agent, s.round(), s.run() * m, m, m >= SyntheticDraws.AHEAD ? m : (long) runsAhead * m);
    }

    private final class Noisy implements NoisyVector {
        private double s;
        private int agent;
        private double[] g;
        private int off;

        Noisy at(double s, int agent, double[] g, int off) {
            this.s = s;
            this.agent = agent;
            this.g = g;
            this.off = off;
            return this;
        }

        @Override
        public void all(double[] out) {
            final int o = draw(agent, (g.length - off) / d);
            corr.apply(normals.buffer(), o, z, 0);
            for (int j = 0; j < d; j++) {
                out[j] = g[off + j] + s * z[j]; // ∇f + Zᵢ, Zᵢ ~ N(0, sᵢ²C)
            }
        }

        @Override
        public void selected(int[] idx, int n, double[] out) {
            final int o = draw(agent, (g.length - off) / d);
            final double[] t = normals.buffer();
            for (int q = 0; q < n; q++) {
                final int j = idx[q];
                out[q] = g[off + j] + s * corr.row(j, t, o); // a dropped coordinate's row of F is not evaluated
            }
        }
    }
}
