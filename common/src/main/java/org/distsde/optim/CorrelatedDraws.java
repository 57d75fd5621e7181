package org.distsde.optim;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.distsde.compress.NoisyVector;
import org.distsde.noise.Correlation;
import org.distsde.sim.AgentKernel;

/**
 * gᵢ = ∇f + Zᵢ with full-covariance Gaussian noise Zᵢ = sᵢ·F·T, FFᵀ = C ({@code noise.correlation}
 * / {@code noise.lowRank}), sᵢ = fᵢ·√(σ0² + σ1²‖∇f‖²) with fᵢ the agent's factor: when coordinates
 * are first asked for, all {@link Correlation#draws()} standard normals T are drawn (index order);
 * a selection evaluates only the selected rows of F. The factor F is computed once (by the
 * caller); not thread-safe.
 */
final class CorrelatedDraws implements GradientDraws {
    private final int d;
    private final Correlation corr;
    private final double s0sq, s1sq;
    private final double[] factors;
    private final ContinuousSampler normal;
    private final double[] t;
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
        this.normal = ZigguratSampler.NormalizedGaussian.of(k.stream());
        this.t = new double[corr.draws()];
        this.z = new double[d];
    }

    @Override
    public NoisyVector at(int agent, double[] x, double[] grads, int off, double gn2) {
        return noisy.at(factors[agent] * Math.sqrt(s0sq + s1sq * gn2), grads, off); // sᵢ(x): Σᵢ = sᵢ²C
    }

    /** The {@link Correlation#draws()} standard normals of the current key, in index order. */
    private void draw() {
        final double[] tt = t;
        for (int q = 0; q < tt.length; q++) {
            tt[q] = normal.sample();
        }
    }

    private final class Noisy implements NoisyVector {
        private double s;
        private double[] g;
        private int off;

        Noisy at(double s, double[] g, int off) {
            this.s = s;
            this.g = g;
            this.off = off;
            return this;
        }

        @Override
        public void all(double[] out) {
            draw();
            corr.apply(t, 0, z, 0);
            for (int j = 0; j < d; j++) {
                out[j] = g[off + j] + s * z[j]; // ∇f + Zᵢ, Zᵢ ~ N(0, sᵢ²C)
            }
        }

        @Override
        public void selected(int[] idx, int n, double[] out) {
            draw();
            for (int q = 0; q < n; q++) {
                final int j = idx[q];
                out[q] = g[off + j] + s * corr.row(j, t, 0); // a dropped coordinate's row of F is not evaluated
            }
        }
    }
}
