package org.distsde.io;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.distsde.config.ConfigException;

/**
 * An output directory written atomically through the Hadoop FileSystem API (file://, hdfs://,
 * s3a:// ...): everything goes to a hidden sibling staging directory, which is renamed onto the
 * final path only when the whole result is complete; on failure the staging directory is deleted,
 * so no partial result is ever visible at the output path.
 */
public final class ResultDir implements AutoCloseable {
    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private boolean committed;

    private ResultDir(FileSystem fs, Path target, Path staging, boolean overwrite) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
    }

    /**
     * Validates the output path (exit status 2 material) and creates the staging directory.
     *
     * @throws ConfigException when the path exists and is not empty without overwrite, is a file,
     *                         or cannot be created
     */
    public static ResultDir open(String out, boolean overwrite, Configuration conf) {
        if (out == null || out.isBlank()) {
            throw new ConfigException("--out is required");
        }
        try {
            final Path p = new Path(out);
            final FileSystem fs = p.getFileSystem(conf);
            fs.setWriteChecksum(false); // no .crc side files next to the results
            final Path target = fs.makeQualified(p);
            occupied(fs, target, out, overwrite);
            final Path parent = target.getParent();
            final Path staging = new Path(parent, "." + target.getName() + ".staging-" + UUID.randomUUID());
            try {
                if (!fs.mkdirs(staging)) {
                    throw new ConfigException("--out " + out + ": cannot create a directory in " + parent);
                }
            } catch (IOException e) {
                throw new ConfigException("--out " + out + ": cannot write in " + parent + " (" + e.getMessage() + ")");
            }
            return new ResultDir(fs, target, staging, overwrite);
        } catch (IOException e) {
            throw new ConfigException("--out " + out + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--out " + out + ": invalid path (" + e.getMessage() + ")");
        }
    }

    /**
     * Refuses an output path that exists (non-empty without overwrite, or a file) before any work
     * starts, through the Hadoop FileSystem API with {@code conf}; creates nothing. A path whose file
     * system cannot be reached with {@code conf} (e.g. hdfs:// before Spark's Hadoop settings are
     * loaded) is left to {@link #open}.
     *
     * @throws ConfigException naming --out
     */
    public static void refuse(String out, boolean overwrite, Configuration conf) {
        if (out == null || out.isBlank()) {
            throw new ConfigException("--out is required");
        }
        final FileSystem fs;
        final Path target;
        try {
            final Path p = new Path(out);
            fs = p.getFileSystem(conf);
            target = fs.makeQualified(p);
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            return;
        }
        try {
            if (occupied(fs, target, out, overwrite)) {
                return;
            }
            for (Path a = target.getParent(); a != null; a = a.getParent()) { // the first ancestor that exists
                if (fs.exists(a)) {
                    if (!fs.getFileStatus(a).isDirectory()) {
                        throw new ConfigException("--out " + out + ": cannot create a directory in " + a + " (a file)");
                    }
                    return;
                }
            }
        } catch (IOException e) {
            // unreachable now: open() reports it with Spark's settings
        }
    }

    /**
     * Whether the target exists; refuses a file there, or a non-empty directory without overwrite.
     *
     * @throws ConfigException naming --out
     */
    private static boolean occupied(FileSystem fs, Path target, String out, boolean overwrite) throws IOException {
        if (!fs.exists(target)) {
            return false;
        }
        if (!fs.getFileStatus(target).isDirectory()) {
            throw new ConfigException("--out " + out + " exists and is a file");
        }
        if (fs.listStatus(target).length > 0 && !overwrite) {
            throw new ConfigException("--out " + out + " exists and is not empty (use --overwrite)");
        }
        return true;
    }

    /** Deletes staging directories that killed runs left next to the output path. */
    public void removeStaleStaging() throws IOException {
        final String prefix = "." + target.getName() + ".staging-";
        for (FileStatus st : fs.listStatus(target.getParent())) {
            final String n = st.getPath().getName();
            if (n.startsWith(prefix) && !st.getPath().equals(staging)) {
                fs.delete(st.getPath(), true);
            }
        }
    }

    /** The staging path of a file or directory inside the result. */
    public Path path(String name) {
        return new Path(staging, name);
    }

    public URI stagingUri() {
        return staging.toUri();
    }

    public Path target() {
        return target;
    }

    public FileSystem fs() {
        return fs;
    }

    public OutputStream create(String name) throws IOException {
        return fs.create(path(name), true);
    }

    public void writeString(String name, String text) throws IOException {
        try (OutputStream o = create(name)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Publishes the result: the staging directory becomes the output path (once; later calls do nothing). */
    public void commit() throws IOException {
        if (committed) {
            return;
        }
        if (fs.exists(target)) {
            if (!overwrite && fs.listStatus(target).length > 0) {
                throw new IOException("output path " + target + " appeared during the run");
            }
            fs.delete(target, true);
        }
        if (!fs.rename(staging, target)) {
            throw new IOException("cannot rename " + staging + " to " + target);
        }
        committed = true;
    }

    /** Deletes the staging directory unless the result was committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                fs.delete(staging, true);
            } catch (IOException ignored) {
                // best effort: nothing was published
            }
        }
    }
}
