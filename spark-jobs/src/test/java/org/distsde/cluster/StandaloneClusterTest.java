package org.distsde.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;
import org.distsde.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1 — a Master and a Worker in their own JVMs, started
 * from the Maven-resolved Spark jars on ports they pick themselves, executors launched by the Worker —
 * runs {@code simulate} over a sweep of the number of agents N and must give the byte-identical
 * metrics of {@code local[2]}, also when the executor JVM is killed in the middle of the run: a
 * listener kills it when the first task of a later stage starts (the tasks of that stage are held
 * by {@link HoldTaskPlugin}, so they are running), and the listener's counts show those tasks lost
 * and run again on the executor the Worker launches next (keyed randomness makes the recomputation
 * identical).
 */
class StandaloneClusterTest {
    static final List<String> ARGS = List.of("simulate", "--config", "../conf/fig1-b1-dsgd.json", "--set", "runs=64",
            "--set", "rounds=60", "--set", "recordEvery=10", "--set", "sde.enabled=false", "--set", "layout.mode=agents",
            "--set", "layout.engine=spark", // the test is about Spark tasks: never the driver shortcut
            "--set", "noise.sigma1=1.0", "--set", "sweep={\"agents\": [1, 10, 100]}");

    @TempDir
    static Path home;
    static Process master;
    static Process worker;
    static String url;

