package org.distsde.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.rng.KeyedStream;

/**
 * How the n rows of a dataset are dealt to N agents: a permutation {@code rows} of 0 … n−1 and
 * {@code offsets} of length N+1, agent i owning {@code rows[offsets[i] .. offsets[i+1])}. Every row
 * belongs to exactly one agent. Deterministic from the seed: all draws come from
 * {@code new KeyedStream(seed, Purpose.DATA_SPLIT)}. Immutable.
 */
public final class AgentSplit implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Redraws of {@link #dirichlet} before it gives up on the minimum shard size. */
    public static final int MAX_ATTEMPTS = 1000;

    private final int[] rows;
    private final int[] offsets;
    private final String kind;

    private AgentSplit(int[] rows, int[] offsets, String kind) {
        this.rows = rows;
        this.offsets = offsets;
        this.kind = kind;
    }

    /** iid: a uniformly random permutation cut into N contiguous chunks whose sizes differ by at most 1. */
    public static AgentSplit iid(int n, int agents, long seed) {
        validate(n, agents);
        final int[] perm = PermutationSampler.natural(n);
        PermutationSampler.shuffle(stream(seed), perm);
        return new AgentSplit(perm, equalChunks(n, agents), "iid");
    }

    /**
     * Pathological non-iid: the rows sorted by label (ties in random order), cut into N contiguous
     * chunks whose sizes differ by at most 1, so each agent sees one or a few labels.
     */
    public static AgentSplit label(Dataset data, int agents, long seed) {
        final int n = data.rows();
        validate(n, agents);
        final int[] perm = PermutationSampler.natural(n);
        PermutationSampler.shuffle(stream(seed), perm);
        final int[] sorted = Arrays.stream(perm).boxed() // a stable sort: ties keep their random order
                .sorted((a, b) -> Double.compare(data.label(a), data.label(b)))
                .mapToInt(Integer::intValue).toArray();
        return new AgentSplit(sorted, equalChunks(n, agents), "label");
    }

    /** {@link #dirichlet(Dataset, int, double, int, long)} with at least one row per agent. */
    public static AgentSplit dirichlet(Dataset data, int agents, double alpha, long seed) {
        return dirichlet(data, agents, alpha, 1, seed);
    }

