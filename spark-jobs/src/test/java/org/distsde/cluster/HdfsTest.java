package org.distsde.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.apache.spark.sql.Row;
import org.distsde.spark.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate --out hdfs://...} against a real HDFS (NameNode and DataNode of Hadoop's
 * MiniDFSCluster on 127.0.0.1): the result equals the {@code file://} run byte for byte, {@code report}
 * reads it back from HDFS, a run SIGKILLed mid-way resumes from its checkpoint on HDFS to the same
 * bytes, and a run that fails at run time (HDFS space quota exceeded while the result is being
 * written) leaves neither the output nor its staging directory behind.
 */
@ExtendWith(SharedHdfs.class)
class HdfsTest extends SparkTestBase {
    @TempDir
    static Path tmp;
    static DistributedFileSystem fs;
    static String uri;
    static Path ref;
    static byte[] reference;

    @BeforeAll
    static void reference() throws Exception {
        fs = SharedHdfs.fs();
        uri = SharedHdfs.uri();
        ref = localReference();
        reference = Files.readAllBytes(ref.resolve("metrics.csv"));
    }

    /** The local[2] run every HDFS and YARN result is compared with. */
    static Path localReference() throws Exception {
        return SharedHdfs.reference("fig1-b1", dir -> {
            final Cli r = cli(args("--out", dir.toUri().toString()));
            assertEquals(0, r.code(), r.err());
        });
    }

    static String[] args(String... more) {
        final List<String> a = new ArrayList<>(List.of("simulate", "--config", "../conf/" + ClusterSupport.CONFIG));
        a.addAll(ClusterSupport.SETS);
        a.addAll(Arrays.asList(more));
        return a.toArray(new String[0]);
    }

    @Test
    void hdfsOutputEqualsLocalOutputAndReportReadsIt() throws Exception {
        fs.mkdirs(new org.apache.hadoop.fs.Path("/results"));
        final Cli run = cli(args("--out", uri + "/results/run"));
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("wrote " + uri + "/results/run"), run.out());
        assertArrayEquals(reference, SharedHdfs.read("/results/run/metrics.csv"), "metrics.csv on HDFS vs file://");
        assertArrayEquals(Files.readAllBytes(ref.resolve("checks.txt")), SharedHdfs.read("/results/run/checks.txt"));
        final List<Row> local = spark.read().parquet(ref.resolve("metrics.parquet").toString()).collectAsList();
        final List<Row> remote = spark.read().parquet(uri + "/results/run/metrics.parquet").collectAsList();
        assertEquals(local, remote, "metrics.parquet on HDFS vs file://");
        assertEquals(List.of("run"), SharedHdfs.list("/results"), "only the result: no staging or checkpoint directory left");

        final Cli report = cli("report", "--in", uri + "/results/run", "--out", uri + "/results/report");
        assertEquals(0, report.code(), report.err());
        final String html = new String(SharedHdfs.read("/results/report/index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("fig1-b1-dsgd"), "the report names the experiment it read");
        assertTrue(SharedHdfs.list("/results/report").stream().anyMatch(n -> n.endsWith("-loss.png")), "loss plot on HDFS");
    }

    @Test
    void runKilledMidwayResumesFromItsHdfsCheckpoint() throws Exception {
        fs.mkdirs(new org.apache.hadoop.fs.Path("/killed"));
        final List<String> cmd = new ArrayList<>(List.of(ClusterSupport.java()));
        cmd.addAll(ClusterSupport.OPENS);
        cmd.addAll(List.of("-Dspark.master=local[2]", "-Xmx1g", "-cp", ClusterSupport.childClasspath(),
                "org.distsde.cli.Main"));
        cmd.addAll(Arrays.asList(args("--out", uri + "/killed/run")));
        final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("killed.log").toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        final Process child = pb.start();
        try {
            final boolean checkpointed = ClusterSupport.await(
                    () -> SharedHdfs.exists("/killed/.run.checkpoint/0-optimizer.state") || !child.isAlive(), 240, 50);
            assertTrue(checkpointed && child.isAlive(), "no round checkpoint on HDFS while the run was alive:\n"
                    + Files.readString(tmp.resolve("killed.log")));
        } finally {
            ClusterSupport.kill(child);
        }
        assertFalse(SharedHdfs.exists("/killed/run"), "the killed run must not have published anything");
        assertTrue(SharedHdfs.list("/killed").stream().anyMatch(n -> n.startsWith(".run.staging-")),
                "a SIGKILLed run leaves its staging directory (removed by --resume)");

        final Cli resumed = cli(args("--out", uri + "/killed/run", "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertArrayEquals(reference, SharedHdfs.read("/killed/run/metrics.csv"), "resumed on HDFS vs uninterrupted file://");
        assertEquals(List.of("run"), SharedHdfs.list("/killed"), "staging and checkpoint directories must be gone");
    }

    @Test
    void failedRunLeavesNothingHalfWritten() throws Exception {
        final org.apache.hadoop.fs.Path parent = new org.apache.hadoop.fs.Path("/failing");
        fs.mkdirs(parent);
        // Space quota on the staging directory, set as soon as it appears: metrics.csv (written first)
        // fits, the next file of the result (the Parquet part file) cannot get a block.
        final FileSystem client = new org.apache.hadoop.fs.Path(uri + "/").getFileSystem(
                spark.sparkContext().hadoopConfiguration());
        final long repl = client.getDefaultReplication(parent);
        final long quota = reference.length * repl + client.getDefaultBlockSize(parent) * repl - 1;
        final AtomicReference<String> staging = new AtomicReference<>();
        final CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
            try {
                ClusterSupport.await(() -> {
                    try {
                        for (String n : SharedHdfs.list("/failing")) {
                            if (n.startsWith(".run.staging-")) {
                                fs.setQuota(new org.apache.hadoop.fs.Path(parent, n), HdfsConstants.QUOTA_DONT_SET, quota);
                                staging.set(n);
                                return true;
                            }
                        }
                        return false;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, 120, 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        final Cli failed = cli(args("--out", uri + "/failing/run"));
        watcher.get(10, TimeUnit.SECONDS);
        assertTrue(staging.get() != null, "the staging directory never appeared");
        assertEquals(1, failed.code(), "a run-time failure exits 1:\n" + failed.err());
        assertTrue(failed.err().contains("DSQuotaExceededException"), failed.err());
        assertFalse(SharedHdfs.exists("/failing/run"), "nothing published at the output path");
        assertFalse(SharedHdfs.exists("/failing/" + staging.get()), "the partly written staging directory must be deleted");
        assertEquals(List.of(".run.checkpoint"), SharedHdfs.list("/failing"), "only the checkpoints remain, for --resume");

        final Cli resumed = cli(args("--out", uri + "/failing/run", "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertArrayEquals(reference, SharedHdfs.read("/failing/run/metrics.csv"), "resumed after the failure");
        assertEquals(List.of("run"), SharedHdfs.list("/failing"));
    }

    /**
     * A data-defined objective read from HDFS: the Breast Cancer rows copied to hdfs:// give the
     * same result, byte for byte, as the same run reading the file:// copy (DataLoader through
     * Spark, DataResolver broadcasting the rows).
     */
    @Test
    void dataObjectiveReadsItsRowsFromHdfs() throws Exception {
        final Path csv = Path.of("..", "conf", "data", "breast-cancer", "breast-cancer.csv").toAbsolutePath();
        fs.mkdirs(new org.apache.hadoop.fs.Path("/data"));
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(csv.toUri()), new org.apache.hadoop.fs.Path("/data/bc.csv"));
        final String[] common = {"simulate", "--config", "../conf/dnn-breast-cancer-n10-minibatch.json",
            "--set", "rounds=4", "--set", "runs=2", "--set", "recordEvery=2",
            "--set", "objective.type=\"logistic\"", "--set", "sweep={}"};
        final Path local = tmp.resolve("data-local");
        final List<String> a = new ArrayList<>(List.of(common));
        a.addAll(List.of("--set", "objective.data.path=\"" + csv.toUri() + "\"", "--out", local.toUri().toString()));
        final Cli l = cli(a.toArray(new String[0]));
        assertEquals(0, l.code(), l.err());
        final List<String> b = new ArrayList<>(List.of(common));
        b.addAll(List.of("--set", "objective.data.path=\"" + uri + "/data/bc.csv\"", "--out", uri + "/results/data"));
        final Cli h = cli(b.toArray(new String[0]));
        assertEquals(0, h.code(), h.err());
        assertArrayEquals(Files.readAllBytes(local.resolve("metrics.csv")), SharedHdfs.read("/results/data/metrics.csv"),
                "rows read from hdfs:// vs file://");
    }
}
