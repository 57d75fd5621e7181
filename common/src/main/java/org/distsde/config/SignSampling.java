package org.distsde.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * {@code signSampling} (dsignsgd): {@code noise} draws each agent's noise and sends
 * sign(∂f + Z); {@code cdf} draws +1 with probability F(∂f/s) from one uniform, the same law.
 */
public enum SignSampling implements ConfigValue {
    NOISE("noise"),
    CDF("cdf");

    private final String id;

    SignSampling(String id) {
        this.id = id;
    }

    @Override
    @JsonValue
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    @JsonCreator
    public static SignSampling parse(String s) {
        return ConfigValue.parse(SignSampling.class, s, "signSampling");
    }
}
