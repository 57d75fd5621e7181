package org.distsde.config;

/** {@code compression.type}, parsed once ({@link CompressionSpec#kind()}). */
public enum CompressionType implements ConfigValue {
    NONE("none"),
    RANDOM_SPARSIFICATION("random-sparsification");

    private final String id;

    CompressionType(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    public static CompressionType parse(String s) {
        return ConfigValue.parse(CompressionType.class, s, "compression.type");
    }
}
