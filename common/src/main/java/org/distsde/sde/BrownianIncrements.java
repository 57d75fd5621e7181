package org.distsde.sde;

import org.distsde.rng.KeyedStream;

/**
 * The Brownian increments of the SDE paths at refinement level L (Δt = Δt₀/2^L), nested across
 * levels.
 *
 * <p><b>Keying.</b> All randomness of path p over level-0 step k (the interval [kΔt₀, (k+1)Δt₀))
 * comes from the {@link KeyedStream} at key (seed, {@link KeyedStream.Purpose#SDE}, run = p,
 * agent = 0, round = k), a pure function of (seed, p, k): no generator state is carried from one
 * step to the next, so any path and step can be recomputed on its own (blocking, partitioning and
 * task retries do not matter). From that stream's 64-bit words, standard Gaussians are drawn by the
 * 256-layer ziggurat of {@link Ziggurat} (one word each, more for the ≈ 1.2% rejected candidates),
 * in node-major order: z[m, j] for node m = 0 … 2^L − 1, then coordinate j = 0 … d − 1 (flat index
 * m·d + j). Level L uses the first 2^L·d draws, a prefix of what any finer level draws, so the
 * levels are coupled. The first word of every path's stream at step k is computed for the whole
 * block in one vectorisable pass ({@link KeyedStream#firstWords}); the stream is positioned on a
 * path only when it needs more words (d·2^L &gt; 1, or a rejection).
 *
 * <p><b>Bridge.</b> The level-0 increment of coordinate j is ΔW = √Δt₀·z[0, j]. The finer
 * increments come from the Brownian bridge in breadth-first node order: node 1 splits the level-0
 * interval, nodes 2–3 split its halves, nodes 4–7 the quarters, and so on (node 2^l + i splits
 * interval i of level l). Splitting an interval of length h whose increment is W with node z gives
 * left = W/2 + (√h/2)·z and right = W − left (the midpoint of a Brownian bridge has variance h/4).
 * So the two level-(L+1) sub-increments sum to the level-L increment (up to one rounding) and the
 * 2^L level-L increments over a level-0 step sum to its level-0 increment.
 *
 * <p>Consequently level 0 with Δt₀ = η/2 and level 1 with Δt₀ = η are the same time grid but not
 * the same numbers: the former keys one stream per half step (k counts half steps), the latter
 * one per η-step, bridged.
 *
 * <p>Not thread-safe (one instance per task); nothing is allocated per call.
 */
public final class BrownianIncrements {
    private final int level;
    private final int nodes;
    private final int d;
    private final KeyedStream stream;
    private long[] words = new long[0];
    /** A path's further words, drawn ahead in one loop ({@link KeyedStream#nextLongs}), then the stream. */
    private long[] ahead = new long[0];
    private int cursor;
    private int avail;
    private final java.util.function.LongSupplier next = this::nextWord;
    private final java.util.function.LongSupplier fromStream;

    /**
     * @param seed  the experiment seed
     * @param level refinement level L ≥ 0 (2^L sub-steps per level-0 step)
     * @param d     dimension
     */
    public BrownianIncrements(long seed, int level, int d) {
        if (level < 0 || level > 24) {
            throw new IllegalArgumentException("level must be in [0, 24] (got " + level + ")");
        }
        if (d < 1) {
            throw new IllegalArgumentException("d must be >= 1 (got " + d + ")");
        }
        this.level = level;
        this.nodes = 1 << level;
        this.d = d;
        this.stream = new KeyedStream(seed, KeyedStream.Purpose.SDE);
        this.fromStream = stream::nextLong;
    }

    public int level() { return level; }

    /** 2^L: sub-steps (and bridge nodes) per level-0 step. */
    public int nodes() { return nodes; }

    public int dim() { return d; }

    /**
     * The 2^L·d standard Gaussians of path p over level-0 step k, node-major
     * ({@code z[off + m·d + j]}), drawn in one pass from the stream at (seed, p, k).
     */
    public void gaussians(long p, long k, double[] z, int off) {
        stream.at(p, 0, k);
        final int m = nodes * d;
        for (int i = 0; i < m; i++) {
            z[off + i] = Ziggurat.sample(stream.nextLong(), fromStream);
        }
    }

