package org.distsde.config;

/** {@code objective.data.format}: the dataset's file format. */
public enum DataFormat implements ConfigValue {
    CSV("csv"),
    LIBSVM("libsvm"),
    PARQUET("parquet");

    private final String id;

    DataFormat(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    public static DataFormat parse(String s) {
        return ConfigValue.parse(DataFormat.class, s, "objective.data.format");
    }
}
