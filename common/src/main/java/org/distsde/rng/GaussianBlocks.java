package org.distsde.rng;

/**
 * Blocks of standard Gaussians, uniforms and 64-bit words from a counter-based generator, keyed
 * like {@link KeyedStream} by (seed, purpose, run, agent, round): the value at counter i of a key
 * is a pure function of (key, i), so any block of counters can be computed on its own, in any
 * order or split, and a loop over counters is vectorisable.
 *
 * <p><b>Generator.</b> Philox4x32-10 ({@link Philox}; Salmon et al. 2011), with the key hashed
 * into its 64-bit key and the upper 64 bits of its 128-bit counter (so two keys collide with
 * probability about 2⁻¹²⁸) and the lower 64 counter bits counting blocks. A Gaussian comes from
 * one 64-bit output by the ziggurat ({@link Ziggurat}), uniforms and words from the outputs
 * themselves.
 *
 * <p><b>Counters.</b> Counter i of a kind maps to group g = ⌊i/16⌋, lane l = i mod 8, half
 * h = ⌊i/8⌋ mod 2: the value is output h of Philox block 8g + l (Gaussians) or 2⁶² + 8g + l
 * (words and uniforms, so they never share a block with the Gaussians; uniform i is
 * {@code (⌊word_i/2¹²⌋ + ½)·2⁻⁵²}, in (0, 1)). A group of 16 counters is then one group of 8 blocks,
 * one vector of 8 lanes. Counters run over [0, 2⁶²).
 *
 * <p><b>Speed.</b> The bulk runs in a {@link BlockKernel}: the Vector API one when the JVM has
 * {@code --add-modules jdk.incubator.vector} (the launch scripts add it) and 512-bit vectors, a
 * plain-Java one otherwise (and while the vector kernel is not yet compiled, see {@code Kernels})
 * — the same numbers either way ({@link #kernel}). Partial groups at the
 * ends of a range are computed whole and copied, a single counter directly.
 *
 * <p>Not thread-safe (scratch arrays): one instance per task/thread, re-keyed with {@link #at}.
 */
public final class GaussianBlocks {
    private static final long G1 = 0x9E3779B97F4A7C15L;
    private static final long G2 = 0xC2B2AE3D27D4EB4FL;
    private static final long G3 = 0x165667B19E3779F9L;
    private static final long G4 = 0xD6E8FEB86659FD93L;
    /** Domain constants: the keys differ from {@link KeyedStream}'s at the same (seed, purpose). */
    private static final long D1 = 0x8CB92BA72F3D8DD7L;
    private static final long D2 = 0x3C6EF372FE94F82BL;
    /** Counters of each kind: [0, MAX_COUNTER). */
    public static final long MAX_COUNTER = 1L << 62;
    /** First Philox block of the words and uniforms. */
    static final long WORD_BLOCKS = 1L << 62;

    private final long key0;
    private final long key1;
    private long cachedRound = Long.MIN_VALUE;
    private long r1, r2;
    private long key, salt;
    private final BlockKernel kernel = Kernels.create();
    private final double[] group = new double[16];
    private final long[] groupWords = new long[16];
    private final long[] pair = new long[2];
    private long[] keys = new long[0], salts = new long[0];

    /**
     * @param seed    the experiment seed
     * @param purpose what the numbers are for ({@link KeyedStream.Purpose})
     */
    public GaussianBlocks(long seed, long purpose) {
        this.key0 = KeyedStream.mix(seed ^ KeyedStream.mix(purpose ^ D1));
        this.key1 = KeyedStream.mix(KeyedStream.mix(purpose + D2) ^ seed);
        at(0, 0, 0);
    }

    /** The kernel that runs the bulk now: "vector", "plain", or "plain (vector warming up)". */
    public String kernel() {
        return kernel.name();
    }

    /** Selects the key (run, agent, round) for the following calls. */
    public GaussianBlocks at(long run, long agent, long round) {
        roundHalf(round);
        key = KeyedStream.mix(r1 ^ (run * G1 + agent * G2));
        salt = KeyedStream.mix(r2 + (run * G4 ^ agent * G1));
        return this;
    }

    /** The current key's Philox key and salt (the counter's upper 64 bits), for the tests of the layout. */
    long[] keyAndSalt() {
        return new long[] {key, salt};
    }

    private void roundHalf(long round) {
        if (round != cachedRound) {
            r1 = KeyedStream.mix(key0 ^ round * G3);
            r2 = KeyedStream.mix(key1 + round * G2);
            cachedRound = round;
        }
    }

    /** The Gaussians at counters counter0 … counter0 + n − 1 of the current key into {@code out[off …]}. */
    public void normals(long counter0, double[] out, int off, int n) {
        check(counter0, n, out.length, off);
        range(NORMALS, counter0, out, null, off, n);
    }

