package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.distsde.config.ConfigException;
import org.distsde.io.SeriesKind;
import org.distsde.report.ExperimentSection.Run;
import org.distsde.report.ExperimentSection.Series;

/**
 * Two results of the same config side by side (report {@code --compare}): the config fields that
 * differ (other than name and description), and per series and kind the final E[f − f*] of both,
 * their difference in standard errors z = (b − a)/√(SEₐ² + SE_b²) (SE = the loss's standard
 * deviation over √alive runs), and both verdicts.
 */
record Comparison(String a, String aId, String b, String bId, List<String> configDifferences, List<Row> rows) {
    /** |z| at or beyond which a difference is flagged. */
    static final double Z = 3;

    /** One series and kind in both results. */
    record Row(String series, SeriesKind kind, double lossA, double lossB, double z, String verdictA, String verdictB) {
        boolean differs() {
            return Math.abs(z) >= Z || (Double.isNaN(z) && Double.compare(lossA, lossB) != 0);
        }

        boolean verdictChanged() {
            return !verdictA.equals(verdictB);
        }
    }

    long differing() {
        return rows.stream().filter(Row::differs).count();
    }

    long changedVerdicts() {
        return rows.stream().filter(Row::verdictChanged).count();
    }

    /** Compares two simulate / integrate results; refuses results whose series do not match. */
    static Comparison of(ExperimentSection x, ExperimentSection y) {
        final List<String> labelsX = x.series().stream().map(Series::fullLabel).toList();
        final List<String> labelsY = y.series().stream().map(Series::fullLabel).toList();
        if (!labelsX.equals(labelsY)) {
            throw new ConfigException("--compare: " + x.name() + " and " + y.name() + " have different series ("
                    + labelsX.size() + " and " + labelsY.size() + "; the first that differs: "
                    + first(labelsX, labelsY) + "): compare results of the same config");
        }
        final List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.series().size(); i++) {
            final Series sx = x.series().get(i), sy = y.series().get(i);
            for (SeriesKind k : SeriesKind.values()) {
                final Run rx = sx.run(k), ry = sy.run(k);
                if (rx == null || ry == null) {
                    continue;
                }
                final double se = Math.hypot(rx.se(), ry.se());
                final double diff = ry.loss() - rx.loss();
                rows.add(new Row(sx.fullLabel(), k, rx.loss(), ry.loss(), se > 0 ? diff / se : diff == 0 ? 0 : Double.NaN,
                        rx.check() == null ? "" : rx.check().shown(), ry.check() == null ? "" : ry.check().shown()));
            }
        }
        final List<String> diffs = new ArrayList<>();
        differences("", x.tree(), y.tree(), diffs);
        diffs.removeIf(d -> d.startsWith("name:") || d.startsWith("description:"));
        return new Comparison(x.name(), x.id(), y.name(), y.id(), diffs, rows);
    }

    private static String first(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "'" + a.get(i) + "' vs '" + b.get(i) + "'";
            }
        }
        return a.size() > b.size() ? "'" + a.get(b.size()) + "'" : "'" + b.get(a.size()) + "'";
    }

    /** "path: a → b" for every leaf where two config trees differ. */
    static void differences(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            final Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                differences(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
            }
        } else if (a == null || b == null || !a.equals(b)) {
            out.add(path + ": " + (a == null ? "(absent)" : a.toString()) + " → " + (b == null ? "(absent)" : b.toString()));
        }
    }
}
