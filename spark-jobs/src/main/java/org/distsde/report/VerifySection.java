package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.distsde.report.ReportModel.Figure;

/**
 * A {@code verify} result: one row per statement of the papers — paper, statement, verdict, the
 * measured and the predicted value, and their errors — from verify.json (an array of such objects,
 * or an object holding it as "statements" or "rows") or else verify.csv (the same columns).
 */
record VerifySection(String id, String name, List<Statement> statements) implements Section {
    /** One statement: where it is from, what it says, and what the run found. */
    record Statement(String paper, String statement, String verdict, String measured, String predicted,
                     String errors) { }

    static final List<String> COLUMNS = List.of("paper", "statement", "verdict", "measured", "predicted", "errors");

    @Override
    public List<Figure> figures() {
        return List.of();
    }

    /** The verdicts, one per statement. */
    List<String> verdicts() {
        return statements.stream().map(s -> s.verdict().toUpperCase(java.util.Locale.ROOT).replace(' ', '_')).toList();
    }

    static VerifySection fromJson(String name, JsonNode j, Set<String> taken) {
        final JsonNode rows = j.isArray() ? j : j.has("statements") ? j.path("statements") : j.path("rows");
        final List<Statement> out = new ArrayList<>();
        for (JsonNode r : rows) {
            out.add(new Statement(t(r, "paper"), t(r, "statement"), t(r, "verdict"), t(r, "measured"), t(r, "predicted"),
                    t(r, "errors")));
        }
        return new VerifySection(Names.unique(taken, Names.safe(j.path("name").asText(name) + "-verify")),
                j.path("name").asText(name), out);
    }

    static VerifySection fromCsv(String name, String csv, Set<String> taken) {
        final List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        final List<Statement> out = new ArrayList<>();
        if (!lines.isEmpty()) {
            final List<String> head = List.of(ResultData.split(lines.get(0)));
            for (int i = 1; i < lines.size(); i++) {
                final String[] v = ResultData.split(lines.get(i));
                final String[] f = new String[COLUMNS.size()];
                for (int c = 0; c < f.length; c++) {
                    final int at = head.indexOf(COLUMNS.get(c));
                    f[c] = at >= 0 && at < v.length ? v[at] : "";
                }
                out.add(new Statement(f[0], f[1], f[2], f[3], f[4], f[5]));
            }
        }
        return new VerifySection(Names.unique(taken, Names.safe(name + "-verify")), name, out);
    }

    private static String t(JsonNode r, String field) {
        final JsonNode v = r.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }
}
