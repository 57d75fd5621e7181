package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs killed (SIGKILL, in their own JVM, working in a temporary directory) resume to the identical
 * result: from round checkpoints, from finished series only ({@code --checkpoint-every 0}), and for
 * {@code integrate}. A checkpoint of another config or command and a truncated checkpoint are
 * refused (exit status 2, nothing published); a half-written {@code .tmp} checkpoint is ignored. The
 * kill follows the checkpoint file's creation (file-system events), not a timer.
 */
class ResumeTest extends SparkTestBase {
    @TempDir
    Path tmp;

    static final String CONFIG = Path.of("../conf/fig1-b1-dsgd.json").toAbsolutePath().normalize().toString();
    static final List<String> SETS = List.of("--config", CONFIG, "--set", "runs=40", "--set", "rounds=150", "--set",
            "sde.enabled=true", "--set", "layout.mode=agents", "--set", "sweep={\"noise.sigma1\": [1.0, 3.0]}");
    /** integrate: the plain SDE of series 0 is checkpointed while the resolved SDE of series 1 is still refining. */
    static final List<String> INTEGRATE = List.of("integrate", "--config", CONFIG, "--set", "runs=1000", "--set",
            "rounds=300", "--set", "sde.enabled=true", "--set", "noise.sigma1=1.0", "--set",
            "sweep={\"sde.resolve\": [false, true]}");

    static List<String> simulate(String... more) {
        final List<String> a = new ArrayList<>(List.of("simulate"));
        a.addAll(SETS);
        a.addAll(Arrays.asList(more));
        return a;
    }

    static List<String> with(List<String> base, String... more) {
        final List<String> a = new ArrayList<>(base);
        a.addAll(Arrays.asList(more));
        return a;
    }

    Cli run(List<String> args) {
        return cli(args.toArray(new String[0]));
    }

    String reference(List<String> args, String name) throws IOException {
        final Cli r = run(with(args, "--out", tmp.resolve(name).toString()));
        assertEquals(0, r.code(), r.err());
        return Files.readString(tmp.resolve(name).resolve("metrics.csv"));
    }

    /** The uninterrupted simulate run (checkpoint frequency does not change results), once for the class. */
    static String simulated;

    String simulateReference() throws IOException {
        if (simulated == null) {
            simulated = reference(simulate(), "ref");
        }
        return simulated;
    }

    /**
     * Starts {@code org.distsde.cli.Main args} in a child JVM (working directory: the temporary
     * directory), waits for a file of the output's checkpoint directory matching {@code killAt} to be
     * created, and SIGKILLs the child then; returns every file name created in the checkpoint
     * directory until then.
     */
    Set<String> runAndKill(List<String> args, String out, Predicate<String> killAt) throws Exception {
        return runAndKill(args, out, killAt, "local[2]");
    }

