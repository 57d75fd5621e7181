package org.distsde.config;

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
    public String id() {
        return id;
    }

    public static SignSampling parse(String s) {
        return ConfigValue.parse(SignSampling.class, s, "signSampling");
    }
}
