package org.distsde.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One HDFS (MiniDFSCluster on 127.0.0.1) for every test class that extends with it, started by the
 * first and shut down, its directory deleted, when the whole test run ends; starting one costs more
 * than the tests that use it. Each class works under its own HDFS directory.
 */
public final class SharedHdfs implements BeforeAllCallback {
    private static Cluster cluster;
    private static final Map<String, Path> REFERENCES = new HashMap<>();

    /** A run writing a result directory. */
    interface Run {
        void into(Path dir) throws Exception;
    }

    /** The cluster, closed by JUnit at the end of the run (a resource of the root context's store). */
    private static final class Cluster implements ExtensionContext.Store.CloseableResource {
        final Path base;
        final MiniDFSCluster dfs;

        private boolean closed;

        Cluster() throws IOException {
            base = Files.createTempDirectory("distsde-hdfs");
            dfs = ClusterSupport.startDfs(base);
            // also when the test JVM ends without closing JUnit's root context
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    close();
                } catch (IOException | RuntimeException ignored) {
                    // exiting anyway
                }
            }));
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (SharedHdfs.class) {
                cluster = null;
            }
            synchronized (REFERENCES) {
                REFERENCES.clear();
            }
            dfs.shutdown(true); // deletes the cluster's directories
            if (Files.exists(base)) {
                try (Stream<Path> files = Files.walk(base)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SharedHdfs.class) {
            if (cluster == null) {
                cluster = new Cluster();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedHdfs.class.getName(), cluster);
            }
        }
    }

    /**
     * The result directory of a reference run on the local file system, made once per key for every
     * class that compares with it (deleted with the cluster).
     */
    static Path reference(String key, Run run) throws Exception {
        synchronized (REFERENCES) {
            Path dir = REFERENCES.get(key);
            if (dir == null) {
                dir = get().base.resolve("reference-" + key);
                run.into(dir);
                REFERENCES.put(key, dir);
            }
            return dir;
        }
    }

    static Cluster get() {
        if (cluster == null) {
            throw new IllegalStateException("@ExtendWith(SharedHdfs.class) missing");
        }
        return cluster;
    }

    /** hdfs://127.0.0.1:port */
    static String uri() {
        return "hdfs://127.0.0.1:" + get().dfs.getNameNodePort();
    }

    static DistributedFileSystem fs() {
        try {
            return get().dfs.getFileSystem();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(String path) throws IOException {
        try (InputStream in = fs().open(new org.apache.hadoop.fs.Path(path))) {
            return in.readAllBytes();
        }
    }

    static boolean exists(String path) {
        try {
            return fs().exists(new org.apache.hadoop.fs.Path(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names in an HDFS directory. */
    static List<String> list(String dir) throws IOException {
        final List<String> names = new ArrayList<>();
        for (FileStatus st : fs().listStatus(new org.apache.hadoop.fs.Path(dir))) {
            names.add(st.getPath().getName());
        }
        return names;
    }
}
