package org.distsde.optim;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.compress.Compressor;
import org.distsde.compress.NoisyVector;
import org.distsde.compress.Workspace;
import org.distsde.config.CompressionSpec;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.GradientSource;
import org.distsde.data.MinibatchGradients;
import org.distsde.noise.NoiseModel;
import org.distsde.sim.AgentKernel;
import org.distsde.sim.DataAgents;

/**
 * The messages of agents that hold data: agent i's stochastic gradient is the mean gradient of B
 * rows drawn with replacement from its own shard, gᵢ = (1/B)Σ_b ∇ℓ(x; a_{k_b})
 * ({@code objective.data.gradient minibatch}), or its shard's full gradient ∇fᵢ(x) ({@code local}),
 * plus the injected noise of {@code noise} when it is not zero; the
 * optimizer's message is then gᵢ itself (DSGD, the adaptive optimizers), C(gᵢ) (compression) or
 * sign(gᵢ) (DSignSGD). Per agent and run, from the stream (seed, run, agent, round) in this order:
 * the B row indices (minibatch), the d noise draws (when injected), the compressor's draws.
 */
final class DataMessages extends AgentKernel {
    private final boolean sign;
    private final boolean local;
    private final MinibatchGradients batches;
    private final CompressionSpec compressionSpec;
    private final Compressor compressor; // null when compression is per agent
    private final boolean injected;
    private final double[] g;
    private final Workspace work;
    private final NoisyVector.Fixed drawn;

    DataMessages(ExperimentConfig cfg, boolean sign) {
        super(cfg);
        this.sign = sign;
        this.local = cfg.objective().data().gradientKind() == GradientSource.LOCAL;
        this.batches = DataAgents.minibatches(cfg);
        this.compressionSpec = cfg.compression();
        this.compressor = compressionSpec.homogeneous() ? compressionSpec.build() : null;
        this.injected = DataAgents.injectsNoise(cfg); // a zero noise model draws nothing
        this.g = new double[d];
        this.work = new Workspace(d);
        this.drawn = new NoisyVector.Fixed(d);
    }

    /** True when the series' agents hold data and send gradients of their own shards (minibatch or local). */
    static boolean applies(ExperimentConfig cfg) {
        return cfg.objective().dataDefined() && cfg.objective().data().gradientKind() != GradientSource.FULL;
    }

    @Override
    public boolean needsIterates() {
        return true;
    }

    @Override
    public void accumulate(int a0, int a1, long round, int runOffset, double[] grads, double[] gn2, boolean[] active,
                           double[] acc) {
        throw new IllegalStateException("agents holding data need the iterates x");
    }

    @Override
    public void accumulate(int a0, int a1, long round, int runOffset, double[] x, double[] grads, double[] gn2,
                           boolean[] active, double[] acc) {
        final int runs = gn2.length;
        for (int i = a0; i < a1; i++) {
            final NoiseModel noise = noise(i);
            final ContinuousSampler z = injected ? sampler(noise) : null;
            final Compressor comp = compressor != null ? compressor : compressionSpec.build(i);
            for (int r = 0; r < runs; r++) {
                if (!active[r]) {
                    continue;
                }
                rng.at(runOffset + r, i, round);
                final int off = r * d;
                if (local) {
                    batches.shardGradient(i, x, off, g);
                } else {
                    batches.sample(i, x, off, rng, g);
                }
                if (injected) {
                    for (int j = 0; j < d; j++) {
                        g[j] += noise.scale(j, gn2[r]) * z.sample();
                    }
                }
                if (sign) {
                    for (int j = 0; j < d; j++) {
                        acc[off + j] += Math.signum(g[j]);
                    }
                } else if (comp.identity()) {
                    for (int j = 0; j < d; j++) {
                        acc[off + j] += g[j];
                    }
                } else { // gᵢ is drawn whole (rows, then noise) before the compressor's own draws
                    comp.addCompressed(drawn.at(g, 0), d, rng, work, acc, off);
                }
            }
        }
    }
}