    /** As above, the child's Spark master {@code master} (its default parallelism sets the agents' partitions). */
    Set<String> runAndKill(List<String> args, String out, Predicate<String> killAt, String master) throws Exception {
        final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "-Djdk.reflect.useDirectMethodHandles=false", "-Dspark.master=" + master, "-Xmx1g", "-cp",
                Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                        + Path.of("../common/target/classes").toAbsolutePath().normalize() + File.pathSeparator
                        + Files.readString(Path.of("target/test-classpath.txt")).trim(), "org.distsde.cli.Main"));
        cmd.addAll(args);
        cmd.addAll(List.of("--out", tmp.resolve(out).toString()));
        final Path log = tmp.resolve(out + ".log");
        final Path ckpt = tmp.resolve("." + out + ".checkpoint");
        final Set<String> created = ConcurrentHashMap.newKeySet();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            tmp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            final ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            final Process child = pb.start();
            try {
                boolean watching = false;
                final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (child.isAlive() && System.nanoTime() < deadline) {
                    if (!watching && Files.isDirectory(ckpt)) {
                        ckpt.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
                        watching = true;
                    }
                    if (watching) {
                        try (Stream<Path> files = Files.list(ckpt)) { // also what came before the registration
                            files.forEach(f -> created.add(f.getFileName().toString()));
                        }
                    }
                    if (created.stream().anyMatch(killAt)) {
                        break;
                    }
                    final WatchKey key;
                    try {
                        key = watch.poll(1, TimeUnit.SECONDS); // returns at once on an event
                    } catch (ClosedWatchServiceException e) {
                        break;
                    }
                    if (key != null) {
                        for (WatchEvent<?> e : key.pollEvents()) {
                            if (e.context() instanceof Path p && key.watchable().equals(ckpt)) {
                                created.add(p.getFileName().toString());
                            }
                        }
                        key.reset();
                    }
                }
                assertTrue(child.isAlive() && created.stream().anyMatch(killAt),
                        "the run was to be killed at its checkpoint, while alive; created " + created + ":\n"
                                + Files.readString(log));
            } finally {
                child.destroyForcibly().waitFor();
            }
        }
        assertFalse(Files.exists(tmp.resolve(out).resolve("metrics.csv")), "the killed run must not have published");
        return created;
    }

    /** Nothing left next to the results but the results. */
    void assertOnlyResults() throws IOException {
        try (Stream<Path> left = Files.list(tmp)) {
            final List<String> hidden = left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
                    .toList();
            assertEquals(List.of(), hidden, "staging and checkpoint directories must be gone");
        }
    }

    @Test
    void killedRunResumesFromRoundCheckpointsAndRefusesForeignOrDamagedOnes() throws Exception {
        final List<String> args = simulate("--checkpoint-every", "30");
        final String ref = simulateReference();
        runAndKill(args, "run", n -> n.equals("0-optimizer.state"));
        final Path ckpt = tmp.resolve(".run.checkpoint");

        // another config: refused, nothing published, the checkpoints kept
        final Cli other = run(simulate("--checkpoint-every", "30", "--set", "eta=0.02", "--out", tmp.resolve("run")
                .toString(), "--resume"));
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("written for a different config"), other.err());
        // another command on the same config: refused too
        final List<String> integrate = new ArrayList<>(simulate("--out", tmp.resolve("run").toString(), "--resume"));
        integrate.set(0, "integrate");
        final Cli cmd = run(integrate);
        assertEquals(2, cmd.code(), cmd.err());
        assertTrue(cmd.err().contains("written for a different config"), cmd.err());
        assertFalse(Files.exists(tmp.resolve("run").resolve("metrics.csv")));
        assertTrue(Files.exists(ckpt.resolve("0-optimizer.state")), "a refused resume keeps the checkpoints");

        // a truncated checkpoint (a copy of them under another output): refused, naming the file
        final Path trunc = Files.createDirectories(tmp.resolve(".trunc.checkpoint"));
        try (Stream<Path> files = Files.list(ckpt)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, trunc.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (RandomAccessFile f = new RandomAccessFile(trunc.resolve("0-optimizer.state").toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        final Cli truncated = run(with(args, "--out", tmp.resolve("trunc").toString(), "--resume"));
        assertEquals(2, truncated.code(), truncated.err());
        assertTrue(truncated.err().contains("unreadable checkpoint") && truncated.err().contains("0-optimizer.state"),
                truncated.err());
        assertFalse(Files.exists(tmp.resolve("trunc")), "nothing published for a damaged checkpoint");
        try (Stream<Path> files = Files.walk(trunc)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        // a half-written checkpoint of a kill during a write is ignored: resume to the identical result
        Files.write(ckpt.resolve("0-optimizer.state.tmp"), new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 1});
        final Cli resumed = run(with(args, "--out", tmp.resolve("run").toString(), "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(ref, Files.readString(tmp.resolve("run").resolve("metrics.csv")));
        assertOnlyResults();
    }

    /**
     * EF-SGD in the agents layout: its agents' residuals live on the executors and are written by
     * the tasks next to the round checkpoint. Killed in a JVM with 3 partitions (local[3], 6 blocks)
     * and resumed here with 2 (local[2]): the metrics equal the uninterrupted run's. Catches
     * residuals missing from the checkpoint (the resumed run restarts them at 0), keyed by
     * partition, or older than the state.
     */
    @Test
    void killedErrorFeedbackResumesWithItsResidualsOnAnotherPartitionCount() throws Exception {
        final List<String> ef = List.of("--set", "optimizer=ef-sgd", "--set", "sde.enabled=false", "--set",
                "compression={\"type\": \"random-sparsification\", \"p\": 0.7}", "--set", "layout.blocks=6",
                "--set", "eta=0.002", "--set", "x0=[2.0]", "--set", "noise.sigma0=0.5");
        final List<String> args = with(simulate("--checkpoint-every", "30"), ef.toArray(new String[0]));
        final String ref = reference(args, "ef-ref");
        final Set<String> created = runAndKill(args, "ef", n -> n.equals("0-optimizer.state"), "local[3]");
        assertTrue(created.contains("0-optimizer.memory"), "the residuals are checkpointed: " + created);
        final Cli resumed = run(with(args, "--out", tmp.resolve("ef").toString(), "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(ref, Files.readString(tmp.resolve("ef").resolve("metrics.csv")));
        assertOnlyResults();
    }

    @Test
    void checkpointEveryZeroKeepsOnlyFinishedSeriesAndResumesFromThem() throws Exception {
        final List<String> args = simulate("--checkpoint-every", "0");
        final String ref = simulateReference();
        final Set<String> created = runAndKill(args, "run", n -> n.equals("0-optimizer.done"));
        assertTrue(created.stream().noneMatch(n -> n.contains(".state")), "no round checkpoint with 0: " + created);
        final Cli resumed = run(with(args, "--out", tmp.resolve("run").toString(), "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(ref, Files.readString(tmp.resolve("run").resolve("metrics.csv")),
                "resumed from finished series vs uninterrupted (round checkpoints do not change results)");
        assertOnlyResults();
    }

    @Test
    void killedIntegrateResumesToTheSameMetrics() throws Exception {
        final String ref = reference(INTEGRATE, "ref");
        runAndKill(INTEGRATE, "run", n -> n.equals("0-sde.done"));
        assertFalse(Files.exists(tmp.resolve(".run.checkpoint").resolve("1-sde-resolved.done")),
                "killed while the resolved SDE of series 1 was still refining");
        final Cli resumed = run(with(INTEGRATE, "--out", tmp.resolve("run").toString(), "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(ref, Files.readString(tmp.resolve("run").resolve("metrics.csv")));
        assertOnlyResults();
    }
}
