package org.distsde.compress;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of one compressor as the config gives them: numbers (or arrays of numbers) by
 * name, and the config path they were read under (e.g. {@code compression} or
 * {@code compression.agents[2]}), so that messages name the field. Immutable.
 */
public final class Arguments implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final Map<String, double[]> values;

    public Arguments(String path, Map<String, double[]> values) {
        this.path = path;
        final Map<String, double[]> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        this.values = Collections.unmodifiableMap(copy);
    }

    /** No parameters, under {@code path}. */
    public static Arguments none(String path) {
        return new Arguments(path, Map.of());
    }

    /** One number {@code name = value}, under {@code path} (programmatic configs, tests). */
    public static Arguments of(String path, String name, double value) {
        return new Arguments(path, Map.of(name, new double[] {value}));
    }

    /** The config path of parameter {@code name}, e.g. {@code compression.p}. */
    public String field(String name) {
        return path + "." + name;
    }

    /** The config path these parameters were read under. */
    public String path() {
        return path;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The names given. */
    public Set<String> names() {
        return values.keySet();
    }

    /** The single number {@code name}. */
    public double number(String name) {
        final double[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(field(name) + " is required");
        }
        if (v.length != 1) {
            throw new IllegalArgumentException(field(name) + " must be one number (got " + v.length + ")");
        }
        return v[0];
    }

    /** The integer {@code name}. */
    public int integer(String name) {
        final double v = number(name);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field(name) + " must be an integer (got " + v + ")");
        }
        return (int) v;
    }

    /** The numbers {@code name} (a copy). */
    public double[] numbers(String name) {
        final double[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(field(name) + " is required");
        }
        return v.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Arguments a) || !path.equals(a.path) || !values.keySet().equals(a.values.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), a.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = path.hashCode();
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            h = 31 * h + e.getKey().hashCode() ^ java.util.Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder("{");
        values.forEach((k, v) -> b.append(b.length() == 1 ? "" : ", ").append(k).append('=')
                .append(v.length == 1 ? Double.toString(v[0]) : java.util.Arrays.toString(v)));
        return b.append('}').toString();
    }
}
