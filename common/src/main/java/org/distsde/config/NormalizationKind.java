package org.distsde.config;

/** {@code normalization.type}, parsed once ({@link NormalizationSpec}). */
public enum NormalizationKind implements ConfigValue {
    NONE("none"),
    GRAD_NORM("grad-norm"),
    THEOREM("theorem");

    private final String id;

    NormalizationKind(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    public static NormalizationKind parse(String s) {
        return ConfigValue.parse(NormalizationKind.class, s, "normalization.type");
    }
}
