package org.distsde.optim;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.compress.Compressor;
import org.distsde.compress.NoisyVector;
import org.distsde.compress.Workspace;
import org.distsde.config.CompressionSpec;
import org.distsde.config.ExperimentConfig;
import org.distsde.noise.NoiseModel;
import org.distsde.sim.AgentKernel;

/**
 * The agents' messages of DSGD, DCSGD and the adaptive optimizers: the stochastic gradient
 * mᵢ = ∇f(x) + Zᵢ(x), optionally compressed, mᵢ = C_{ξᵢ}(∇f(x) + Zᵢ(x)).
 *
 * <p>The compressor adds C(v) of the agent's noisy vector v ({@link Compressor#addCompressed});
 * v's noise is drawn per coordinate, Tⱼ in index order, when the compressor asks for the
 * coordinate: without compression all d of them, ∂ⱼf + sⱼTⱼ; random sparsification first draws
 * its d keep/drop decisions and then asks for the kept coordinates only (exact in distribution).
 */
final class GradientMessages extends AgentKernel {
    private final CompressionSpec compressionSpec;
    private final Compressor compressor; // null when compression is per agent
    /** Per-run noise scale of the shared model, once per round (it depends on the run only through ‖∇f‖²). */
    private double[] runScales = new double[0];
    private final Workspace work;
    private final Noisy noisy = new Noisy();

    GradientMessages(ExperimentConfig cfg) {
        super(cfg);
        this.compressionSpec = cfg.compression();
        this.compressor = compressionSpec.homogeneous() ? compressionSpec.build() : null;
        this.work = new Workspace(d);
    }

    @Override
    public void accumulate(int a0, int a1, long round, int runOffset, double[] grads, double[] gn2, boolean[] active,
                           double[] acc) {
        if (compressor != null && compressor.identity() && shared != null && shared.uniformScale()) {
            shared(a0, a1, round, runOffset, grads, gn2, active, acc);
            return;
        }
        final int runs = gn2.length;
        for (int i = a0; i < a1; i++) {
            final NoiseModel noise = noise(i);
            final ContinuousSampler z = sampler(noise);
            final Compressor comp = compressor != null ? compressor : compressionSpec.build(i);
            for (int r = 0; r < runs; r++) {
                if (!active[r]) {
                    continue;
                }
                rng.at(runOffset + r, i, round);
                comp.addCompressed(noisy.at(noise, z, grads, r * d, gn2[r]), d, rng, work, acc, r * d);
            }
        }
    }

    /**
     * Homogeneous agents whose scale is the same for every coordinate, without compression: the
     * scale s(‖∇f‖²) of each run is computed once, not once per agent (same draws, same order, same sums).
     */
    private void shared(int a0, int a1, long round, int runOffset, double[] g, double[] gn2, boolean[] active,
                        double[] acc) {
        final int runs = gn2.length;
        if (newRound(round, gn2, runOffset)) { // once per round, shared by all blocks of agents
            if (runScales.length < runs) {
                runScales = new double[runs];
            }
            for (int r = 0; r < runs; r++) {
                runScales[r] = active[r] ? shared.scale(0, gn2[r]) : 0;
            }
        }
        final double[] sc = runScales;
        final ContinuousSampler z = sampler(shared);
        if (d == 1) {
            // a run's messages added in a register, in agent order: the same operations as adding
            // them to acc[r] one by one, without a store and reload between agents
            for (int r = 0; r < runs; r++) {
                if (active[r]) {
                    final double gr = g[r], s = sc[r];
                    double a = acc[r];
                    for (int i = a0; i < a1; i++) {
                        rng.at(runOffset + r, i, round);
                        a += gr + s * z.sample();
                    }
                    acc[r] = a;
                }
            }
            return;
        }
        for (int i = a0; i < a1; i++) {
            for (int r = 0; r < runs; r++) {
                if (!active[r]) {
                    continue;
                }
                rng.at(runOffset + r, i, round);
                final int off = r * d;
                final double s = sc[r];
                for (int j = 0; j < d; j++) {
                    acc[off + j] += g[off + j] + s * z.sample();
                }
            }
        }
    }

    /**
     * Agent i's noisy gradient for one run, vⱼ = ∂ⱼf + sⱼ(‖∇f‖²)Tⱼ, each Tⱼ drawn from the agent's
     * sampler when coordinate j is asked for (in index order); the uniform scale is computed once.
     */
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
