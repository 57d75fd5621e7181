package org.distsde.config;

import java.io.Serializable;
import org.distsde.compress.Compressor;
import org.distsde.compress.Identity;
import org.distsde.compress.RandomSparsification;

/**
 * {@code compression}: {@code type} none or random-sparsification with either {@code p} (keep
 * probability) or {@code omega} (ω = 1/p − 1). Used by dcsgd only.
 */
public record CompressionSpec(String type, Double p, Double omega) implements Serializable {
    public CompressionSpec {
        type = type == null ? "none" : type;
        switch (type) {
            case "none" -> {
                if (p != null || omega != null) {
                    throw new ConfigException("compression.p/omega need compression.type random-sparsification");
                }
            }
            case "random-sparsification" -> {
                if ((p == null) == (omega == null)) {
                    throw new ConfigException("compression needs exactly one of compression.p or compression.omega");
                }
                if (p != null && !(p > 0 && p <= 1)) {
                    throw new ConfigException("compression.p must be in (0, 1] (got " + p + ")");
                }
                if (omega != null) {
                    Check.nonNegative("compression.omega", omega);
                }
            }
            default -> throw new ConfigException(
                    "compression.type must be none or random-sparsification (got '" + type + "')");
        }
    }

    public static CompressionSpec none() {
        return new CompressionSpec("none", null, null);
    }

    public Compressor build() {
        if (type.equals("none")) {
            return Identity.INSTANCE;
        }
        return p != null ? new RandomSparsification(p) : RandomSparsification.ofOmega(omega);
    }
}
