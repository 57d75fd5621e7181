package org.distsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.distsde.cli.Main;
import org.distsde.spark.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Benchmarks are never pass/fail on speed: this only checks that the quick mode runs and reports. */
class BenchCommandTest extends SparkTestBase {
    @TempDir
    Path tmp;

    @Test
    void quickModeRunsAndWritesTheJsonReport() throws Exception {
        final Path json = tmp.resolve("bench.json");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int code = Main.run(new String[] {"bench", "--quick", "--reps", "1", "--no-reference", "--workloads",
            "b1,sde-dsign", "--conf-dir", "../conf", "--json", json.toString()}, spark,
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        final JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertTrue(r.get("perRoundOverheadMs").asDouble() > 0);
        assertEquals(2, r.get("workloads").size());
        for (JsonNode w : r.get("workloads")) {
            for (String k : new String[] {"workload", "medianSeconds", "throughput", "sparkOverheadShare", "peakHeapMiB"}) {
                assertTrue(w.has(k), "missing " + k);
            }
            assertTrue(w.get("throughput").asDouble() > 0);
        }
        assertEquals(2, Main.run(new String[] {"bench", "--workloads", "b9"}, spark,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }
}
