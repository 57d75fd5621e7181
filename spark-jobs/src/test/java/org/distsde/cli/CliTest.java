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
}
