package org.distsde.optim;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.compress.NoisyVector;
import org.distsde.noise.NoiseModel;
import org.distsde.sim.AgentKernel;

/**
 * gᵢ = ∇f + Zᵢ with coordinate-wise noise (Section 3): vⱼ = ∂ⱼf + sⱼ(‖∇f‖²)Tⱼ, each Tⱼ drawn from
 * the agent's standard law when coordinate j is asked for, in index order (the uniform scale
 * computed once). Not thread-safe: one per kernel.
 */
final class SyntheticDraws implements GradientDraws {
    private final AgentKernel k;
    private final int d;
    private final Noisy noisy = new Noisy();

    SyntheticDraws(AgentKernel k) {
        this.k = k;
        this.d = k.dim();
    }

    @Override
    public NoisyVector at(int agent, double[] x, double[] grads, int off, double gn2) {
        final NoiseModel m = k.noise(agent);
        return noisy.at(m, k.sampler(m), grads, off, gn2);
    }

    private final class Noisy implements NoisyVector {
        private NoiseModel noise;
        private ContinuousSampler z;
        private double[] g;
        private int off;
        private double gn2;
        private boolean uni;
        private double s0;

        Noisy at(NoiseModel noise, ContinuousSampler z, double[] g, int off, double gn2) {
            this.noise = noise;
            this.z = z;
            this.g = g;
            this.off = off;
            this.gn2 = gn2;
            this.uni = noise.uniformScale();
            this.s0 = uni ? noise.scale(0, gn2) : 0;
            return this;
        }

        @Override
        public void all(double[] out) {
            if (uni) {
                final double s = s0;
                for (int j = 0; j < d; j++) {
                    out[j] = g[off + j] + s * z.sample();
                }
            } else {
                for (int j = 0; j < d; j++) {
                    out[j] = g[off + j] + noise.scale(j, gn2) * z.sample();
                }
            }
        }

        @Override
        public void selected(int[] idx, int n, double[] out) {
            if (uni) {
                final double s = s0;
                for (int q = 0; q < n; q++) {
                    out[q] = g[off + idx[q]] + s * z.sample();
                }
            } else {
                for (int q = 0; q < n; q++) {
                    final int j = idx[q];
                    out[q] = g[off + j] + noise.scale(j, gn2) * z.sample();
                }
            }
        }
    }
}
