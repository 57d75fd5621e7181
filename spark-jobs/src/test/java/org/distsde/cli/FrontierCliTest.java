package org.distsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code frontier}'s bad input, rejected before Spark starts: one line naming the option or field, status 2. */
class FrontierCliTest {
    @TempDir
    Path tmp;

    static final String DSGD = """
            {"name": "t", "runs": 10, "rounds": 50, "optimizer": "dsgd", "agents": 10, "eta": 0.01,
             "objective": {"type": "quartic", "dim": 1}, "x0": [8.0],
             "noise": {"type": "gaussian", "sigma0": 0.0, "sigma1": 1.0}}""";

    private void bad(String expected, String... args) {
        final CliTest.Result r = CliTest.run(args);
        assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(expected), r.err());
        // nothing on stdout but, for errors found in the config, the command's first line
        assertTrue(r.out().isEmpty() || r.out().lines().count() == 1 && r.out().startsWith("distsde frontier: "),
                r.out());
    }

    @Test
    void badInputIsOneLineNamingTheOptionWithStatusTwo() throws Exception {
        final Path ok = tmp.resolve("ok.json");
        Files.writeString(ok, DSGD);
        final Path norm = tmp.resolve("norm.json");
        Files.writeString(norm, DSGD.replace("\"x0\"", "\"normalization\": {\"type\": \"grad-norm\"}, \"x0\""));
        final Path sign = tmp.resolve("sign.json");
        Files.writeString(sign, DSGD.replace("\"dsgd\"", "\"dsignsgd\""));
        final String c = ok.toString(), o = tmp.resolve("out").toString();
        bad("--param must be one of eta, noise.sigma1, compression.omega, normalization.power (got 'noise.nu')",
                "frontier", "--config", c, "--out", o, "--param", "noise.nu");
        bad("--steps must be in [1, 60] (got 0)", "frontier", "--config", c, "--out", o, "--steps", "0");
        bad("--lo must be below --hi", "frontier", "--config", c, "--out", o, "--lo", "2", "--hi", "1");
        bad("--lo must be below --hi", "frontier", "--config", c, "--out", o, "--lo", "20"); // default hi = 10
        bad("--lo must be > 0", "frontier", "--config", c, "--out", o, "--lo", "0");
        bad("--max-diverged-fraction must be in [0, 1)", "frontier", "--config", c, "--out", o,
                "--max-diverged-fraction", "1");
        bad("--grid expects path=v1,v2,...", "frontier", "--config", c, "--out", o, "--grid", "agents");
        bad("--grid eta", "frontier", "--config", c, "--out", o, "--grid", "eta=0.1,0.2");
        bad("--lo and --hi are required", "frontier", "--config", c, "--out", o, "--param", "noise.sigma1",
                "--set", "noise.sigma1=0");
        bad("normalization.type must be none", "frontier", "--config", norm.toString(), "--out", o);
        bad("optimizer must be dsgd or dcsgd", "frontier", "--config", sign.toString(), "--out", o);
        bad("--param compression.omega needs optimizer dcsgd", "frontier", "--config", c, "--out", o,
                "--param", "compression.omega");
        bad("agents must be >= 1", "frontier", "--config", c, "--out", o, "--grid", "agents=0,2");
        assertFalse(Files.exists(tmp.resolve("out")));
    }
}
