package org.distsde.noise;

import java.io.Serializable;

/**
 * The noise models of N agents: agent i's gradient noise Zᵢ (Section 3). Homogeneous when every
 * agent has the same model (then {@link #of} returns it for any i).
 */
public interface AgentNoise extends Serializable {
    /** N. */
    int agents();

    /** True when every agent has the same model. */
    boolean homogeneous();

    /** The noise model of agent i. */
    NoiseModel of(int agent);
}