    /**
     * The 2^L level-L increments of one path over level-0 step k of length dt0:
     * {@code out[off + m·d + j]} is the increment of coordinate j over sub-step m.
     */
    public void increments(long p, long k, double dt0, double[] out, int off) {
        final double[] z = new double[nodes * d];
        final double[] w = new double[nodes * d];
        gaussians(p, k, z, 0);
        bridge(z, w, d, dt0);
        System.arraycopy(w, 0, out, off, nodes * d);
    }

    /**
     * The increments of the n paths p0 … p0 + n − 1 over level-0 step k, for the block engine:
     * {@code inc[(m·n + i)·d + j]} is the increment of path p0 + i, coordinate j, over sub-step m
     * (sub-step-major, so one sub-step of the whole block is contiguous). Paths with
     * {@code alive[i]} false are skipped (their slots keep stale finite values). {@code z} is
     * scratch of the same length 2^L·n·d.
     */
    public void block(long p0, int n, boolean[] alive, long k, double dt0, double[] z, double[] inc) {
        final int nd = n * d;
        if (words.length < n) {
            words = new long[n];
        }
        final long[] w = words;
        stream.firstWords(p0, n, 0, k, w); // every path's first word, one flat pass
        final double[] tx = Ziggurat.X, tq = Ziggurat.Q;
        final int per = nodes * d;
        for (int i = 0; i < n; i++) {
            if (!alive[i]) {
                continue;
            }
            final long wi = w[i];
            final int li = (int) wi & 255;
            final double u = Ziggurat.uniform(wi);
            final int o = i * d;
            if (per == 1 && Math.abs(u) < tq[li]) { // the common case of d = 1, level 0: fast path only
                z[o] = u * tx[li];
                continue;
            }
            stream.at(p0 + i, 0, k).nextLong(); // positioned after the first word
            if (ahead.length < per) {
                ahead = new long[per];
            }
            stream.nextLongs(ahead, 0, per - 1); // the words of the other draws if none is rejected
            cursor = 0;
            avail = per - 1;
            z[o] = Ziggurat.sample(wi, next);
            final long[] wa = ahead;
            int c = cursor;
            for (int m = 0, j0 = 1; m < nodes; m++, j0 = 0) { // node-major draws, written sub-step-major
                final int zo = m * nd + o;
                for (int j = j0; j < d; j++) {
                    final long wq = c < avail ? wa[c++] : stream.nextLong();
                    final int lq = (int) wq & 255;
                    final double uq = Ziggurat.uniform(wq);
                    if (Math.abs(uq) < tq[lq]) {
                        z[zo + j] = uq * tx[lq];
                    } else { // rare: the rejection path draws further words through nextWord()
                        cursor = c;
                        z[zo + j] = Ziggurat.slow(wq, next);
                        c = cursor;
                    }
                }
            }
        }
        bridge(z, inc, nd, dt0);
    }

    /** The next word of the path's stream: the words drawn ahead, then the stream itself. */
    private long nextWord() {
        return cursor < avail ? ahead[cursor++] : stream.nextLong();
    }

    /**
     * The breadth-first Brownian bridge over width-{@code w} rows: {@code z[node·w + q]} are the
     * node Gaussians, {@code out[m·w + q]} receives the level-L increments. Each level is a
     * counted loop over q (vectorisable).
     */
    void bridge(double[] z, double[] out, int w, double dt0) {
        final double s0 = Math.sqrt(dt0);
        for (int q = 0; q < w; q++) {
            out[q] = s0 * z[q]; // ΔW over the level-0 step
        }
        double h = dt0;
        for (int l = 0; l < level; l++) {
            final int half = 1 << l;
            final double c = 0.5 * Math.sqrt(h);
            for (int i = half - 1; i >= 0; i--) { // descending: interval i's slot is read before 2i, 2i+1 are written
                final int src = i * w, node = (half + i) * w, left = 2 * i * w, right = left + w;
                for (int q = 0; q < w; q++) {
                    final double wq = out[src + q];
                    final double lq = 0.5 * wq + c * z[node + q];
                    out[left + q] = lq;
                    out[right + q] = wq - lq;
                }
            }
            h *= 0.5;
        }
    }
}