    /**
     * The label-skewed split of federated benchmarks (Hsu, Qi and Brown 2019; Wang et al. 2020):
     * for each class c independently, proportions q_c ~ Dirichlet_N(α, …, α) over the agents
     * (normalised Gamma(α) draws); class c's rows, shuffled, are dealt to agents 0 … N−1 in
     * consecutive runs, agent i getting the rows between ⌊n_c·Q_{i−1}⌋ and ⌊n_c·Q_i⌋ of the
     * cumulative proportions Q (as the reference implementations' {@code np.split} at
     * {@code (cumsum(q)·n_c).astype(int)}). Within an agent's shard rows are grouped by class.
     * Small α gives each agent few classes; α → ∞ approaches the iid split. If some agent gets
     * fewer than {@code minRows} rows, everything is redrawn, up to {@value #MAX_ATTEMPTS} times.
     *
     * @param alpha   concentration, &gt; 0 and finite
     * @param minRows the smallest shard accepted, 0 … n/N (0 accepts empty shards)
     * @throws IllegalArgumentException if no draw within the attempts gives every agent minRows rows
     */
    public static AgentSplit dirichlet(Dataset data, int agents, double alpha, int minRows, long seed) {
        final int n = data.rows();
        validate(n, agents);
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("split.alpha must be finite and > 0 (got " + alpha + ")");
        }
        if (minRows < 0 || (long) minRows * agents > n) {
            throw new IllegalArgumentException("split.minRows must be in [0, n/agents] = [0, " + n / agents
                    + "] (got " + minRows + ")");
        }
        final KeyedStream rng = stream(seed);
        final ContinuousSampler gamma = AhrensDieterMarsagliaTsangGammaSampler.of(rng, alpha, 1);
        // the rows of each class, in row order
        final Map<Integer, Integer> counts = data.classCounts();
        final int[] classes = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
        final int[][] byClass = new int[classes.length][];
        for (int c = 0; c < classes.length; c++) {
            byClass[c] = new int[counts.get(classes[c])];
        }
        final int[] fill = new int[classes.length];
        for (int i = 0; i < n; i++) {
            final int c = Arrays.binarySearch(classes, (int) data.label(i));
            byClass[c][fill[c]++] = i;
        }
        final double[] q = new double[agents];
        final int[][] cut = new int[classes.length][agents + 1]; // class c's rows [cut[c][i], cut[c][i+1]) go to agent i
        final int[] size = new int[agents];
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Arrays.fill(size, 0);
            for (int c = 0; c < classes.length; c++) {
                PermutationSampler.shuffle(rng, byClass[c]);
                double sum;
                do { // for tiny α every Gamma draw can underflow to 0: draw again
                    sum = 0;
                    for (int i = 0; i < agents; i++) {
                        q[i] = gamma.sample();
                        sum += q[i];
                    }
                } while (!(sum > 0));
                final int nc = byClass[c].length;
                double cum = 0;
                for (int i = 0; i < agents; i++) {
                    cum += q[i];
                    cut[c][i + 1] = i == agents - 1 ? nc : Math.min(nc, (int) Math.floor(cum / sum * nc));
                    size[i] += cut[c][i + 1] - cut[c][i];
                }
            }
            if (Arrays.stream(size).min().orElse(0) >= minRows) {
                final int[] perm = new int[n];
                final int[] off = new int[agents + 1];
                int k = 0;
                for (int i = 0; i < agents; i++) {
                    off[i] = k;
                    for (int c = 0; c < classes.length; c++) {
                        for (int r = cut[c][i]; r < cut[c][i + 1]; r++) {
                            perm[k++] = byClass[c][r];
                        }
                    }
                }
                off[agents] = k;
                return new AgentSplit(perm, off, "dirichlet(alpha=" + alpha + ")");
            }
        }
        throw new IllegalArgumentException("split: dirichlet(alpha=" + alpha + ") over " + agents + " agents left an agent "
                + "with fewer than " + minRows + " rows in " + MAX_ATTEMPTS + " draws; use fewer agents or a larger alpha");
    }

    private static KeyedStream stream(long seed) {
        return new KeyedStream(seed, KeyedStream.Purpose.DATA_SPLIT);
    }

    private static void validate(int n, int agents) {
        if (agents < 1) {
            throw new IllegalArgumentException("split.agents must be >= 1 (got " + agents + ")");
        }
        if (agents > n) {
            throw new IllegalArgumentException("split.agents must be <= the number of rows " + n + " (got " + agents + ")");
        }
    }

    /** Offsets of N chunks of n rows, the first n mod N one row longer. */
    private static int[] equalChunks(int n, int agents) {
        final int[] off = new int[agents + 1];
        final int base = n / agents, extra = n % agents;
        for (int i = 0; i < agents; i++) {
            off[i + 1] = off[i] + base + (i < extra ? 1 : 0);
        }
        return off;
    }

    /** Number of agents N. */
    public int agents() { return offsets.length - 1; }

    /** Number of rows n. */
    public int size() { return rows.length; }

    /** First index into {@link #rows()} of agent i's shard. */
    public int start(int agent) { return offsets[agent]; }

    /** End (exclusive) index into {@link #rows()} of agent i's shard. */
    public int end(int agent) { return offsets[agent + 1]; }

    /** Rows agent i owns. */
    public int shardSize(int agent) { return offsets[agent + 1] - offsets[agent]; }

    /** The k-th entry of the permutation. */
    public int row(int k) { return rows[k]; }

    /** A copy of the permutation: agent i owns rows()[start(i) .. end(i)). */
    public int[] rows() { return rows.clone(); }

    /** A copy of the offsets (length N+1). */
    public int[] offsets() { return offsets.clone(); }

    /** Agent i's rows, in shard order. */
    public int[] shard(int agent) { return Arrays.copyOfRange(rows, offsets[agent], offsets[agent + 1]); }

    /** E.g. {@code dirichlet(alpha=0.5) over 10 agents, shards 12..97 rows}. */
    public String describe() {
        int lo = Integer.MAX_VALUE, hi = 0;
        for (int i = 0; i < agents(); i++) {
            lo = Math.min(lo, shardSize(i));
            hi = Math.max(hi, shardSize(i));
        }
        return kind + " over " + agents() + " agents, shards " + lo + ".." + hi + " rows";
    }

    @Override public String toString() { return describe(); }
}
