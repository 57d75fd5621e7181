package org.distsde.sim;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The agents' stochastic gradients ∇f_{γᵢ}(x) as a sampler: synthetic (∇f(x) + Zᵢ(x) from the
 * agent's noise model) or data-defined (a minibatch of agent i's own shard). Used where the raw
 * per-agent gradients are needed one at a time (fitting noise models); the optimizers' kernels
 * keep their own fused loops.
 */
public interface AgentGradients {
    /** The number of agents N. */
    int agents();

    /** The dimension d. */
    int dim();

    /** Writes one draw of agent i's stochastic gradient at x[off .. off+d) into out[0 .. d), drawing from rng. */
    void sample(int agent, double[] x, int off, UniformRandomProvider rng, double[] out);
}
