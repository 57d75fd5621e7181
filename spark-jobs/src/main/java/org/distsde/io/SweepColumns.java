package org.distsde.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distsde.sim.RoundSchema;

/**
 * The swept parameters of a result as typed columns of the metrics table, beside {@code label}: one
 * column per config path of the sweep, named by the path with '.' as '_' ({@code noise.sigma1} is
 * {@code noise_sigma1}; {@code sweep_} in front where that would repeat a column of the table, as
 * {@code sweep_runs}), typed by its values over all series: {@link Type#INT} when every value is a
 * JSON integer within 32 bits ({@link Type#LONG} beyond), {@link Type#DOUBLE} when every value is a number, {@link Type#BOOLEAN}, else
 * {@link Type#STRING} (JSON objects, such as a swept normalization, as their JSON text).
 */
public final class SweepColumns {
    /** A column's type. */
    public enum Type { INT, LONG, DOUBLE, BOOLEAN, STRING }

    /** One column: the config path, its column name and its type. */
    public record Column(String path, String name, Type type) { }

    /** The metadata columns of the metrics table besides the swept ones. */
    static final List<String> META = List.of("series", "label", "kind", "optimizer");

    private SweepColumns() { }

    /** The columns of the swept paths of {@code params} (series → path → value), in first-seen order. */
    public static List<Column> of(List<Map<String, String>> params) {
        final Map<String, List<String>> byPath = new LinkedHashMap<>();
        for (Map<String, String> p : params) {
            for (var e : p.entrySet()) {
                byPath.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        final Set<String> taken = new HashSet<>(META);
        taken.addAll(List.of(RoundSchema.names(0)));
        final List<Column> out = new ArrayList<>();
        for (var e : byPath.entrySet()) {
            String name = e.getKey().replaceAll("[^A-Za-z0-9_]", "_");
            if (taken.contains(name) || name.matches("x\\d+_(mean|var)")) {
                name = "sweep_" + name;
            }
            taken.add(name);
            out.add(new Column(e.getKey(), name, type(e.getValue())));
        }
        return out;
    }

    static Type type(List<String> values) {
        boolean ints = true, longs = true, nums = true, bools = true;
        for (String v : values) {
            final String s = v == null ? "" : v.strip();
            longs &= s.matches("-?\\d{1,18}");
            ints &= longs && Math.abs(Long.parseLong(s)) <= Integer.MAX_VALUE;
            nums &= s.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
            bools &= s.equals("true") || s.equals("false");
        }
        return ints ? Type.INT : longs ? Type.LONG : nums ? Type.DOUBLE : bools ? Type.BOOLEAN : Type.STRING;
    }

    /** A value as the column's type holds it: Integer, Long, Double, Boolean or String; null when absent. */
    public static Object value(Column c, String v) {
        if (v == null) {
            return null;
        }
        return switch (c.type()) {
            case INT -> Integer.parseInt(v.strip());
            case LONG -> Long.parseLong(v.strip());
            case DOUBLE -> Double.parseDouble(v.strip());
            case BOOLEAN -> Boolean.parseBoolean(v.strip());
            case STRING -> v;
        };
    }
}
