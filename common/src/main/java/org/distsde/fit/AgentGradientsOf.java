package org.distsde.fit;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.GradientSource;
import org.distsde.data.MinibatchGradients;
import org.distsde.noise.NoiseModel;
import org.distsde.sim.AgentGradients;
import org.distsde.sim.DataAgents;

/**
 * The agents' gradient sampler of a config: the one place that decides where the agents'
 * stochastic gradients come from — ∇f(x) + Zᵢ(x) from the config's objective and noise
 * ({@link SyntheticGradients}; also a model on data with {@code objective.data.gradient full}),
 * agent i's minibatch gradient on its own shard ({@code minibatch}), or its shard's full
 * gradient plus the injected noise ({@code local}).
 */
public final class AgentGradientsOf {
    private AgentGradientsOf() { }

    public static AgentGradients of(ExperimentConfig cfg) {
        if (!cfg.objective().dataDefined() || cfg.objective().data().gradientKind() == GradientSource.FULL) {
            return new SyntheticGradients(cfg);
        }
        final MinibatchGradients batches = DataAgents.minibatches(cfg);
        if (cfg.objective().data().gradientKind() == GradientSource.MINIBATCH && !DataAgents.injectsNoise(cfg)) {
            return batches;
        }
        final boolean local = cfg.objective().data().gradientKind() == GradientSource.LOCAL;
        return new AgentGradients() {
            @Override public int agents() { return batches.agents(); }

            @Override public int dim() { return batches.dim(); }

            @Override
            public void sample(int agent, double[] x, int off, UniformRandomProvider rng, double[] out) {
                if (local) {
                    batches.shardGradient(agent, x, off, out);
                } else {
                    batches.sample(agent, x, off, rng, out);
                }
                final NoiseModel m = cfg.noise().build(agent, cfg.agents());
                final ContinuousSampler z = m.standardSampler(rng);
                for (int j = 0; j < out.length; j++) { // σ1 = 0 with local gradients (checked by the config)
                    out[j] += m.scale(j, 0) * z.sample();
                }
            }
        };
    }
}
