package org.distsde.compress;

import java.io.Serializable;

/** The compressors of N agents (one each; homogeneous when every agent has the same one). */
public interface AgentCompressors extends Serializable {
    /** True when every agent has the same compressor. */
    boolean homogeneous();

    /** The compressor of agent i. */
    Compressor of(int agent);

    /** Every agent has {@code c}. */
    static AgentCompressors all(Compressor c) {
        return new AgentCompressors() {
            private static final long serialVersionUID = 1L;

            @Override public boolean homogeneous() { return true; }
            @Override public Compressor of(int agent) { return c; }
        };
    }
}
