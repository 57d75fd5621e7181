package org.distsde.io;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.distsde.config.ConfigException;
import org.distsde.sim.MemoryStore;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;

/**
 * Checkpoints of a run, next to its output on the same file system ({@code .<out>.checkpoint/}):
 * the state of a series every k rounds (agents layout), with its agents' memory when they keep one
 * ({@link FsMemoryStore}, written by the tasks), and every finished series. Each file carries
 * the fingerprint of the resolved config, so a resume with another config is refused. Files are
 * written under a temporary name and renamed. The directory is deleted when the result is
 * committed.
 */
public final class CheckpointStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CheckpointStore.class);
    private final FileSystem fs;
    private final Path dir;
    private final String fingerprint;
    private final SerializableConf conf;

    /** A finished series. */
    public record Done(List<RoundStats> rows, double seconds, Serializable extra) implements Serializable {
        public Done(List<RoundStats> rows, double seconds) {
            this(rows, seconds, null);
        }
    }

    private CheckpointStore(FileSystem fs, Path dir, String fingerprint) {
        this.fs = fs;
        this.dir = fs.makeQualified(dir);
        this.fingerprint = fingerprint;
        this.conf = new SerializableConf(fs.getConf());
    }

    /**
     * @param resume keep (and use) existing checkpoints; otherwise they are deleted
     */
    public static CheckpointStore open(ResultDir out, String fingerprint, boolean resume) throws IOException {
        final Path dir = new Path(out.target().getParent(), "." + out.target().getName() + ".checkpoint");
        final FileSystem fs = out.fs();
        if (!resume && fs.exists(dir)) {
            fs.delete(dir, true);
        }
        fs.mkdirs(dir);
        return new CheckpointStore(fs, dir, fingerprint);
    }

    public boolean exists(String name) throws IOException {
        return fs.exists(new Path(dir, name));
    }

    private void write(String name, Object o) {
        final Path tmp = new Path(dir, name + ".tmp");
        try {
            try (ObjectOutputStream out = new ObjectOutputStream(fs.create(tmp, true))) {
                out.writeUTF(fingerprint);
                out.writeObject(o);
            }
            final Path dst = new Path(dir, name);
            fs.delete(dst, false);
            if (!fs.rename(tmp, dst)) {
                throw new IOException("cannot rename " + tmp + " to " + dst);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + name + ": " + e.getMessage(), e);
        }
    }

    private Object read(String name) {
        final Path p = new Path(dir, name);
        try {
            if (!fs.exists(p)) {
                return null;
            }
            try (ObjectInputStream in = new ObjectInputStream(fs.open(p))) {
                if (!in.readUTF().equals(fingerprint)) {
                    throw new ConfigException("--resume: the checkpoint " + p + " was written for a different config");
                }
                return in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new ConfigException("--resume: unreadable checkpoint " + p + " (" + e.getMessage() + ")");
        }
    }

    /** A finished series, or null. */
    public Done done(int series, SeriesKind kind) {
        return (Done) read(series + "-" + kind.id() + ".done");
    }

    public void markDone(int series, SeriesKind kind, Done d) {
        write(series + "-" + kind.id() + ".done", d);
        try {
            fs.delete(new Path(dir, series + "-" + kind.id() + ".state"), false);
            fs.delete(new Path(dir, series + "-" + kind.id() + ".memory"), true);
        } catch (IOException ignored) {
            // a stale state file is superseded by the .done file
        }
    }

    /**
     * Round checkpoints of one series, every {@code every} rounds; the agents' memory (when they
     * keep one) goes to {@code <series>-<kind>.memory/}, written by the tasks that hold it.
     */
    public Simulation.Checkpoints rounds(int series, SeriesKind kind, int every) {
        final String name = series + "-" + kind.id() + ".state";
        final MemoryStore memory = new FsMemoryStore(new Path(dir, series + "-" + kind.id() + ".memory"), conf);
        return new Simulation.Checkpoints() {
            @Override public MemoryStore memory() { return memory; }
            @Override public int every() { return every; }
            @Override public Simulation.State load() {
                final Simulation.State st = (Simulation.State) read(name);
                if (st != null) {
                    LOG.info("series " + series + " (" + kind + "): resuming at round " + st.round());
                }
                return st;
            }
            @Override public void save(Simulation.State s) { write(name, s); }
        };
    }

    public void delete() throws IOException {
        fs.delete(dir, true);
    }
}
