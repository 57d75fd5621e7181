package org.distsde.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * What the tests of real clusters share: the Java 17 flags Spark needs, child JVMs on the test
 * classpath, a {@code SPARK_HOME} made of the Maven-resolved jars (with a {@code bin/spark-submit}
 * that runs Spark's own launcher, as the distribution's script does), an HDFS {@link MiniDFSCluster}
 * on 127.0.0.1, and polling with a deadline.
 */
final class ClusterSupport {
    private ClusterSupport() { }

    static final List<String> OPENS = List.of(System.getProperty("distsde.opens", String.join(" ",
            "-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandles=false",
            "-Dio.netty.tryReflectionSetAccessible=true")).split(" "));

    /** The experiment the HDFS and YARN tests run (conf/ + CONFIG with SETS): a few seconds on local[2]. */
    static final String CONFIG = "fig1-b1-dsgd.json";
    static final List<String> SETS = List.of("--set", "runs=40", "--set", "rounds=60", "--set", "sde.enabled=true",
            "--set", "layout.mode=agents", "--set", "layout.engine=spark", // Spark tasks, never the driver shortcut
            "--set", "sweep={\"noise.sigma1\": [1.0, 3.0]}", "--checkpoint-every", "10");

    /** The project root (the tests run in spark-jobs/). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jars of the test classpath (Spark, Hadoop, the miniclusters, ...), as Maven resolved them. */
    static List<Path> testJars() throws IOException {
        final List<Path> jars = new ArrayList<>();
        for (String e : Files.readString(Path.of("target/test-classpath.txt")).trim().split(File.pathSeparator)) {
            final Path p = Path.of(e);
            if (e.endsWith(".jar") && Files.isRegularFile(p)) {
                jars.add(p.toAbsolutePath());
            }
        }
        return jars;
    }

    /** This project's classes and the test classpath, for a child JVM running {@code org.distsde.cli.Main}. */
    static String childClasspath() throws IOException {
        return Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                + Path.of("../common/target/classes").toAbsolutePath().normalize() + File.pathSeparator
                + Files.readString(Path.of("target/test-classpath.txt")).trim();
    }

    /** A jar of this project's main classes (spark-jobs and common): the application jar of a submission. */
    static Path appJar(Path file) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
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
        return file;
    }

    /**
     * A Spark installation made of the test classpath: {@code jars/} (links to the Maven-resolved
     * jars plus {@code distsde-classes.jar}) and {@code bin/spark-submit}, which asks Spark's launcher
     * ({@code org.apache.spark.launcher.Main}) for the driver's command line and runs it, like the
     * {@code bin/spark-class} script of a Spark distribution.
     */
    static Path sparkHome(Path home) throws IOException {
        final Path jars = Files.createDirectories(home.resolve("jars"));
        for (Path p : testJars()) {
            final Path link = jars.resolve(p.getFileName().toString());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, p);
            }
        }
        appJar(jars.resolve("distsde-classes.jar"));
        final Path bin = Files.createDirectories(home.resolve("bin"));
        final Path submit = bin.resolve("spark-submit");
        Files.writeString(submit, String.join("\n",
                "#!/usr/bin/env bash",
                "# spark-submit of a SPARK_HOME made of Maven jars, as bin/spark-class runs it: Spark's launcher",
                "# prints any message lines, an empty line, then the driver's command NUL-separated; its exit",
                "# status follows.",
                "set -euo pipefail",
                "export SPARK_SCALA_VERSION=\"${SPARK_SCALA_VERSION:-2.13}\"  # as bin/load-spark-env.sh sets it",
                "cmd=(); started=false; delim=$'\\n'",
                "while IFS= read -d \"$delim\" -r arg; do",
                "  if $started; then cmd+=(\"$arg\"); elif [ -z \"$arg\" ]; then started=true; delim=''; else echo \"$arg\"; fi",
                "done < <(\"" + java() + "\" -Xmx128m -cp \"$SPARK_HOME/jars/*\" \\",
                "  org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit \"$@\"; printf '%d\\0' $?)",
                "last=$(( ${#cmd[@]} - 1 ))",
                "[ \"${cmd[$last]}\" = 0 ] || exit \"${cmd[$last]}\"",
                "exec \"${cmd[@]:0:$last}\"", ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /** Quiets the Hadoop daemons running inside the test JVM (their INFO lines would drown the build log). */
    static void quietHadoop() {
        for (String logger : List.of("org.apache.hadoop", "org.eclipse.jetty", "org.apache.hadoop.shaded",
                "BlockStateChange", "org.apache.spark.deploy.yarn", "org.apache.spark.scheduler.cluster")) {
            Configurator.setLevel(logger, Level.WARN);
        }
    }

    /** An HDFS cluster (one NameNode, one DataNode, replication 1) in {@code base}, on 127.0.0.1 only. */
    static MiniDFSCluster startDfs(Path base) throws IOException {
        quietHadoop();
        final Configuration conf = new Configuration();
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.namenode.servicerpc-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.setInt("dfs.replication", 1);
        conf.setBoolean("dfs.permissions.enabled", false);
        // the NameNode enters safe mode when its volume has less than 100 MB free (default): on a
        // shared build machine whose disk fills for a moment that fails the tests for a reason that is
        // not theirs, so the test cluster reserves nothing
        conf.setLong("dfs.namenode.resource.du.reserved", 0);
        final MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf, base.toFile()).numDataNodes(1)
                .checkDataNodeAddrConfig(true).build();
        dfs.waitActive();
        return dfs;
    }

    /** Polls {@code done} every {@code ms} milliseconds until it holds or {@code seconds} have passed. */
    static boolean await(BooleanSupplier done, int seconds, int ms) throws InterruptedException {
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (done.getAsBoolean()) {
                return true;
            }
            Thread.sleep(ms);
        }
        return done.getAsBoolean();
    }

    /** Kills a process and every process it started, and waits for them. */
    static void kill(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        final List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle h : all) {
            h.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> h).join();
        }
    }
}
