package org.distsde.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distsde.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every result kind on one page with one overview (fit-noise and verify from hand-made files here;
 * simulate, converge, frontier and sweep-charts in their own tests), the theorem verdicts leading
 * and the discrete comparisons quiet, and the compare mode.
 */
class ReportKindsTest {
    @TempDir
    Path tmp;

    record Out(int code, String out, String err) { }

    static Out report(String... args) {
        final String[] line = new String[args.length + 1];
        line[0] = "report";
        System.arraycopy(args, 0, line, 1, args.length);
        final ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        final int code = Main.run(line, null, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Out(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** A fit.json with one series of two agents at three trajectory points, as FitNoiseJob writes it. */
    static Path fit(Path tmp, boolean refuted) throws Exception {
        final Path d = Files.createDirectories(tmp.resolve("fit"));
        final String est = "{\"status\": \"estimated\", \"estimate\": %s, \"se\": 0.01, \"ci95\": [%s, %s]}";
        Files.writeString(d.resolve("fit.json"), """
                {"command": "fit-noise", "name": "fitted", "options": {"points": 3, "samples": 100, "trajectoryRuns": 5},
                 "series": [{"index": 0, "label": "base", "optimizer": "dsignsgd", "agents": 2, "dim": 1,
                   "trajectory": {"points": [{"t": 0, "round": 0, "gradNormSq": 4.0}, {"t": 1, "round": 5, "gradNormSq": 0.4},
                                             {"t": 2, "round": 9, "gradNormSq": 0.04}]},
                   "pooled": {"sigma0Sq": %s, "sigma1Sq": %s, "smallestTailIndex": {"agent": 1, "status": "estimated",
                              "estimate": 1.1, "ci95": [0.9, 1.3]}},
                   "smoothness": {"l0": %s, "l1": %s, "definitionOneSampled": {"samples": 20, "radius": 1,
                                  "maxRatio": %s, "holds": %s}},
                   "configured": {"sigma0Sq": 0.25, "sigma1Sq": 1.0},
                   "condition": {"theorem": "Theorem 7", "condition": "Eq. 7", "verdict": "holds at the estimate only"},
                   "agents": [{"agent": 0, "sigma0Sq": %s, "sigma1Sq": %s, "tailIndex": %s, "goodnessOfFit": {"p": 0.4},
                               "converged": true, "variance": [4.2, 0.65, 0.29], "fitted": [4.25, 0.65, 0.29]},
                              {"agent": 1, "sigma0Sq": %s, "sigma1Sq": %s, "tailIndex": %s, "goodnessOfFit": {"p": 0.6},
                               "converged": true, "variance": [4.3, 0.6, 0.3], "fitted": [4.25, 0.65, 0.29]}]}]}
                """.formatted(est.formatted(0.25, 0.2, 0.3), est.formatted(1.0, 0.9, 1.1), est.formatted(0.0012, 0.001,
                0.0014), est.formatted(3.0, 2.5, 3.5), refuted ? 7.23 : 0.8, !refuted, est.formatted(0.25, 0.2, 0.3),
                est.formatted(1, 0.9, 1.1), est.formatted(1.1, 0.9, 1.3), est.formatted(0.25, 0.2, 0.3),
                est.formatted(1, 0.9, 1.1), est.formatted(1.2, 0.9, 1.4)));
        return d;
    }

    /**
     * fit-noise, verify (CSV) and simulate on one page: each in the overview and in its own section,
     * the fitted (L0, L1) that Definition 1's sample refutes marked REFUTED; one chart per fit series.
     */
    @Test
    void everyKindOnOnePage() throws Exception {
        final Path sim = ReportCommandTest.fixture(tmp);
        final Path ver = Files.createDirectories(tmp.resolve("verify"));
        Files.writeString(ver.resolve("verify.csv"), "paper,statement,verdict,measured,predicted,errors\n"
                + "002,Theorem 4,HOLDS,0.5,0.6,\"k = 3, 0.01\"\n000,Lemma 3.7,VIOLATED,2.0e-5,3.1e-5,1e-6\n");
        final Path out = tmp.resolve("page");
        final Out r = report("--in", fit(tmp, true).toString(), "--in", ver.toString(), "--in", sim.toString(), "--out",
                out.toString(), "--title", "study");
        assertEquals(0, r.code(), r.err());
        final String html = Files.readString(out.resolve("index.html"));
        final int overview = html.indexOf("id=\"overview\"");
        assertTrue(overview > 0 && html.indexOf("noise fit · series") > overview, "fit-noise in the overview");
        assertTrue(html.contains("REFUTED on 20 samples (max ratio 7.23)"), "Definition 1 refutes the fit");
        assertTrue(html.contains("2 statements checked"), "verify in the overview");
        assertTrue(html.contains("Lemma 3.7") && html.contains("class=\"v v-violated\""), "verify's table");
        assertTrue(Files.isRegularFile(out.resolve("fitted-fit-base.png")), "the fit chart, named by its series");
        // simulate's overview leads with the theorem column; the discrete comparisons are quiet words, not badges
        assertTrue(html.indexOf("theorem (resolved SDE)") < html.indexOf("optimizer E[f − f*]"));
        assertTrue(html.contains("class=\"q q-verdict-0\"") && !html.contains("class=\"v v-verdict-0\""), html.substring(
                0, 200));
        ReportPageTest.check(out);
    }

    /** A directory of no known kind is refused with the list of what --in takes, and nothing is written. */
    @Test
    void unknownDirectoryNamesTheKinds() throws Exception {
        final Path empty = Files.createDirectories(tmp.resolve("empty"));
        final Out r = report("--in", empty.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a result directory") && r.err().contains("fit-noise (fit.json)"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    /**
     * --compare of a result and a copy whose final loss and one verdict differ: the comparison names
     * the differing series and the changed verdict, and the config difference; results with other
     * series are refused.
     */
    @Test
    void compareTwoResults() throws Exception {
        final Path a = ReportCommandTest.fixture(tmp);
        final Path b = Files.createDirectories(tmp.resolve("b"));
        Files.copy(a.resolve("metrics.csv"), b.resolve("metrics.csv"));
        final ObjectMapper m = new ObjectMapper();
        final ObjectNode s = (ObjectNode) m.readTree(a.resolve("summary.json").toFile());
        ((ObjectNode) s.path("series").get(0).path("final")).put("loss_mean", 0.02);
        ((ObjectNode) s.path("series").get(2).path("checks")).put("verdict", "VERDICT-X");
        ((ObjectNode) s.path("config")).put("seed", 7);
        Files.writeString(b.resolve("summary.json"), m.writeValueAsString(s));
        final Path out = tmp.resolve("cmp");
        final Out r = report("--in", a.toString(), "--in", b.toString(), "--compare", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        final String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("id=\"comparison\""));
        assertTrue(html.contains("1 changed verdict"), "one verdict changed");
        assertTrue(html.contains("seed: (absent) → 7"), "the config difference");
        assertTrue(html.contains("<td class=\"num\">0.0100</td><td class=\"num\">0.0200</td>"), "the final losses side by side");
        ReportPageTest.check(out);
        // three inputs, or a result with other series, are refused
        assertEquals(2, report("--in", a.toString(), "--compare", "--out", tmp.resolve("c1").toString()).code());
        final Path c = Files.createDirectories(tmp.resolve("c"));
        Files.writeString(c.resolve("metrics.csv"), Files.readString(a.resolve("metrics.csv")).replace("sigma1=3.0",
                "sigma1=4.0"));
        Files.copy(a.resolve("summary.json"), c.resolve("summary.json"));
        final Out refused = report("--in", a.toString(), "--in", c.toString(), "--compare", "--out",
                tmp.resolve("c2").toString());
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("different series"), refused.err());
    }
}
