package org.distsde.config;

/** {@code objective.data.split}: how the rows are dealt to the agents (iid, sorted by label, Dirichlet(alpha) over labels). */
public enum DataSplitKind implements ConfigValue {
    IID("iid"),
    LABEL("label"),
    DIRICHLET("dirichlet");

    private final String id;

    DataSplitKind(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    public static DataSplitKind parse(String s) {
        return ConfigValue.parse(DataSplitKind.class, s, "objective.data.split");
    }
}
