package org.distsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        for (JsonNode w : r.get("workloads")) {
            assertEquals("driver", w.get("engine").asText(), "quick workloads are small: auto runs them on the driver");
        }
        assertEquals(2, Main.run(new String[] {"bench", "--workloads", "b9"}, spark,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }

    /**
     * throughput(n)/((n/n0)·throughput(n0)): 150 M/s on 2 slots against 100 M/s on 1 is 0.75, 1 slot
     * itself 1. Catches a missing n/n0 (1.5), the ratio inverted (1.33) or the wrong base row.
     */
    @Test
    void parallelEfficiencyIsThroughputOverSlotsTimesTheOneSlotThroughput() {
        final ObjectMapper m = new ObjectMapper();
        final ObjectNode root = m.createObjectNode();
        final ArrayNode rows = root.putArray("workloads");
        rows.addObject().put("workload", "b1").put("slots", 2).put("throughput", 150e6);
        rows.addObject().put("workload", "b1").put("slots", 1).put("throughput", 100e6);
        rows.addObject().put("workload", "sde-dsgd").put("slots", 1).put("throughput", 40e6);
        rows.addObject().put("workload", "sde-dsgd").put("slots", 2).put("throughput", 80e6);
        BenchCommand.efficiency(root, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        final JsonNode e = root.get("efficiency");
        assertEquals(0.75, e.get(0).get("efficiency").asDouble(), 1e-12);
        assertEquals(1.0, e.get(1).get("efficiency").asDouble(), 1e-12);
        assertEquals(1.0, e.get(3).get("efficiency").asDouble(), 1e-12);
        assertEquals(1, e.get(0).get("baseSlots").asInt());
    }
}
