package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.distsde.config.ConfigException;
import org.distsde.io.ResultDir;

/**
 * The report of a study: reads result directories of every kind into one {@link ReportModel} and
 * writes its charts (PNG and SVG, named by experiment and series) and its page, {@code index.html}
 * ({@link HtmlPage}). A directory's kind is told by the file it holds: simulate / integrate
 * (metrics.csv and summary.json), converge (converge-dt.csv), frontier (frontier.json), fit-noise
 * (fit.json), sweep-charts ({@link SweepSection#META}), verify (verify.json or verify.csv).
 */
public final class Report {
    /** What --in accepts, for the error message. */
    static final String KINDS = "simulate / integrate (metrics.csv, summary.json), converge (converge-dt.csv), "
            + "frontier (frontier.json), fit-noise (fit.json), sweep-charts (sweep.json), verify (verify.json or "
            + "verify.csv)";

    private Report() { }

    /**
     * Reads the directories (local paths or Hadoop URIs) into the model; with {@code compare}, the two
     * directories must be simulate / integrate results of the same config, and the model carries their
     * {@link Comparison}.
     *
     * @throws ConfigException naming the --in that is not a result directory or cannot be read
     */
    public static ReportModel build(String title, List<String> ins, boolean compare, Configuration conf) {
        final Set<String> taken = new HashSet<>(List.of("overview", "comparison"));
        final List<Section> sections = new ArrayList<>();
        for (String in : ins) {
            sections.add(read(in, conf, taken));
        }
        Comparison comparison = null;
        if (compare) {
            if (sections.size() != 2 || !(sections.get(0) instanceof ExperimentSection a)
                    || !(sections.get(1) instanceof ExperimentSection b)) {
                throw new ConfigException("--compare needs exactly two --in, both simulate or integrate results (got "
                        + sections.size() + ")");
            }
            comparison = Comparison.of(a, b);
        }
        return new ReportModel(title, sections, comparison);
    }

    /** One directory, by its kind. */
    static Section read(String uri, Configuration conf, Set<String> taken) {
        try {
            final Path dir = new Path(uri);
            final FileSystem fs = dir.getFileSystem(conf);
            final String name = dir.getName().isEmpty() ? "result" : dir.getName();
            if (fs.isFile(new Path(dir, "frontier.json"))) {
                return FrontierSection.read(name, json(fs, new Path(dir, "frontier.json"), uri), taken);
            }
            if (fs.isFile(new Path(dir, "fit.json"))) {
                return FitSection.read(name, json(fs, new Path(dir, "fit.json"), uri), taken);
            }
            if (fs.isFile(new Path(dir, SweepSection.META))) {
                final JsonNode meta = json(fs, new Path(dir, SweepSection.META), uri);
                final Path points = new Path(dir, meta.path("points").asText("points.csv"));
                if (!fs.isFile(points)) {
                    throw new ConfigException("--in " + uri + ": " + SweepSection.META + " names " + points.getName()
                            + ", which is not there");
                }
                return SweepSection.read(meta, text(fs, points), taken);
            }
            if (fs.isFile(new Path(dir, "verify.json"))) {
                return VerifySection.fromJson(name, json(fs, new Path(dir, "verify.json"), uri), taken);
            }
            if (fs.isFile(new Path(dir, "verify.csv"))) {
                return VerifySection.fromCsv(name, text(fs, new Path(dir, "verify.csv")), taken);
            }
            if (fs.isFile(new Path(dir, "converge-dt.csv"))) {
                return StudySection.read(uri, conf, taken);
            }
            if (fs.isFile(new Path(dir, "metrics.csv")) && fs.isFile(new Path(dir, "summary.json"))) {
                return ExperimentSection.read(ResultData.read(uri, conf), taken);
            }
            throw new ConfigException("--in " + uri + ": not a result directory (expected one of " + KINDS + ")");
        } catch (IOException e) {
            throw new ConfigException("--in " + uri + ": cannot read (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
    }

    private static JsonNode json(FileSystem fs, Path p, String uri) throws IOException {
        try {
            return new ObjectMapper().readTree(text(fs, p));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException("--in " + uri + ": malformed " + p.getName() + " ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
    }

    static String text(FileSystem fs, Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes every chart of the model as PNG and SVG, and the page, into the (uncommitted) directory. */
    public static void write(ResultDir dir, ReportModel m) throws IOException {
        System.setProperty("java.awt.headless", "true");
        for (ReportModel.Figure f : m.figures()) {
            try (OutputStream o = dir.create(f.stem() + ".png")) {
                o.write(f.drawing().png());
            }
            dir.writeString(f.stem() + ".svg", f.drawing().svg());
        }
        dir.writeString("index.html", HtmlPage.render(m));
    }
}
