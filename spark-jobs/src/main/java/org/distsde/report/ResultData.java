package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distsde.config.ConfigException;
import org.distsde.io.SeriesKind;

/**
 * A result directory of {@code simulate} / {@code integrate} read back: {@code metrics.csv}
 * (RFC 4180) and {@code summary.json}, through the Hadoop FileSystem API (a local path, file://,
 * hdfs://, s3a://).
 */
public final class ResultData {
    /** One curve: a series of one kind with its rows, each a column → value map. */
    public record Curve(int series, String label, SeriesKind kind, String optimizer, List<Map<String, Double>> rows) {
        public double[] column(String name) {
            return rows.stream().mapToDouble(r -> r.getOrDefault(name, Double.NaN)).toArray();
        }
    }

    private final Path dir;
    private final JsonNode summary;
    private final List<Curve> curves;

    private ResultData(Path dir, JsonNode summary, List<Curve> curves) {
        this.dir = dir;
        this.summary = summary;
        this.curves = curves;
    }

    public Path dir() { return dir; }
    public JsonNode summary() { return summary; }
    public List<Curve> curves() { return curves; }
    public String name() { return summary.path("name").asText(dir.getFileName().toString()); }

    /** Reads a local result directory; a missing or malformed file is a {@link ConfigException} naming it. */
    public static ResultData read(Path dir) {
        return read(dir.toUri().toString(), new org.apache.hadoop.conf.Configuration());
    }

    /**
     * Reads a result directory at any Hadoop FileSystem URI (file://, hdfs://, s3a://, or a plain
     * local path); a missing or malformed file is a {@link ConfigException} naming it.
     */
    public static ResultData read(String uri, org.apache.hadoop.conf.Configuration conf) {
        final org.apache.hadoop.fs.Path base = new org.apache.hadoop.fs.Path(uri);
        final Path dir = Path.of(base.getName().isEmpty() ? "result" : base.getName());
        final String csvText;
        final String jsonText;
        try {
            final org.apache.hadoop.fs.FileSystem fs = base.getFileSystem(conf);
            final org.apache.hadoop.fs.Path csv = new org.apache.hadoop.fs.Path(base, "metrics.csv");
            final org.apache.hadoop.fs.Path json = new org.apache.hadoop.fs.Path(base, "summary.json");
            if (!fs.isFile(csv) || !fs.isFile(json)) {
                throw new ConfigException("--in " + uri + ": not a result directory (needs metrics.csv and summary.json)");
            }
            csvText = text(fs, csv);
            jsonText = text(fs, json);
        } catch (IOException e) {
            throw new ConfigException("--in " + uri + ": cannot read (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        final JsonNode summary;
        try {
            summary = new ObjectMapper().readTree(jsonText);
        } catch (IOException e) {
            throw new ConfigException("--in " + uri + ": malformed summary.json (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        final List<String> lines = csvText.lines().toList();
        if (lines.isEmpty()) {
            throw new ConfigException("--in " + uri + ": metrics.csv is empty");
        }
        final String[] h = split(lines.get(0));
        final List<String> head = List.of(h);
        for (String need : new String[] {"series", "label", "kind", "optimizer", "round", "loss_mean"}) {
            if (!head.contains(need)) {
                throw new ConfigException("--in " + uri + ": metrics.csv has no column '" + need + "'");
            }
        }
        // the metadata (series, label, the swept parameters, kind, optimizer) come before "round", the numbers from it on
        final int first = head.indexOf("round");
        final int iSeries = head.indexOf("series"), iLabel = head.indexOf("label"), iKind = head.indexOf("kind"),
                iOpt = head.indexOf("optimizer");
        final Map<String, Curve> byKey = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            final String[] v = split(lines.get(i));
            if (v.length != h.length) {
                throw new ConfigException("--in " + uri + ": metrics.csv line " + (i + 1) + " has " + v.length
                        + " fields, the header " + h.length);
            }
            final Map<String, Double> row = new LinkedHashMap<>();
            for (int j = first; j < h.length; j++) {
                try {
                    row.put(h[j], Double.parseDouble(v[j]));
                } catch (NumberFormatException e) {
                    throw new ConfigException("--in " + uri + ": metrics.csv line " + (i + 1) + ", column " + h[j]
                            + ": not a number ('" + v[j] + "')");
                }
            }
            final SeriesKind kind;
            final int series;
            try {
                kind = SeriesKind.of(v[iKind]);
                series = Integer.parseInt(v[iSeries]);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--in " + uri + ": metrics.csv line " + (i + 1) + ": " + e.getMessage());
            }
            final String key = v[iSeries] + "/" + v[iKind];
            byKey.computeIfAbsent(key, k -> new Curve(series, v[iLabel], kind, v[iOpt], new ArrayList<>())).rows().add(row);
        }
        return new ResultData(dir, summary, new ArrayList<>(byKey.values()));
    }

    private static String text(org.apache.hadoop.fs.FileSystem fs, org.apache.hadoop.fs.Path p) throws IOException {
        try (java.io.InputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** RFC 4180 field splitting (quotes, doubled quotes). */
    static String[] split(String line) {
        final List<String> out = new ArrayList<>();
        final StringBuilder b = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            final char c = line.charAt(i);
            if (c == '"') {
                if (q && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else {
                    q = !q;
                }
            } else if (c == ',' && !q) {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString());
        return out.toArray(new String[0]);
    }
}
