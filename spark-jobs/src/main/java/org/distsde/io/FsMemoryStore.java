package org.distsde.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.distsde.sim.MemoryStore;

/**
 * The agents' memory of one series in the run's checkpoint directory, through the Hadoop
 * FileSystem API so that the tasks holding the agents write and read it themselves (never through
 * the driver): {@code <dir>/r<round>/b<block>}, each the block's doubles (raw IEEE bits, big
 * endian) after a header (magic, count). Written under a unique temporary name and renamed, so a
 * retried or killed task never leaves a partial block under the final name.
 */
public final class FsMemoryStore implements MemoryStore {
    private static final long serialVersionUID = 1L;
    private static final int MAGIC = 0x4D454D31; // "MEM1"
    private static final int CHUNK = 1 << 16;    // doubles per buffered write
    private final String dir;
    private final SerializableConf conf;
    private transient FileSystem fs;

    /** @param dir the series' memory directory (qualified), created on the first write */
    public FsMemoryStore(Path dir, SerializableConf conf) {
        this.dir = dir.toString();
        this.conf = conf;
    }

    private FileSystem fs() throws IOException {
        if (fs == null) {
            fs = new Path(dir).getFileSystem(conf.get());
        }
        return fs;
    }

    private Path block(long round, int block) {
        return new Path(new Path(dir, "r" + round), "b" + block);
    }

    @Override
    public void write(long round, int block, double[] memory) {
        final Path dst = block(round, block);
        final Path tmp = new Path(dst.getParent(), "." + dst.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            final FileSystem f = fs();
            try (DataOutputStream out = new DataOutputStream(f.create(tmp, true))) {
                out.writeInt(MAGIC);
                out.writeInt(memory.length);
                final ByteBuffer buf = ByteBuffer.allocate(8 * Math.min(CHUNK, Math.max(1, memory.length)));
                for (int i = 0; i < memory.length; i += CHUNK) {
                    final int n = Math.min(CHUNK, memory.length - i);
                    buf.clear();
                    buf.asDoubleBuffer().put(memory, i, n);
                    out.write(buf.array(), 0, 8 * n);
                }
            }
            f.delete(dst, false);
            if (!f.rename(tmp, dst)) {
                throw new IOException("cannot rename " + tmp + " to " + dst);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("agents' memory checkpoint " + dst + ": " + e.getMessage(), e);
        }
    }

    @Override
    public double[] read(long round, int block) {
        final Path p = block(round, block);
        try {
            final FileSystem f = fs();
            if (!f.exists(p)) {
                throw new IllegalStateException("--resume: the agents' memory " + p + " is missing");
            }
            try (DataInputStream in = new DataInputStream(f.open(p))) {
                if (in.readInt() != MAGIC) {
                    throw new IllegalStateException("--resume: " + p + " is not an agents' memory checkpoint");
                }
                final double[] m = new double[in.readInt()];
                final byte[] bytes = new byte[8 * Math.min(CHUNK, Math.max(1, m.length))];
                for (int i = 0; i < m.length; i += CHUNK) {
                    final int n = Math.min(CHUNK, m.length - i);
                    in.readFully(bytes, 0, 8 * n);
                    ByteBuffer.wrap(bytes, 0, 8 * n).asDoubleBuffer().get(m, i, n);
                }
                return m;
            }
        } catch (IOException e) {
            throw new IllegalStateException("--resume: unreadable agents' memory " + p + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void keepOnly(long round) {
        try {
            final FileSystem f = fs();
            final Path d = new Path(dir);
            if (!f.exists(d)) {
                return;
            }
            for (FileStatus s : f.listStatus(d)) {
                if (!s.getPath().getName().equals("r" + round)) {
                    f.delete(s.getPath(), true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("agents' memory checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }
}
