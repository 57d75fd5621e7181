package org.distsde.optim;

import org.distsde.compress.NoisyVector;

/**
 * Where a kernel's agents' stochastic gradients gᵢ = ∇f_{γᵢ}(x) come from, one agent and run at a
 * time, with the kernel's stream positioned at (run, agent, round): coordinate-wise noise
 * ({@link SyntheticDraws}), full-covariance Gaussian noise ({@link CorrelatedDraws}) or the agent's
 * own rows ({@link DataDraws}). The message kernels compress, sign or remember what it returns.
 */
interface GradientDraws {
    /**
     * Agent i's gᵢ for the run at {@code off} (its noise drawn when the caller asks for
     * coordinates, see {@link NoisyVector}; the returned object is reused by the next call).
     *
     * @param x     the runs' iterates, flat [R·d] (read by agents holding data)
     * @param grads ∇f at the runs' iterates, flat [R·d]
     * @param gn2   ‖∇f‖² of the run
     */
    NoisyVector at(int agent, double[] x, double[] grads, int off, double gn2);

    /** True when {@link #at} reads x (agents holding data). */
    default boolean needsIterates() {
        return false;
    }
}
