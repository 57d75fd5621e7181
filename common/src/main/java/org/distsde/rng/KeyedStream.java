package org.distsde.rng;

import org.apache.commons.rng.core.source64.LongProvider;

/**
 * A Philox4x64-10 counter-based stream whose counter can be re-positioned without allocation.
 *
 * <p>Every random number of a simulation is drawn from the stream positioned at
 * {@code (run, agent, round)} under a key derived from {@code (seed, purpose)}. The sequence at
 * a position is exactly that of Commons RNG's {@code Philox4x64} constructed with
 * {@code {key0, key1, 0, run, agent, round}} (checked in the tests), so draws never depend on
 * partitioning, task order or retries. Re-positioning costs a few stores, which matters when a
 * stream is used for a single coordinate (d = 1) and re-keyed R·N times per round.
 *
 * <p>Not thread-safe: one instance per task/thread; it extends Commons RNG's
 * {@link LongProvider} so that Commons samplers can be bound to it once and reused.
 */
public final class KeyedStream extends LongProvider {
    private static final long M0 = 0xD2E7470EE14C6C93L;
    private static final long M1 = 0xCA5A826395121157L;
    private static final long W0 = 0x9E3779B97F4A7C15L;
    private static final long W1 = 0xBB67AE8584CAA73BL;

    private final long key0;
    private final long key1;
    private long c0, c1, c2, c3;
    private long b0, b1, b2, b3;
    private int pos = 4;

    /**
     * @param seed    the experiment seed
     * @param purpose what the stream is for ({@link Purpose}); distinct purposes never share draws
     */
    public KeyedStream(long seed, long purpose) {
        this.key0 = seed;
        this.key1 = mix(purpose ^ 0x5851F42D4C957F2DL);
    }

    /** Raw key/counter constructor, as Commons RNG's Philox4x64(long[6]); used by the tests. */
    public KeyedStream(long k0, long k1, long ctr0, long ctr1, long ctr2, long ctr3) {
        this.key0 = k0;
        this.key1 = k1;
        c0 = ctr0; c1 = ctr1; c2 = ctr2; c3 = ctr3;
    }

    /** Positions the stream at the start of the sub-stream keyed by (run, agent, round). */
    public KeyedStream at(long run, long agent, long round) {
        c0 = 0; c1 = run; c2 = agent; c3 = round;
        pos = 4;
        resetCachedState();
        return this;
    }

    @Override
    public long next() {
        if (pos < 4) {
            final int p = pos++;
            return p == 0 ? b0 : p == 1 ? b1 : p == 2 ? b2 : b3;
        }
        // increment the 256-bit counter, then 10 Philox rounds (same order as Commons RNG)
        if (++c0 == 0 && ++c1 == 0 && ++c2 == 0) {
            ++c3;
        }
        long x0 = c0, x1 = c1, x2 = c2, x3 = c3;
        long k0 = key0, k1 = key1;
        for (int r = 0; r < 10; r++) {
            final long lo0 = M0 * x0;
            final long hi0 = umulh(M0, x0);
            final long lo1 = M1 * x2;
            final long hi1 = umulh(M1, x2);
            x0 = hi1 ^ x1 ^ k0;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1;
            x3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        b0 = x0; b1 = x1; b2 = x2; b3 = x3;
        pos = 1;
        return x0;
    }

    /** Uniform double in (0, 1): never 0, so it is safe for logarithms and CDF inversions. */
    public double nextOpenDouble() {
        return ((next() >>> 11) + 0.5) * 0x1.0p-53;
    }

    private static long umulh(long a, long b) {
        // unsigned high product on Java 17 (Math.unsignedMultiplyHigh is Java 18+)
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** Stafford variant 13 of the 64-bit finalizer (as in SplitMix64). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Purposes: each gets its own key, so streams for different purposes are independent. */
    public static final class Purpose {
        /** agent gradient noise and compression masks in the optimizer simulation */
        public static final long OPTIMIZER = 1;
        /** Brownian increments of the SDE integration */
        public static final long SDE = 2;
        /** random points of sampled theory checks */
        public static final long CHECK = 3;
        private Purpose() { }
    }
}
