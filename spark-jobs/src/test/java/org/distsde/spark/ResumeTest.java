package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed (SIGKILL, in its own JVM) after its first checkpoint resumes to the identical result. */
class ResumeTest extends SparkTestBase {
    @TempDir
    Path tmp;

    static final List<String> ARGS = List.of("simulate", "--config", "../conf/fig1-b1-dsgd.json", "--set", "runs=60",
            "--set", "rounds=300", "--set", "sde.enabled=true", "--set", "layout.mode=agents", "--set",
            "sweep={\"noise.sigma1\": [1.0, 3.0]}", "--checkpoint-every", "40");

    @Test
    void killedRunResumesToTheSameMetrics() throws Exception {
        final Path ref = tmp.resolve("ref");
        final List<String> a = new ArrayList<>(ARGS);
        a.addAll(List.of("--out", ref.toString()));
        assertEquals(0, cli(a.toArray(new String[0])).code());

        final Path out = tmp.resolve("run");
        final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "-Djdk.reflect.useDirectMethodHandles=false", "-Dspark.master=local[2]", "-Xmx1g", "-cp",
                "target/classes" + File.pathSeparator + "../common/target/classes" + File.pathSeparator
                        + Files.readString(Path.of("target/test-classpath.txt")).trim(), "org.distsde.cli.Main"));
        cmd.addAll(ARGS);
        cmd.addAll(List.of("--out", out.toString()));
        final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        final Process child = pb.start();
        final Path state = tmp.resolve(".run.checkpoint").resolve("0-optimizer.state");
        for (int i = 0; i < 1200 && !Files.exists(state) && child.isAlive(); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(state), "no round checkpoint appeared:\n" + Files.readString(tmp.resolve("child.log")));
        child.destroyForcibly().waitFor();
        assertFalse(Files.exists(out.resolve("metrics.csv")), "the killed run must not have published a result");

        final List<String> r = new ArrayList<>(ARGS);
        r.addAll(List.of("--out", out.toString(), "--resume"));
        final Cli resumed = cli(r.toArray(new String[0]));
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(Files.readString(ref.resolve("metrics.csv")), Files.readString(out.resolve("metrics.csv")));
        try (Stream<Path> left = Files.list(tmp)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".run.")),
                    "staging and checkpoint directories must be gone");
        }
    }
}
