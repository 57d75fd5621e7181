package org.distsde.fit;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseSpec;
import org.distsde.noise.NoiseModel;
import org.distsde.objective.Objective;
import org.distsde.sim.AgentGradients;

/**
 * The synthetic agents of a config: agent i's stochastic gradient is ∇f(x) + Zᵢ(x) (Section 3),
 * Zᵢⱼ = sᵢⱼ(‖∇f(x)‖²)·Tⱼ with the agent's noise model ({@code cfg.noise().build(i, N)}) and Tⱼ
 * drawn coordinate by coordinate, in index order, from the model's standard law bound to the
 * caller's stream — the draws of the optimizer's kernel without compression.
 *
 * <p>Not thread-safe (it caches the last agent's model and the sampler bound to the last stream):
 * one instance per task or thread.
 */
public final class SyntheticGradients implements AgentGradients {
    private final Objective f;
    private final NoiseSpec spec;
    private final int agents;
    private final int d;
    /** Every agent's model when the noise is homogeneous, else null. */
    private final NoiseModel shared;
    private NoiseModel last;
    private int lastAgent = -1;
    private ContinuousSampler sampler;
    private UniformRandomProvider samplerRng;
    private String samplerLaw;

    public SyntheticGradients(ExperimentConfig cfg) {
        this.f = cfg.buildObjective();
        this.spec = cfg.noise();
        this.agents = cfg.agents();
        this.d = f.dim();
        this.shared = spec.homogeneous() ? spec.build(0, agents) : null;
    }

    @Override public int agents() { return agents; }

    @Override public int dim() { return d; }

    /** The noise model of agent i. */
    public NoiseModel noise(int agent) {
        if (agent < 0 || agent >= agents) {
            throw new IllegalArgumentException("agent must be in [0, " + agents + ") (got " + agent + ")");
        }
        if (shared != null) {
            return shared;
        }
        if (agent != lastAgent) {
            last = spec.build(agent, agents);
            lastAgent = agent;
        }
        return last;
    }

    @Override
    public void sample(int agent, double[] x, int off, UniformRandomProvider rng, double[] out) {
        final NoiseModel m = noise(agent);
        final double gn2 = f.gradient(x, off, out, 0);
        final ContinuousSampler z = sampler(m, rng);
        if (m.uniformScale()) {
            final double s = m.scale(0, gn2);
            for (int j = 0; j < d; j++) {
                out[j] += s * z.sample();
            }
        } else {
            for (int j = 0; j < d; j++) {
                out[j] += m.scale(j, gn2) * z.sample();
            }
        }
    }

    /** The sampler of m's standard law bound to rng, rebuilt only when the law or the stream changes. */
    private ContinuousSampler sampler(NoiseModel m, UniformRandomProvider rng) {
        if (rng != samplerRng || !m.standardLaw().equals(samplerLaw)) {
            sampler = m.standardSampler(rng);
            samplerRng = rng;
            samplerLaw = m.standardLaw();
        }
        return sampler;
    }
}
