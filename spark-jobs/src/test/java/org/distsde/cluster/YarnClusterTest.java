package org.distsde.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;
import org.distsde.spark.SparkTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real YARN cluster (ResourceManager and NodeManager of Hadoop's MiniYARNCluster, over a
 * MiniDFSCluster; everything on 127.0.0.1): {@code submit-scripts/submit-yarn.sh} submits
 * {@code simulate} through Spark's launcher and {@code SparkSubmit} with {@code --master yarn}, in
 * client and in cluster deploy mode (there the config is shipped with {@code --files}); executors —
 * and in cluster mode the driver — run in YARN containers, the output goes to HDFS, and the metrics
 * equal the {@code local[2]} run byte for byte.
 */
@ExtendWith(SharedHdfs.class)
class YarnClusterTest extends SparkTestBase {
    static final String CONFIG = ClusterSupport.CONFIG;
    /** Fewer rounds than the HDFS tests: every round is a Spark job, and on YARN each costs more. */
    static final List<String> SETS = List.of("--set", "runs=40", "--set", "rounds=20", "--set", "sde.enabled=true",
            "--set", "layout.mode=agents", "--set", "layout.engine=spark", // Spark tasks, never the driver shortcut
            "--set", "sweep={\"noise.sigma1\": [1.0, 3.0]}", "--checkpoint-every", "10");

    @TempDir
    static Path tmp;
    static MiniYARNCluster yarn;
    static DistributedFileSystem fs;
    static String hdfs;
    static Path confDir;
    static Path sparkHome;
    static Path appJar;
    static byte[] reference;

    @BeforeAll
    static void startClusters() throws Exception {
        fs = SharedHdfs.fs();
        hdfs = SharedHdfs.uri();
        fs.mkdirs(new org.apache.hadoop.fs.Path("/user"));

        final YarnConfiguration conf = new YarnConfiguration();
        conf.set("fs.defaultFS", hdfs);
        conf.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
        conf.set("yarn.nodemanager.hostname", "127.0.0.1");
        conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        conf.setInt("yarn.nodemanager.resource.memory-mb", 6144);
        conf.setInt("yarn.nodemanager.resource.cpu-vcores", 4);
        conf.setInt("yarn.scheduler.minimum-allocation-mb", 256);
        conf.setInt("yarn.resourcemanager.nodemanagers.heartbeat-interval-ms", 250); // containers allocated sooner
        conf.setBoolean("yarn.nodemanager.pmem-check-enabled", false);
        conf.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
        // the minicluster ships no capacity-scheduler.xml: one queue with everything
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
        conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
        conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
        conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
        conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 1.0f);
        conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        final String testData = System.getProperty("test.build.data");
        System.setProperty("test.build.data", tmp.resolve("yarn").toString()); // the NodeManager's dirs
        try {
            yarn = new MiniYARNCluster("distsde", 1, 1, 1);
            yarn.init(conf);
            yarn.start();
        } finally {
            if (testData == null) {
                System.clearProperty("test.build.data");
            } else {
                System.setProperty("test.build.data", testData);
            }
        }
        ClusterSupport.quietHadoop();
        assertTrue(ClusterSupport.await(() -> !yarn.getConfig().get(YarnConfiguration.RM_ADDRESS).endsWith(":0"), 30,
                100), "the ResourceManager never published its address");
        assertTrue(yarn.waitForNodeManagersToConnect(30_000), "the NodeManager never registered");

        // HADOOP_CONF_DIR of the cluster, as a user of submit-yarn.sh has it
        confDir = Files.createDirectories(tmp.resolve("hadoop-conf"));
        final Configuration core = new Configuration(false);
        core.set("fs.defaultFS", hdfs);
        try (OutputStream o = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
            core.writeXml(o);
        }
        try (OutputStream o = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
            yarn.getConfig().writeXml(o);
        }
        sparkHome = ClusterSupport.sparkHome(tmp.resolve("spark"));
        appJar = ClusterSupport.appJar(tmp.resolve("distsde-app.jar"));

