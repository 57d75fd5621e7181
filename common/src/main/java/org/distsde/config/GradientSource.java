package org.distsde.config;

/** {@code objective.data.gradient}: an agent's stochastic gradient: a minibatch of its own rows, or the full gradient with the injected noise of noise (seed 000, Appendix F). */
public enum GradientSource implements ConfigValue {
    MINIBATCH("minibatch"),
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
