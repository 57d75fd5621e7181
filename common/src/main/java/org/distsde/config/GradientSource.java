package org.distsde.config;

/**
 * {@code objective.data.gradient}, an agent's stochastic gradient: {@code minibatch} (B rows of its
 * own shard), {@code local} (the full gradient of its own shard plus the injected noise of
 * {@code noise}) or {@code full} (the full gradient of the whole dataset plus the injected noise:
 * seed 000, Appendix F).
 */
public enum GradientSource implements ConfigValue {
    MINIBATCH("minibatch"),
    LOCAL("local"),
    FULL("full");

    private final String id;

    GradientSource(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    public static GradientSource parse(String s) {
        return ConfigValue.parse(GradientSource.class, s, "objective.data.gradient");
    }
}
