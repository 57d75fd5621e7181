package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code verify} verb end to end on a few statements (embedded Spark, the shipped configs). */
class VerifyJobTest extends SparkTestBase {
    @TempDir
    Path tmp;

    /**
     * Three statements (Theorem 4 on its resolved SDE, Corollary 11 and the remark after Theorem 5
     * computed): one line each and a tally; verify.csv and verify.json with one self-describing row
     * per statement (id, paper, number, title, kind, verdict, measured, predicted, mcError, discError,
     * k, notes, config) and the configs used. The printed remark is an erratum (VIOLATED), Corollary 11
     * holds, Theorem 4 holds on B.1's small setting. Bugs caught: a statement's row missing or out of
     * order, a verdict not written, k not stated.
     */
    @Test
    void decidesStatementsAndWritesTheirRows() throws Exception {
        final Path out = tmp.resolve("v");
        final Cli r = cli("verify", "--only", "s002-thm4,s002-cor11,s002-thm5-remark", "--root", "..", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        final List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("statement"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("s002-thm5-remark ") && l.contains("VIOLATED")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("tally: HOLDS")), r.out());
        final List<String> csv = Files.readAllLines(out.resolve("verify.csv"));
        assertEquals(String.join(",", VerifyJob.CSV), csv.get(0));
        assertEquals(1 + 4, csv.size()); // thm4, cor11, the remark as printed and as derived
        final JsonNode j = new ObjectMapper().readTree(out.resolve("verify.json").toFile());
        assertEquals("verify", j.get("command").asText());
        assertEquals(4, j.get("family").get("statements").asInt());
        final JsonNode st = j.get("statements");
        assertEquals(List.of("s002-thm4", "s002-cor11", "s002-thm5-remark", "s002-thm5-remark-derived"),
                List.of(st.get(0).get("id").asText(), st.get(1).get("id").asText(), st.get(2).get("id").asText(),
                        st.get(3).get("id").asText()));
        for (JsonNode s : st) {
            for (String k : List.of("paper", "number", "title", "kind", "verdict", "measured", "predicted", "mcError",
                    "discError", "k", "notes", "config")) {
                assertTrue(s.has(k), s.get("id") + " lacks " + k);
            }
        }
        assertEquals("HOLDS", st.get(0).get("verdict").asText(), st.get(0).get("notes").asText());
        assertEquals("BOUND", st.get(0).get("kind").asText());
        assertEquals("conf/verify-s002-theorems.json", st.get(0).get("config").asText());
        assertTrue(st.get(0).get("k").asDouble() > 3, "family-wise k");
        assertEquals("HOLDS", st.get(1).get("verdict").asText());
        assertEquals("VIOLATED", st.get(2).get("verdict").asText());
        assertTrue(j.get("configs").has("conf/verify-s002-theorems.json"));
        assertEquals(3, j.get("tally").get("HOLDS").asInt());
        assertEquals(1, j.get("tally").get("VIOLATED").asInt());
    }

    /** Bad input: one line naming the option, exit status 2, nothing written. */
    @Test
    void badInput() throws Exception {
        final Path out = tmp.resolve("bad");
        final Cli none = cli("verify", "--only", "nothing", "--out", out.toString());
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().startsWith("error: --only matches no statement"), none.err());
        assertEquals(1, none.err().strip().lines().count());
        assertFalse(Files.exists(out));
    }
}