        final List<String> a = new ArrayList<>(List.of("simulate", "--config", "../conf/" + CONFIG));
        a.addAll(SETS);
        a.addAll(List.of("--out", tmp.resolve("local").toString()));
        final Cli ref = cli(a.toArray(new String[0]));
        assertEquals(0, ref.code(), ref.err());
        reference = Files.readAllBytes(tmp.resolve("local/metrics.csv"));
        submitBoth();
    }

    @AfterAll
    static void stopClusters() throws InterruptedException {
        for (Process p : SUBMISSIONS.values()) {
            ClusterSupport.kill(p);
        }
        if (yarn != null) {
            yarn.stop();
        }
    }

    static final Map<String, Process> SUBMISSIONS = new ConcurrentHashMap<>();

    /**
     * Starts submit-yarn.sh (a child process) with the options of this cluster and then {@code args}
     * (more Spark options, {@code --}, the distsde command).
     */
    static void submit(String name, String... args) throws Exception {
        final List<String> cmd = new ArrayList<>(List.of("bash", ClusterSupport.ROOT.resolve("submit-scripts/submit-yarn.sh")
                .toString()));
        cmd.addAll(List.of("--name", "distsde-" + name, "--num-executors", "1", "--executor-cores", "2",
                "--executor-memory", "1g", "--driver-memory", "1g", "--conf", "spark.yarn.am.memory=512m",
                "--conf", "spark.yarn.jars=local:" + sparkHome.resolve("jars") + "/*",
                "--conf", "spark.yarn.appMasterEnv.JAVA_HOME=" + System.getProperty("java.home"),
                "--conf", "spark.executorEnv.JAVA_HOME=" + System.getProperty("java.home"),
                "--conf", "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
                "--conf", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.yarn.submit.waitAppCompletion=true",
                "--conf", "spark.yarn.maxAppAttempts=1", "--conf", "spark.yarn.scheduler.heartbeat.interval-ms=1000"));
        cmd.addAll(Arrays.asList(args));
        final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("HADOOP_CONF_DIR", confDir.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("DISTSDE_APP_JAR", appJar.toString());
        SUBMISSIONS.put(name, pb.start());
    }

    /** Waits for a submission (5 minutes at most); returns its output. */
    static String finish(String name) throws Exception {
        final Process p = SUBMISSIONS.get(name);
        try {
            final boolean done = p.waitFor(5, TimeUnit.MINUTES);
            final String log = Files.readString(tmp.resolve(name + ".log"));
            assertTrue(done, "submission did not finish in 5 minutes:\n" + log);
            assertEquals(0, p.exitValue(), log);
            return log;
        } finally {
            ClusterSupport.kill(p);
        }
    }

    /** The YARN application a submission's output names. */
    static RMApp app(String submitLog) {
        final Matcher m = Pattern.compile("application_\\d+_\\d+").matcher(submitLog);
        assertTrue(m.find(), "no application id in the output:\n" + submitLog);
        final RMApp app = yarn.getResourceManager().getRMContext().getRMApps().get(ApplicationId.fromString(m.group()));
        assertNotNull(app, m.group());
        return app;
    }

    /**
     * The application's final status once the ResourceManager has recorded it: the application
     * master unregisters after the client has returned, so on a loaded machine the status can still
     * read UNDEFINED for a moment (waits at most 60 s).
     */
    static FinalApplicationStatus finalStatus(RMApp app) throws InterruptedException {
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (app.getFinalApplicationStatus() == FinalApplicationStatus.UNDEFINED && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return app.getFinalApplicationStatus();
    }

    /** Text of every container log file of an application in the NodeManager's log directories. */
    static String containerLogs(RMApp app) throws IOException {
        final StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(tmp.resolve("yarn"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().contains(app.getApplicationId().toString()))
                    .filter(f -> f.getFileName().toString().matches("stdout|stderr"))::iterator) {
                b.append("== ").append(f.getParent().getFileName()).append('/').append(f.getFileName()).append('\n')
                        .append(Files.readString(f));
            }
        }
        return b.toString();
    }

    /** Both applications run at the same time: most of a submission's time is waiting on YARN. */
    static void submitBoth() throws Exception {
        final List<String> client = new ArrayList<>(List.of("--deploy-mode", "client", "--",
                "simulate", "--config", ClusterSupport.ROOT.resolve("conf/" + CONFIG).toString()));
        client.addAll(SETS);
        client.addAll(List.of("--out", hdfs + "/yarn/client"));
        submit("client", client.toArray(new String[0]));
        final List<String> cluster = new ArrayList<>(List.of("--deploy-mode", "cluster",
                "--files", ClusterSupport.ROOT.resolve("conf/" + CONFIG).toString(), "--",
                "simulate", "--config", CONFIG));
        cluster.addAll(SETS);
        cluster.addAll(List.of("--out", hdfs + "/yarn/cluster"));
        submit("cluster", cluster.toArray(new String[0]));
    }

    @Test
    void clientDeployModeEqualsLocalRun() throws Exception {
        final String log = finish("client");
        assertTrue(log.contains("wrote " + hdfs + "/yarn/client"), log);
        assertArrayEquals(reference, SharedHdfs.read("/yarn/client/metrics.csv"), "YARN client mode vs local[2]");
        final RMApp app = app(log);
        assertEquals(FinalApplicationStatus.SUCCEEDED, finalStatus(app));
        final String logs = containerLogs(app);
        assertTrue(logs.contains("ExecutorLauncher") || logs.contains("ApplicationMaster"), logs);
        assertTrue(logs.contains("CoarseGrainedExecutorBackend") || logs.contains("YarnCoarseGrainedExecutorBackend"),
                "executors ran in YARN containers:\n" + logs);
    }

    @Test
    void clusterDeployModeWithShippedConfigEqualsLocalRun() throws Exception {
        final String log = finish("cluster");
        assertArrayEquals(reference, SharedHdfs.read("/yarn/cluster/metrics.csv"), "YARN cluster mode vs local[2]");
        final RMApp app = app(log);
        assertEquals(FinalApplicationStatus.SUCCEEDED, finalStatus(app), log);
        final String logs = containerLogs(app);
        assertTrue(logs.contains("wrote " + hdfs + "/yarn/cluster"),
                "the driver ran in the ApplicationMaster's container and printed its result line:\n" + logs);
    }
}
