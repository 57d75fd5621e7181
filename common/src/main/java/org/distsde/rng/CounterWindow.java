package org.distsde.rng;

/**
 * The values of one kind (Gaussians or uniforms) of a {@link GaussianBlocks} key read through a
 * window of counters computed ahead. A kernel that asks for one run's values at a time (counters
 * run·w … run·w + n − 1, runs in increasing order) then gets them from one vectorised range per
 * window instead of one call per run — for w = 1 a lone counter each, one scalar Philox block
 * (≈ 40 ns, against ≈ 2 ns per value in a range). What a caller reads is exactly what
 * {@link GaussianBlocks#normals} or {@link GaussianBlocks#uniforms} return at the same key and
 * counters: a pure function of (key, counter), whatever the window.
 *
 * <p>Not thread-safe (one per kernel; it shares the kernel's {@link GaussianBlocks}, which it
 * re-keys whenever it computes).
 */
public final class CounterWindow {
    /** What the window holds. */
    public enum Kind {
        /** {@link GaussianBlocks#normals}. */
        NORMALS,
        /** {@link GaussianBlocks#uniforms}. */
        UNIFORMS
    }

    private final GaussianBlocks g;
    private final Kind kind;
    private final int span;
    private double[] buf;
    private boolean valid;
    private long run, agent, round;
    /** The window holds counters [c0, c1) of key (run, agent, round) in {@code buf[0 …]}. */
    private long c0, c1;

    /**
     * @param g    the source (re-keyed by {@link #at})
     * @param kind what to compute
     * @param span counters computed at once when the caller may ask for that many (≥ 16)
     */
    public CounterWindow(GaussianBlocks g, Kind kind, int span) {
        if (span < 16) {
            throw new IllegalArgumentException("span must be >= 16 (got " + span + ")");
        }
        this.g = g;
        this.kind = kind;
        this.span = span;
        this.buf = new double[span];
    }

    /**
     * Makes the values at counters [c, c + n) of key (run, agent, round) readable at
     * {@code buffer()[o … o + n)} and returns o. When they are not in the window, computes
     * counters [c, c + max(n, min(span, ahead))).
     *
     * @param ahead how many counters from c the caller may still ask for (the window computes no
     *              more than that, nor less than n)
     */
    public int at(long run, long agent, long round, long c, int n, long ahead) {
        if (valid && c >= c0 && c + n <= c1 && run == this.run && agent == this.agent && round == this.round) {
            return (int) (c - c0);
        }
        final int m = (int) Math.max(n, Math.min(span, Math.min(ahead, GaussianBlocks.MAX_COUNTER - c)));
        if (buf.length < m) {
            buf = new double[m];
        }
        g.at(run, agent, round);
        if (kind == Kind.NORMALS) {
            g.normals(c, buf, 0, m);
        } else {
            g.uniforms(c, buf, 0, m);
        }
        this.run = run;
        this.agent = agent;
        this.round = round;
        c0 = c;
        c1 = c + m;
        valid = true;
        return 0;
    }

    /** The window's values (valid after {@link #at}, until its next call). */
    public double[] buffer() {
        return buf;
    }
}
