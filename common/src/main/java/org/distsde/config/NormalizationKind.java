package org.distsde.config;

/** {@code normalization.type}, parsed once ({@link NormalizationSpec}). */
public enum NormalizationKind {
    NONE("none"),
    GRAD_NORM("grad-norm"),
    THEOREM("theorem");

    private final String id;

    NormalizationKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static NormalizationKind parse(String s) {
        for (NormalizationKind k : values()) {
            if (k.id.equals(s)) {
                return k;
            }
        }
        throw new ConfigException("normalization.type must be none, grad-norm or theorem (got '" + s + "')");
    }
}
