package org.distsde.config;

import java.io.Serializable;
import org.distsde.compress.Compressor;
import org.distsde.compress.Identity;
import org.distsde.compress.RandomSparsification;

/**
 * {@code compression}: {@code type} none or random-sparsification with either {@code p} (keep
 * probability) or {@code omega} (ω = 1/p − 1) for every agent, or {@code agentOmegas} (one ωᵢ
 * per agent: heterogeneous compression rates). Used by dcsgd only.
 */
public record CompressionSpec(String type, Double p, Double omega, double[] agentOmegas) implements Serializable {
    public CompressionSpec {
        type = type == null ? "none" : type;
        switch (CompressionType.parse(type)) {
            case NONE -> {
                if (p != null || omega != null || agentOmegas != null) {
                    throw new ConfigException("compression.p/omega/agentOmegas need compression.type random-sparsification");
                }
            }
            case RANDOM_SPARSIFICATION -> {
                final int given = (p == null ? 0 : 1) + (omega == null ? 0 : 1) + (agentOmegas == null ? 0 : 1);
                if (given != 1) {
                    throw new ConfigException(
                            "compression needs exactly one of compression.p, compression.omega, compression.agentOmegas");
                }
                if (agentOmegas != null) {
                    Check.nonNegativeArray("compression.agentOmegas", agentOmegas);
                }
                if (p != null && !(p > 0 && p <= 1)) {
                    throw new ConfigException("compression.p must be in (0, 1] (got " + p + ")");
                }
                if (omega != null) {
                    Check.nonNegative("compression.omega", omega);
                }
            }
        }
    }

    public static CompressionSpec none() {
        return new CompressionSpec("none", null, null, null);
    }

    /** The parsed {@link #type}. */
    public CompressionType kind() {
        return CompressionType.parse(type);
    }

    /** True when every agent has the same compressor. */
    public boolean homogeneous() {
        return agentOmegas == null;
    }

    /** Checks the per-agent list against N. */
    void validate(int agents) {
        if (agentOmegas != null && agentOmegas.length != agents) {
            throw new ConfigException("compression.agentOmegas must have N = " + agents + " values (got "
                    + agentOmegas.length + ")");
        }
    }

    /** The compressor of every agent (homogeneous compression). */
    public Compressor build() {
        if (!homogeneous()) {
            throw new IllegalStateException("compression is per agent: use build(i)");
        }
        return build(0);
    }

    /** The compressor of agent i. */
    public Compressor build(int i) {
        if (kind() == CompressionType.NONE) {
            return Identity.INSTANCE;
        }
        if (agentOmegas != null) {
            return RandomSparsification.ofOmega(agentOmegas[i]);
        }
        return p != null ? new RandomSparsification(p) : RandomSparsification.ofOmega(omega);
    }
}
