package org.distsde.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.Serializable;
import java.util.List;
import org.distsde.compress.AgentCompressors;
import org.distsde.compress.Arguments;
import org.distsde.compress.Compressor;
import org.distsde.compress.CompressorFactory;
import org.distsde.compress.Compressors;

/**
 * {@code compression}: the agents' compressor. {@code type} names it ({@link Compressors}: none,
 * random-sparsification, …) and the fields beside it are its parameters, checked by the type's
 * {@link CompressorFactory} (random sparsification: {@code p}, {@code omega} or per agent
 * {@code agentOmegas}). Alternatively {@code agents}, a list of N such objects, gives each agent
 * its own compressor. Used by the optimizers that compress their messages. {@code shiftRate} is
 * DIANA's α, the rate at which an agent's shift learns its gradient (hᵢ ← hᵢ + α·C(gᵢ − hᵢ);
 * Mishchenko et al. 2019), in (0, 1]; beside {@code type} or {@code agents}; only for optimizer
 * diana (default 1/(1 + max ωᵢ), their condition α ≤ 1/(ω + 1)).
 *
 * @param type      the compressor type (null with {@code agents})
 * @param arguments its parameters (read from the JSON by {@link CompressionReader})
 * @param agents    one compressor per agent, or null
 * @param shiftRate DIANA's α, or null
 */
@JsonDeserialize(using = CompressionReader.class)
public record CompressionSpec(String type, Arguments arguments, List<CompressionSpec> agents, Double shiftRate)
        implements Serializable {
    /** The type of no compression. */
    public static final String NONE = "none";
    /** The field of DIANA's α beside the compressor ({@code compression.shiftRate}). */
    public static final String SHIFT_RATE = "shiftRate";

    public CompressionSpec {
        if (shiftRate != null && !(shiftRate > 0 && shiftRate <= 1)) {
            throw new ConfigException("compression." + SHIFT_RATE + " must be in (0, 1] (got " + shiftRate + ")");
        }
        if (agents != null) {
            if (type != null || arguments != null && !arguments.names().isEmpty()) {
                throw new ConfigException("compression.agents gives every agent its own compressor: remove "
                        + (type != null ? "compression.type" : "compression." + arguments.names().iterator().next()));
            }
            if (agents.isEmpty()) {
                throw new ConfigException("compression.agents must not be empty");
            }
            for (int i = 0; i < agents.size(); i++) {
                final CompressionSpec a = agents.get(i);
                if (a == null || a.agents() != null || !a.homogeneous() || a.shiftRate() != null) {
                    throw new ConfigException("compression.agents[" + i + "] must be one compressor {\"type\": ...} "
                            + "with one setting (not per agent; compression." + SHIFT_RATE + " goes beside agents)");
                }
            }
            agents = List.copyOf(agents);
            arguments = Arguments.none("compression");
        } else {
            type = type == null ? NONE : type;
            arguments = arguments == null ? Arguments.none("compression") : arguments;
            final CompressorFactory f = factory(type, arguments.field("type"));
            for (String name : arguments.names()) {
                if (!f.parameters().containsKey(name)) {
                    throw new ConfigException(arguments.field(name) + " does not apply to compression.type " + type
                            + (f.parameters().isEmpty() ? " (it has no parameters)"
                            : " (its parameters: " + String.join(", ", f.parameters().keySet()) + ")"));
                }
            }
            try {
                f.check(arguments);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
    }

    /** One compressor for every agent: {@code type} with these parameters. */
    public static CompressionSpec of(String type, Arguments arguments) {
        return new CompressionSpec(type, arguments, null, null);
    }

    /** No compression. */
    public static CompressionSpec none() {
        return new CompressionSpec(NONE, null, null, null);
    }

    private static CompressorFactory factory(String type, String field) {
        try {
            return Compressors.of(type, field);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** True when some agent compresses (a type other than none). */
    public boolean compresses() {
        if (agents == null) {
            return !type.equals(NONE);
        }
        return agents.stream().anyMatch(CompressionSpec::compresses);
    }

    /** True when every agent has the same compressor. */
    public boolean homogeneous() {
        return agents == null && factory(type, "compression.type").homogeneous(arguments);
    }

    /** Checks the per-agent lists against N. */
    void validate(int agents) {
        if (this.agents != null) {
            if (this.agents.size() != agents) {
                throw new ConfigException("compression.agents must have N = " + agents + " entries (got "
                        + this.agents.size() + ")");
            }
            return;
        }
        try {
            factory(type, "compression.type").checkAgents(arguments, agents);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** Checks the parameters against the dimension d. */
    void validateDimension(int d) {
        final List<CompressionSpec> each = agents == null ? List.of(this) : agents;
        for (CompressionSpec s : each) {
            try {
                factory(s.type, "compression.type").checkDimension(s.arguments, d);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
    }

    /** The compressor of every agent (homogeneous compression). */
    public Compressor build() {
        if (!homogeneous()) {
            throw new IllegalStateException("compression is per agent: use build(i)");
        }
        return build(0);
    }

    /** The agents' compressors. */
    public AgentCompressors agentCompressors() {
        return new Agents(this);
    }

    /** {@link #build(int)} as {@link AgentCompressors}. */
    private record Agents(CompressionSpec spec) implements AgentCompressors {
        @Override public boolean homogeneous() { return spec.homogeneous(); }
        @Override public Compressor of(int agent) { return spec.build(agent); }
    }

    /** The compressor of agent i. */
    public Compressor build(int i) {
        if (agents != null) {
            return agents.get(i).build(0);
        }
        return factory(type, "compression.type").build(arguments, i);
    }
}