    static Process start(String log, String... args) throws IOException {
        final List<String> cmd = new ArrayList<>(List.of(ClusterSupport.java()));
        cmd.addAll(ClusterSupport.OPENS);
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

    /** The first match of {@code regex} (group 1, or the whole match) in a log, waiting up to {@code seconds}. */
    static String await(String log, String regex, int seconds) throws Exception {
        final Pattern p = Pattern.compile(regex);
        final AtomicReference<String> found = new AtomicReference<>();
        ClusterSupport.await(() -> {
            try {
                final Path f = home.resolve(log);
                final Matcher m = p.matcher(Files.exists(f) ? Files.readString(f) : "");
                if (m.find()) {
                    found.set(m.groupCount() > 0 ? m.group(1) : m.group());
                }
                return found.get() != null;
            } catch (IOException e) {
                return false;
            }
        }, seconds, 100);
        if (found.get() == null) {
            throw new AssertionError(log + " never matched '" + regex + "':\n" + Files.readString(home.resolve(log)));
        }
        return found.get();
    }

    @BeforeAll
    static void startCluster() throws Exception {
        ClusterSupport.sparkHome(home);
        master = start("master.log", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "0",
                "--webui-port", "0");
        url = await("master.log", "Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)", 60);
        await("master.log", "I have been elected leader", 60);
        worker = start("worker.log", "org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1", "--port", "0",
                "--cores", "2", "--memory", "2g", "--webui-port", "0", "--work-dir", home.resolve("work").toString());
        await("worker.log", "Successfully registered with master", 60);
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        ClusterSupport.kill(worker);
        ClusterSupport.kill(master);
    }

    /** What the scheduler did during a run, from its listener events. */
    static final class Events extends SparkListener {
        final AtomicInteger launched = new AtomicInteger();
        final AtomicInteger lost = new AtomicInteger();
        final AtomicInteger stages = new AtomicInteger();
        final AtomicInteger executorsAdded = new AtomicInteger();
        final AtomicInteger executorsRemoved = new AtomicInteger();
        final Map<String, Integer> lostByExecutor = new ConcurrentHashMap<>();
        /** Stage whose first task start kills the executor running it (-1: none). */
        final int killAt;
        final AtomicReference<String> killed = new AtomicReference<>();

        Events(int killAt) {
            this.killAt = killAt;
        }

        @Override
        public void onStageSubmitted(SparkListenerStageSubmitted e) {
            stages.accumulateAndGet(e.stageInfo().stageId() + 1, Math::max);
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart e) {
            launched.incrementAndGet();
            final String id = e.taskInfo().executorId();
            if (e.stageId() == killAt && e.taskInfo().attemptNumber() == 0 && killed.compareAndSet(null, id)) {
                worker.descendants().filter(h -> h.info().commandLine().orElse("").matches(
                        ".*CoarseGrainedExecutorBackend.* --executor-id " + id + " .*"))
                        .forEach(ProcessHandle::destroyForcibly);
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd e) {
            if (e.reason() instanceof ExecutorLostFailure) {
                lost.incrementAndGet();
                lostByExecutor.merge(e.taskInfo().executorId(), 1, Integer::sum);
            }
        }

        @Override
        public void onExecutorAdded(SparkListenerExecutorAdded e) {
            executorsAdded.incrementAndGet();
        }

        @Override
        public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
            executorsRemoved.incrementAndGet();
        }
    }

    static SparkSession session(String masterUrl, int holdStage) {
        final SparkSession.Builder b = SparkSession.builder().master(masterUrl).appName("distsde-cluster-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.memory", "1g")
                .config("spark.executor.extraJavaOptions", String.join(" ", ClusterSupport.OPENS))
                .config("spark.task.maxFailures", "8");
        if (holdStage >= 0) {
            b.config("spark.plugins", HoldTaskPlugin.class.getName())
                    .config(HoldTaskPlugin.STAGE, Integer.toString(holdStage))
                    .config("spark.executor.extraClassPath", Path.of("target/test-classes").toAbsolutePath().toString());
        }
        return b.getOrCreate();
    }

    static String simulate(String masterUrl, Path out, Events events, int holdStage) {
        final SparkSession s = session(masterUrl, holdStage);
        try {
            s.sparkContext().addSparkListener(events);
            final List<String> args = new ArrayList<>(ARGS);
            args.addAll(List.of("--out", out.toString()));
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final int code = Main.run(args.toArray(new String[0]), s, new PrintStream(OutputStream.nullOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            return Files.readString(out.resolve("metrics.csv"));
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            s.stop(); // stops the listener bus after delivering every event
        }
    }

    @Test
    void clusterRunOfAnAgentSweepEqualsLocalRunAlsoWhenTheExecutorIsKilled() throws Exception {
        final String local = simulate("local[2]", home.resolve("local"), new Events(-1), -1);
        assertEquals(List.of("agents=1", "agents=10", "agents=100"), local.lines().skip(1)
                .map(l -> l.split(",")[1]).distinct().toList(), "one series per N of the sweep");

        final Events clean = new Events(-1);
        assertEquals(local, simulate(url, home.resolve("cluster"), clean, -1), "standalone cluster vs local[2]");
        assertEquals(0, clean.lost.get(), "no task lost without a kill");
        assertTrue(clean.stages.get() > 10, "a run of many stages: " + clean.stages.get());

        final int later = clean.stages.get() / 2; // a stage in the middle of the run
        final Events kill = new Events(later);
        final String afterKill = simulate(url, home.resolve("killed"), kill, later);
        assertEquals(local, afterKill, "metrics after losing the executor mid-run");
        assertTrue(kill.killed.get() != null, "the executor was killed when stage " + later + " started");
        assertTrue(kill.lost.get() >= 1, "tasks of the killed executor were lost: " + kill.lostByExecutor);
        assertEquals(Map.of(kill.killed.get(), kill.lost.get()), kill.lostByExecutor, "lost on the killed executor only");
        assertEquals(clean.launched.get() + kill.lost.get(), kill.launched.get(),
                "every lost task was run again, and nothing else was");
        assertEquals(clean.stages.get(), kill.stages.get(), "the same stages");
        assertTrue(kill.executorsRemoved.get() >= 1 && kill.executorsAdded.get() >= 2,
                "the Worker replaced the lost executor: added " + kill.executorsAdded + ", removed " + kill.executorsRemoved);
    }
}
