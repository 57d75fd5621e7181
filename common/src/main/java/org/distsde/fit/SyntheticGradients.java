package org.distsde.fit;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseSpec;
import org.distsde.noise.CorrelatedGaussianNoise;
import org.distsde.noise.Correlation;
import org.distsde.noise.NoiseModel;
import org.distsde.objective.Objective;
import org.distsde.sim.AgentGradients;

/**
 * The synthetic agents of a config: agent i's stochastic gradient is ∇f(x) + Zᵢ(x) (Section 3),
 * Zᵢⱼ = sᵢⱼ(‖∇f(x)‖²)·Tⱼ with the agent's noise model ({@code cfg.noise().build(i, N)}) and Tⱼ
 * drawn coordinate by coordinate, in index order, from the model's standard law bound to the
 * caller's stream — the draws of the optimizer's kernel without compression. Full-covariance
 * Gaussian noise (Σᵢ(x) = sᵢ(x)²C, {@link CorrelatedGaussianNoise}) is drawn jointly as the kernel
 * draws it: Zᵢ = sᵢ(x)·F·T with FFᵀ = C and the {@link Correlation#draws()} standard normals T in
 * index order (not its marginals, which would make the coordinates independent).
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
    /** C's factor for full-covariance noise, else null; with its draw and product buffers. */
    private final Correlation corr;
    private final double[] t, z;

    public SyntheticGradients(ExperimentConfig cfg) {
        this.f = cfg.buildObjective();
        this.spec = cfg.noise();
        this.agents = cfg.agents();
        this.d = f.dim();
        this.shared = spec.homogeneous() ? spec.build(0, agents) : null;
        this.corr = spec.correlated() ? spec.correlationModel() : null;
        this.t = corr == null ? null : new double[corr.draws()];
        this.z = corr == null ? null : new double[d];
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
        final ContinuousSampler std = sampler(m, rng);
        if (corr != null) { // Zᵢ = sᵢ(x)·F·T, T: draws() standard normals in index order
            final double s = Math.sqrt(((CorrelatedGaussianNoise) m).scaleSq(gn2));
            for (int q = 0; q < t.length; q++) {
                t[q] = std.sample();
            }
            corr.apply(t, 0, z, 0);
            for (int j = 0; j < d; j++) {
                out[j] += s * z[j];
            }
        } else if (m.uniformScale()) {
            final double s = m.scale(0, gn2);
            for (int j = 0; j < d; j++) {
                out[j] += s * std.sample();
            }
        } else {
            for (int j = 0; j < d; j++) {
                out[j] += m.scale(j, gn2) * std.sample();
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
