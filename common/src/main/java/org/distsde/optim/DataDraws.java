package org.distsde.optim;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.compress.NoisyVector;
import org.distsde.data.MinibatchGradients;
import org.distsde.noise.NoiseModel;
import org.distsde.rng.CounterWindow;
import org.distsde.rng.KeyedStream;
import org.distsde.sim.AgentKernel;

/**
 * gᵢ of agents that hold data: the mean gradient of B rows drawn with replacement from agent i's
 * own shard, gᵢ = (1/B)Σ_b ∇ℓ(x; a_{k_b}) ({@code objective.data.gradient minibatch}), or its
 * shard's full gradient ∇fᵢ(x) ({@code local}), plus the injected noise of {@code noise} when it is
 * not zero. Drawn whole when asked for (the B row indices from the keyed stream, then the d noise
 * draws), before any draw of the caller's: Gaussian noise from the counter-based source
 * ({@link AgentKernel#blocks}: key (agent, round), counters R·d + j for global run R), other laws
 * from the keyed stream after the row indices. Not thread-safe.
 */
final class DataDraws implements GradientDraws {
    private final AgentKernel k;
    private final int d;
    private final MinibatchGradients batches;
    private final boolean local;
    private final boolean injected;
    private final double[] g;
    private final NoisyVector.Fixed drawn;
    private final CounterWindow normals;

    /**
     * @param local    the shard's full gradient instead of a minibatch
     * @param injected some agent's noise model is not zero
     */
    DataDraws(AgentKernel k, MinibatchGradients batches, boolean local, boolean injected) {
        this.k = k;
        this.d = k.dim();
        this.batches = batches;
        this.local = local;
        this.injected = injected;
        this.g = new double[d];
        this.drawn = new NoisyVector.Fixed(d);
        this.normals = SyntheticDraws.window(k, d);
    }

    @Override
    public boolean needsIterates() {
        return true;
    }

    @Override
    public NoisyVector at(int agent, double[] x, double[] grads, int off, double gn2) {
        if (x == null) {
            throw new IllegalStateException("agents holding data need the iterates x");
        }
        if (local) {
            batches.shardGradient(agent, x, off, g);
        } else {
            batches.sample(agent, x, off, k.stream(), g);
        }
        if (injected) {
            final NoiseModel noise = k.noise(agent);
            if (SyntheticDraws.gaussian(noise)) {
                final KeyedStream s = k.stream(); // positioned by the kernel at (run, agent, round)
                final int o = normals.at(0, agent, s.round(), s.run() * d, d, d >= SyntheticDraws.AHEAD || grads == null ? d : grads.length - off);
                final double[] t = normals.buffer();
                for (int j = 0; j < d; j++) {
                    g[j] += noise.scale(j, gn2) * t[o + j];
                }
            } else {
                final ContinuousSampler z = k.sampler(noise);
                for (int j = 0; j < d; j++) {
                    g[j] += noise.scale(j, gn2) * z.sample();
                }
            }
        }
        return drawn.at(g, 0);
    }
}