    /** The 64-bit words at counters counter0 … counter0 + n − 1 of the current key into {@code out[off …]}. */
    public void words(long counter0, long[] out, int off, int n) {
        check(counter0, n, out.length, off);
        range(WORDS, counter0, null, out, off, n);
    }

    /**
     * The uniforms in (0, 1) at counters counter0 … counter0 + n − 1 of the current key into
     * {@code out[off …]}: {@code (⌊w/2¹²⌋ + ½)·2⁻⁵²} of the {@link #words} at the same counters.
     */
    public void uniforms(long counter0, double[] out, int off, int n) {
        check(counter0, n, out.length, off);
        range(UNIFORMS, counter0, out, null, off, n);
    }

    private static final int NORMALS = 0, WORDS = 1, UNIFORMS = 2;

    /** Counters [counter0, counter0 + n) of a kind: whole groups by the kernel, the ends through a group's scratch. */
    private void range(int kind, long counter0, double[] dout, long[] lout, int off, int n) {
        final long base = kind == NORMALS ? 0 : WORD_BLOCKS;
        final long end = counter0 + n;
        long i = counter0;
        int pos = off;
        while (i < end) {
            final long g = i >>> 4, start = g << 4;
            if (i == start && end - i >= 16) { // whole groups
                final int ng = (int) ((end - i) >>> 4);
                groups(kind, base + 8 * g, ng, dout, lout, pos);
                i += 16L * ng;
                pos += 16 * ng;
            } else {
                final int m = (int) (Math.min(end, start + 16) - i);
                if (m == 1) { // a lone counter: its own block (measured 40 ns, a whole vector group 54 ns)
                    Philox.block(key, base + 8 * g + (i & 7), salt, pair, 0);
                    final int h = (int) (i >>> 3) & 1;
                    if (kind == NORMALS) {
                        dout[pos] = Ziggurat.gaussian(pair[h]);
                    } else if (kind == WORDS) {
                        lout[pos] = pair[h];
                    } else {
                        dout[pos] = Uniforms.uniform(pair[h]);
                    }
                } else if (kind == WORDS) {
                    groups(kind, base + 8 * g, 1, null, groupWords, 0);
                    System.arraycopy(groupWords, (int) (i - start), lout, pos, m);
                } else {
                    groups(kind, base + 8 * g, 1, group, null, 0);
                    System.arraycopy(group, (int) (i - start), dout, pos, m);
                }
                i += m;
                pos += m;
            }
        }
    }

    private void groups(int kind, long block0, int ng, double[] dout, long[] lout, int pos) {
        if (kind == NORMALS) {
            kernel.normals(key, salt, block0, ng, dout, pos);
        } else if (kind == WORDS) {
            kernel.words(key, salt, block0, ng, lout, pos);
        } else {
            kernel.uniforms(key, salt, block0, ng, dout, pos);
        }
    }

    /**
     * The Gaussian at {@code counter} of each of the keys (run0 + i, agent, round), i &lt; n, into
     * {@code out[off + i]}: what {@code at(run0 + i, agent, round).normals(counter, out, off + i, 1)}
     * writes, in one pass over the keys (the d = 1 pattern: one Gaussian per run, agent and round).
     * Leaves the current key unspecified.
     */
    public void normalsAcrossRuns(long run0, int n, long agent, long round, long counter, double[] out, int off) {
        check(counter, 1, Integer.MAX_VALUE, 0);
        if (n < 0 || off < 0 || off + n > out.length) {
            throw new IndexOutOfBoundsException("n=" + n + ", off=" + off + ", length=" + out.length);
        }
        if (keys.length < n) {
            keys = new long[n];
            salts = new long[n];
        }
        roundHalf(round);
        final long a = r1, b = r2, ag1 = agent * G2, ag2 = agent * G1;
        final long[] k = keys, s = salts;
        for (int i = 0; i < n; i++) {
            final long run = run0 + i;
            k[i] = KeyedStream.mix(a ^ (run * G1 + ag1));
            s[i] = KeyedStream.mix(b + (run * G4 ^ ag2));
        }
        final long g = counter >>> 4;
        kernel.normalsAcrossKeys(k, s, n, 8 * g + (counter & 7), (int) (counter >>> 3) & 1, out, off);
    }

    private static void check(long counter0, int n, int length, int off) {
        if (counter0 < 0 || n < 0 || counter0 > MAX_COUNTER - n) {
            throw new IllegalArgumentException("counters [" + counter0 + ", " + counter0 + " + " + n
                    + ") outside [0, 2^62)");
        }
        if (off < 0 || off > length - n) {
            throw new IndexOutOfBoundsException("n=" + n + ", off=" + off + ", length=" + length);
        }
    }
}
