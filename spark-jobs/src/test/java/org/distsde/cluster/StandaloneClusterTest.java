package org.distsde.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.distsde.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1 — a Master and a Worker in their own JVMs, started
 * from the Maven-resolved Spark jars, executors launched by the Worker — runs {@code simulate} and
 * must give the byte-identical metrics of {@code local[2]}, also when an executor JVM is killed in
 * the middle of the run (Spark re-launches it and re-runs the lost tasks; keyed randomness makes the
 * recomputation identical).
 */
class StandaloneClusterTest {
    static final String[] OPENS = System.getProperty("distsde.opens", String.join(" ",
            "-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandles=false",
            "-Dio.netty.tryReflectionSetAccessible=true")).split(" ");
    static final List<String> ARGS = List.of("simulate", "--config", "../conf/fig1-b1-dsgd.json", "--set", "runs=64",
            "--set", "rounds=150", "--set", "recordEvery=10", "--set", "sde.enabled=false", "--set", "layout.mode=agents",
            "--set", "sweep={\"noise.sigma1\": [1.0, 3.0]}");

    @TempDir
    static Path home;
    static Process master;
    static Process worker;
    static String url;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** SPARK_HOME/jars: the test classpath's jars (links) plus a jar of this project's classes. */
    static void sparkHome() throws IOException {
        final Path jars = Files.createDirectories(home.resolve("jars"));
        for (String e : Files.readString(Path.of("target/test-classpath.txt")).trim().split(java.io.File.pathSeparator)) {
            final Path p = Path.of(e);
            if (e.endsWith(".jar") && Files.isRegularFile(p)) {
                Files.createSymbolicLink(jars.resolve(p.getFileName().toString()), p.toAbsolutePath());
            }
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jars.resolve("distsde-classes.jar")))) {
            for (Path root : List.of(Path.of("target/classes"), Path.of("../common/target/classes"))) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
        }
    }

    static Process start(String log, String... args) throws IOException {
        final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(OPENS));
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(home.resolve("jars") + "/*");
        cmd.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve(log).toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    static void await(String log, String text, int seconds) throws Exception {
        for (int i = 0; i < seconds * 5; i++) {
            final Path p = home.resolve(log);
            if (Files.exists(p) && Files.readString(p).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(log + " never said '" + text + "':\n" + Files.readString(home.resolve(log)));
    }

    @BeforeAll
    static void startCluster() throws Exception {
        sparkHome();
        final int port = freePort();
        url = "spark://127.0.0.1:" + port;
        master = start("master.log", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        await("master.log", "I have been elected leader", 60);
        worker = start("worker.log", "org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1", "--cores", "2",
                "--memory", "2g", "--webui-port", Integer.toString(freePort()), "--work-dir",
                home.resolve("work").toString());
        await("worker.log", "Successfully registered with master", 60);
    }

    @AfterAll
    static void stopCluster() {
        for (Process p : new Process[] {worker, master}) {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    static SparkSession session(String masterUrl) {
        return SparkSession.builder().master(masterUrl).appName("distsde-cluster-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.memory", "1g")
                .config("spark.executor.extraJavaOptions", String.join(" ", OPENS))
                .config("spark.task.maxFailures", "8")
                .getOrCreate();
    }

    static String simulate(String masterUrl, Path out, Runnable during) throws Exception {
        final SparkSession s = session(masterUrl);
        try {
            final List<String> args = new ArrayList<>(ARGS);
            args.addAll(List.of("--out", out.toString()));
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final Thread t = new Thread(during);
            t.start();
            final int code = Main.run(args.toArray(new String[0]), s, new PrintStream(OutputStream.nullOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            t.join();
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            return Files.readString(out.resolve("metrics.csv"));
        } finally {
            s.stop();
        }
    }

    static Optional<ProcessHandle> executor() {
        return worker.descendants().filter(h -> h.info().commandLine().orElse("")
                .contains("CoarseGrainedExecutorBackend")).findFirst();
    }

    @Test
    void clusterRunEqualsLocalRunAlsoWhenAnExecutorIsKilled() throws Exception {
        final String local = simulate("local[2]", home.resolve("local"), () -> { });
        final String cluster = simulate(url, home.resolve("cluster"), () -> { });
        assertEquals(local, cluster, "standalone cluster vs local[2]");

        final AtomicBoolean killed = new AtomicBoolean();
        final String afterKill = simulate(url, home.resolve("killed"), () -> {
            try {
                for (int i = 0; i < 300 && executor().isEmpty(); i++) {
                    Thread.sleep(100);
                }
                Thread.sleep(4000); // let the run get going: rounds are being computed by this executor
                executor().ifPresent(h -> killed.set(h.destroyForcibly()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(killed.get(), "an executor JVM must have been killed during the run");
        assertEquals(local, afterKill, "metrics after losing an executor mid-run");
        final String wlog = Files.readString(home.resolve("worker.log"));
        assertTrue(wlog.contains("137"), "the worker must report its executor killed (exit status 137):\n" + wlog);
    }
}
