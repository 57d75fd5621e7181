package org.distsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line without Spark: help, parsing, exit codes (the docs' copies of the help: {@link DocsTest}). */
class CliTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) { }

    static Result run(String... args) {
        final ByteArrayOutputStream o = new ByteArrayOutputStream();
        final ByteArrayOutputStream e = new ByteArrayOutputStream();
        final int code = Main.run(args, null, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static List<String> verbs() {
        return new ArrayList<>(Main.commandLine(new Main(null, System.out, System.err)).getSubcommands().keySet());
    }

    @Test
    void everyVerbIsRegisteredAndHasHelp() {
        assertEquals(List.of("simulate", "integrate", "converge", "report", "bench", "frontier", "sweep-charts", "fit-noise"),
                verbs());
        for (String[] help : new String[][] {{"--help"}, {"-h"}}) {
            final Result top = run(help);
            assertEquals(0, top.code());
            assertTrue(top.out().startsWith("Usage: distsde "), top.out());
            for (String v : verbs()) {
                assertTrue(top.out().contains("\n  " + v + " "), "top-level help lists " + v);
            }
        }
        for (String v : verbs()) {
            final Result r = run(v, "--help");
            assertEquals(0, r.code(), v);
            assertTrue(r.out().startsWith("Usage: distsde " + v + " "), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void setIsRepeatableInBothForms() {
        final CommandLine cl = Main.commandLine(new Main(null, System.out, System.err));
        final var parsed = cl.parseArgs("simulate", "--config", "c.json", "--out", "o", "--set", "runs=200",
                "--set=noise.sigma1=2", "--set", "x0=[1,2]", "--overwrite");
        final SimulateCommand s = (SimulateCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals(List.of("runs=200", "noise.sigma1=2", "x0=[1,2]"), s.sets);
        assertEquals(Path.of("c.json"), s.config);
        assertTrue(s.overwrite && !s.resume);
        assertEquals(-1, s.checkpointEvery());
    }

    @Test
    void usageErrorsAreOneLineNamingTheOptionWithStatusTwo() {
        for (String[] args : new String[][] {{}, {"frobnicate"}, {"simulate", "--out", "o"},
            {"integrate", "--config", "c", "--out", "o", "--etas", "2"}, {"converge", "--config", "c", "--out", "o",
                "--etas", "9"}, {"report", "--out", "o"}, {"bench", "--reps", "x"}, {"bench", "--warmup", "0"},
            {"fit-noise", "--out", "o"}, {"fit-noise", "--config", "c", "--out", "o", "--points", "2"},
            {"fit-noise", "--config", "c", "--out", "o", "--resume"}}) {
            final Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
            assertEquals("", r.out());
        }
        assertTrue(run("converge", "--config", "c", "--out", "o", "--etas", "9").err().contains("--etas must be in [0, 8]"));
        assertTrue(run("frobnicate").err().contains("unknown command 'frobnicate'"));
        assertTrue(run().err().contains("missing command"));
    }

    /** A failure at run time (here a converge table that is not numeric) is exit status 1. */
    @Test
    void runTimeFailureIsStatusOne() throws Exception {
        final Path in = Files.createDirectories(tmp.resolve("conv"));
        Files.writeString(in.resolve("converge-dt.csv"), "series,label,statistic,dt,diff_to_next\n0,a,loss_mean,0.1,abc\n");
        final Result r = run("report", "--in", in.toString(), "--out", tmp.resolve("rep").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("error: report failed: java.lang.NumberFormatException"), r.err());
        assertFalse(Files.exists(tmp.resolve("rep")));
    }

    static final String SWEEP = """
            {"name": "pre", "runs": 20, "rounds": 50, "optimizer": "dcsgd", "agents": 4, "eta": 0.01,
             "objective": {"type": "quartic", "dim": 2}, "x0": [1.0, 1.0],
             "noise": {"type": "student-t", "nu": 2.5, "sigma": 0.5},
             "compression": {"type": "random-sparsification", "p": 0.5},
             "sde": {"enabled": true}, "sweep": {"noise.nu": %s}}
            """;

    /**
     * A sweep whose second series has no SDE (Eq. 8 / 27-28 need ν > 2) fails before any Spark job,
     * in one line naming the series and its swept field, and leaves neither the output nor a
     * checkpoint directory (formerly: a stack trace mid-sweep and an empty .checkpoint).
     */
    @Test
    void everySeriesIsCheckedBeforeSpark() throws Exception {
        final Path cfg = tmp.resolve("nu.json");
        Files.writeString(cfg, SWEEP.formatted("[2.5, 1.5]"));
        final Path out = tmp.resolve("nu-out");
        final Result r = run("simulate", "--config", cfg.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: series 2/2 (noise.nu=1.5): the SDE of Eq. 8"), r.err());
        assertTrue(r.err().contains("sde.enabled false"), r.err());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("nu.json"), files.map(p -> p.getFileName().toString()).toList());
        }
        // integrate needs the SDE of every series, enabled or not
        Files.writeString(cfg, SWEEP.formatted("[2.5, 1.5]").replace("\"enabled\": true", "\"enabled\": false"));
        assertEquals(2, run("integrate", "--config", cfg.toString(), "--out", out.toString()).code());
        assertEquals(0, run("simulate", "--config", cfg.toString(), "--out", out.toString(), "--dry-run").code());
    }

    /** --dry-run: the expanded sweep with its layouts and estimates, without Spark and without writing. */
    @Test
    void dryRunPrintsThePlan() throws Exception {
        final Path cfg = tmp.resolve("ok.json");
        Files.writeString(cfg, SWEEP.formatted("[2.5, 4.0]"));
        final Path out = tmp.resolve("never");
        final Result r = run("simulate", "--config", cfg.toString(), "--out", out.toString(), "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("distsde simulate: " + cfg + " (dry run)\n"), r.out());
        assertTrue(r.out().contains("noise.nu=2.5") && r.out().contains("noise.nu=4.0"), r.out());
        assertTrue(r.out().contains(" runs ") && r.out().contains("resolved in dt"), "layout and SDE: " + r.out());
        assertTrue(r.out().contains("estimated: ") && r.out().contains("driver heap"), r.out());
        assertFalse(Files.exists(out));
        for (String verb : new String[] {"integrate", "converge", "fit-noise", "frontier"}) {
            final Result v = run(verb, "--config", cfg.toString(), "--out", out.toString(), "--dry-run");
            assertEquals(0, v.code(), verb + ": " + v.err());
            assertTrue(v.out().contains("estimated: "), verb + ": " + v.out());
        }
        assertFalse(Files.exists(out));
    }

    /** An existing --out is refused after the first line and before the plan line (that is, before Spark). */
    @Test
    void existingOutIsRefusedBeforeSpark() throws Exception {
        final Path cfg = tmp.resolve("ok.json");
        Files.writeString(cfg, SWEEP.formatted("[2.5, 4.0]"));
        final Path out = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        final Result r = run("simulate", "--config", cfg.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--overwrite"), r.err());
        assertEquals(1, r.out().lines().count(), "only the first line: " + r.out());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    }
}
