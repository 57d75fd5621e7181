package org.distsde.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.distsde.spark.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data a simulate result holds: the swept parameters as typed columns beside label (CSV and
 * Parquet), and a summary.json without the checks' per-time arrays, which checks.json holds.
 */
class ResultTableTest extends SparkTestBase {
    @TempDir
    Path tmp;

    static final String SWEEP = """
            {"name": "typed", "runs": 6, "rounds": 10, "recordEvery": 5, "optimizer": "dsgd", "agents": 2,
             "eta": 0.01, "objective": {"type": "quartic", "dim": 1}, "x0": [1.0],
             "noise": {"type": "gaussian", "sigma0": 0.5, "sigma1": 1.0}, "sde": {"enabled": true},
             "sweep": {"agents": [2, 3], "noise.sigma1": [0.5, 1], "normalization": [{"type": "none"}],
                       "runs": [6]}}
            """;

    /**
     * Columns series, label, agents (int), noise_sigma1 (double), normalization (string, its JSON),
     * sweep_runs (the swept runs, renamed: runs is the alive runs' column), kind, optimizer, then the
     * round's statistics; the Parquet file has the same columns with those types, and each row's
     * values are its series' swept values. Catches swept values left in the label only, a column
     * typed by its first value (1 vs 0.5), and a name clash with the statistics.
     */
    @Test
    void sweptParametersAreTypedColumns() throws Exception {
        final Path cfg = Files.writeString(tmp.resolve("typed.json"), SWEEP);
        final Path out = tmp.resolve("res");
        final Cli r = cli("simulate", "--config", cfg.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        final List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        final List<String> head = List.of(lines.get(0).split(","));
        assertEquals(List.of("series", "label", "agents", "noise_sigma1", "normalization", "sweep_runs", "kind",
                "optimizer", "round"), head.subList(0, 9));
        final StructType schema = spark.read().parquet(out.resolve("metrics.parquet").toString()).schema();
        assertEquals(DataTypes.IntegerType, schema.apply("agents").dataType());
        assertEquals(DataTypes.DoubleType, schema.apply("noise_sigma1").dataType());
        assertEquals(DataTypes.StringType, schema.apply("normalization").dataType());
        assertEquals(DataTypes.IntegerType, schema.apply("sweep_runs").dataType());
        assertEquals(DataTypes.LongType, schema.apply("runs").dataType());
        for (Row row : spark.read().parquet(out.resolve("metrics.parquet").toString()).collectAsList()) {
            final String label = row.getAs("label");
            assertTrue(label.contains("agents=" + row.getAs("agents")), label);
            assertTrue(label.contains("noise.sigma1=" + row.getAs("noise_sigma1")) || label.contains("noise.sigma1="
                    + ((Double) row.getAs("noise_sigma1")).intValue()), label);
            assertEquals("{\"type\":\"none\"}", row.getAs("normalization"));
        }
    }

    /**
     * summary.json keeps each check's verdicts and figures but not its values at every recorded time
     * ("points", each bound's "values"); checks.json holds them, one entry per series and kind.
     */
    @Test
    void summaryIsSmallAndChecksAreWhole() throws Exception {
        final Path cfg = Files.writeString(tmp.resolve("typed.json"), SWEEP);
        final Path out = tmp.resolve("res2");
        assertEquals(0, cli("simulate", "--config", cfg.toString(), "--out", out.toString()).code());
        final ObjectMapper m = new ObjectMapper();
        final JsonNode summary = m.readTree(out.resolve("summary.json").toFile());
        final JsonNode checks = m.readTree(out.resolve("checks.json").toFile());
        assertEquals(summary.path("series").size(), checks.size());
        for (int i = 0; i < checks.size(); i++) {
            final JsonNode s = summary.path("series").get(i).path("checks"), full = checks.get(i).path("checks");
            assertEquals(full.path("verdict"), s.path("verdict"));
            assertFalse(s.has("points") || s.path("bounds").get(0).has("values"), "no per-time arrays in summary.json");
            assertTrue(full.path("points").size() > 0 && full.path("bounds").get(0).path("values").size() > 0);
            assertEquals(summary.path("series").get(i).path("kind"), checks.get(i).path("kind"));
        }
        assertEquals("checks.json", summary.path("checksFile").asText());
    }
}
