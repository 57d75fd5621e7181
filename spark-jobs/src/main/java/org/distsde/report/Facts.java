package org.distsde.report;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.distsde.config.ExperimentConfig;
import org.distsde.report.ReportModel.Fact;

/**
 * The facts line of an experiment: its full setup, one fact per part of the config — optimizer,
 * objective, x₀, noise law (with σ₀, σ₁, ν, α …), compression (with its ω), normalization, schedule,
 * N, d, runs × rounds, η, seed — each with its value, or the values of the series where a sweep
 * varies it (up to four, else their count).
 */
final class Facts {
    private Facts() { }

    static List<Fact> of(List<ExperimentConfig> configs, long seed, double wallSeconds) {
        final List<Fact> f = new ArrayList<>();
        add(f, "optimizer", configs, c -> c.optimizer().id());
        merged(f, "objective", configs, ExperimentConfig::objective);
        add(f, "x₀", configs, c -> c.x0() == null ? "the model's initialisation" : vector(c.x0()));
        merged(f, "noise", configs, ExperimentConfig::noise);
        add(f, "compression", configs, c -> !c.compression().compresses() ? "none"
                : c.compression().homogeneous() ? c.compression().build().describe() : "per agent");
        merged(f, "normalization", configs, ExperimentConfig::normalization);
        merged(f, "schedule", configs, ExperimentConfig::schedule);
        add(f, "N", configs, c -> Integer.toString(c.agents()));
        add(f, "d", configs, c -> {
            final int d = org.distsde.spark.CostModel.dim(c);
            return d < 0 ? "data" : Integer.toString(d);
        });
        add(f, "runs × rounds", configs, c -> c.runs() + " × " + c.rounds());
        add(f, "η", configs, c -> num(c.eta()));
        f.add(new Fact("seed", Long.toString(seed)));
        if (Double.isFinite(wallSeconds)) {
            f.add(new Fact("wall time", String.format(Locale.ROOT, "%.1f s", wallSeconds)));
        }
        return f;
    }

    private static void add(List<Fact> f, String name, List<ExperimentConfig> configs,
                            Function<ExperimentConfig, String> value) {
        final Set<String> values = new LinkedHashSet<>();
        for (ExperimentConfig c : configs) {
            try {
                values.add(value.apply(c));
            } catch (RuntimeException e) {
                values.add("?");
            }
        }
        if (!values.isEmpty()) {
            f.add(new Fact(name, values.size() <= 4 ? String.join(" | ", values) : values.size() + " values (swept)"));
        }
    }

    /**
     * A part of the config over the series, component by component: "gaussian, σ₀ = 0, σ₁ ∈ {0.1, 1, 3}"
     * where a sweep varies σ₁ (its type listed as "none | theorem" where that varies).
     */
    private static void merged(List<Fact> f, String name, List<ExperimentConfig> configs,
                               Function<ExperimentConfig, Record> part) {
        final java.util.Map<String, Set<String>> byComponent = new java.util.LinkedHashMap<>();
        for (ExperimentConfig c : configs) {
            final Record r = part.apply(c);
            if (r == null) {
                continue;
            }
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                try {
                    final String text = value(rc.getAccessor().invoke(r));
                    byComponent.computeIfAbsent(rc.getName(), k -> new LinkedHashSet<>()).add(text == null ? "" : text);
                } catch (ReflectiveOperationException e) {
                    // not shown
                }
            }
        }
        final StringBuilder b = new StringBuilder();
        for (var e : byComponent.entrySet()) {
            final List<String> vs = e.getValue().stream().filter(v -> !v.isEmpty()).toList();
            if (vs.isEmpty()) {
                continue;
            }
            final boolean lead = e.getKey().equals("type");
            final String v = vs.size() == 1 ? vs.get(0) : lead ? String.join(" | ", vs)
                    : "∈ {" + String.join(", ", vs) + "}";
            b.append(b.length() == 0 ? "" : ", ").append(lead ? "" : Symbols.of(e.getKey()) + (vs.size() == 1 ? " = " : " "))
                    .append(v);
        }
        if (b.length() > 0) {
            f.add(new Fact(name, b.toString()));
        }
    }

    /**
     * A config record as "type, σ₀ = 0, σ₁ = 1": its {@code lead} component first, then every other
     * component that is set (not null, not an empty array), by its symbol.
     */
    static String spec(Record r, String lead) {
        if (r == null) {
            return "none";
        }
        final StringBuilder b = new StringBuilder();
        final List<String> rest = new ArrayList<>();
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            final Object v;
            try {
                v = rc.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            final String text = value(v);
            if (text == null) {
                continue;
            }
            if (rc.getName().equals(lead)) {
                b.append(text);
            } else {
                rest.add(Symbols.of(rc.getName()) + " = " + text);
            }
        }
        for (String s : rest) {
            b.append(b.length() == 0 ? "" : ", ").append(s);
        }
        return b.toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof double[] a) {
            return a.length == 0 ? null : vector(a);
        }
        if (v instanceof int[] a) {
            return a.length == 0 ? null : Arrays.toString(a);
        }
        if (v instanceof double[][] m) {
            return m.length == 0 ? null : m.length + "×" + m[0].length + " matrix";
        }
        if (v instanceof Double d) {
            return num(d);
        }
        if (v instanceof Record nested) {
            return "{" + spec(nested, "type") + "}";
        }
        return v.toString();
    }

    /** A vector, shortened after 4 entries: "[1, 2, 3, 4, … (1000)]"; all entries equal as "1 (all 1000)"; one as a number. */
    static String vector(double[] a) {
        if (a.length == 1) {
            return num(a[0]);
        }
        if (a.length > 4 && Arrays.stream(a).allMatch(x -> x == a[0])) {
            return num(a[0]) + " (all " + a.length + ")";
        }
        final StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < Math.min(a.length, 4); i++) {
            b.append(i == 0 ? "" : ", ").append(num(a[i]));
        }
        return b.append(a.length > 4 ? ", … (" + a.length + ")]" : "]").toString();
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+($|e)", "$1");
    }
}
