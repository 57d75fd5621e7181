package org.distsde.sde;

import org.distsde.rng.GaussianBlocks;
import org.distsde.rng.KeyedStream;

/**
 * The Brownian increments of the SDE paths at refinement level L (Δt = Δt₀/2^L), nested across
 * levels.
 *
 * <p><b>Keying.</b> The standard Gaussians come from the counter-based source
 * {@link GaussianBlocks} (Philox4x32-10 and a ziggurat) under purpose {@link KeyedStream.Purpose#SDE}:
 * node m of level-0 step k (the interval [kΔt₀, (k+1)Δt₀)) is key (run = m, agent = 0, round = k),
 * and path p, coordinate j is its counter p·d + j. So z[m, j] of path p is a pure function of
 * (seed, m, k, p, j): no generator state is carried from one step to the next, any path and step
 * can be recomputed on its own (blocking, partitioning and task retries do not matter), and a
 * block of n paths is one contiguous range of n·d counters per node, computed in a vectorised
 * loop. Level L uses the nodes m &lt; 2^L, a prefix of what any finer level draws, so the levels
 * are coupled.
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
 * the same numbers: the former keys half steps, the latter η-steps, bridged.
 *
 * <p>Not thread-safe (one instance per task); nothing is allocated per call.
 */
public final class BrownianIncrements {
    private final int level;
    private final int nodes;
    private final int d;
    private final GaussianBlocks source;

    /**
     * @param seed  the experiment seed
     * @param level refinement level L ≥ 0 (2^L sub-steps per level-0 step)
     * @param d     Gaussians per path and node (the dimension of the Brownian motion)
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
        this.source = new GaussianBlocks(seed, KeyedStream.Purpose.SDE);
    }

    public int level() { return level; }

    /** 2^L: sub-steps (and bridge nodes) per level-0 step. */
    public int nodes() { return nodes; }

    public int dim() { return d; }

    /**
     * The 2^L·d standard Gaussians of path p over level-0 step k, node-major
     * ({@code z[off + m·d + j]}).
     */
    public void gaussians(long p, long k, double[] z, int off) {
        for (int m = 0; m < nodes; m++) {
            source.at(m, 0, k).normals(p * d, z, off + m * d, d);
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
     * (sub-step-major, so one sub-step of the whole block is contiguous). {@code z} is scratch of
     * the same length 2^L·n·d; it receives the nodes' Gaussians, node-major: one range of counters
     * per node. Every path is drawn, diverged or not (its numbers do not depend on the others).
     */
    public void block(long p0, int n, long k, double dt0, double[] z, double[] inc) {
        final int nd = n * d;
        for (int m = 0; m < nodes; m++) {
            source.at(m, 0, k).normals(p0 * d, z, m * nd, nd);
        }
        bridge(z, inc, nd, dt0);
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
