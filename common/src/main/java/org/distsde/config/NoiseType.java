package org.distsde.config;

/** {@code noise.type}, parsed once ({@link NoiseSpec#kind()}). */
public enum NoiseType implements ConfigValue {
    GAUSSIAN("gaussian"),
    STUDENT_T("student-t"),
    STABLE("stable");

    private final String id;

    NoiseType(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    public static NoiseType parse(String s) {
        return ConfigValue.parse(NoiseType.class, s, "noise.type");
    }
}
