package org.distsde.rng;

import org.apache.commons.rng.core.source64.LongProvider;

/**
 * A random stream for every key (seed, purpose, run, agent, round), re-positioned without
 * allocation.
 *
 * <p>Every random number of a simulation is drawn from the stream at {@code (run, agent, round)}
 * (optimizer) or {@code (path, 0, 0)}, continued step after step (SDE, see {@link #save}/{@link #load}),
 * under a key derived from {@code (seed, purpose)},
 * so draws never depend on partitioning, task order or retries. The key is hashed by two
 * independent chains of the SplitMix64 finalizer into words h₁ and h₂: two different keys agree
 * on both with probability about 2⁻¹²⁸. The stream at a key is h₁ itself (a SplitMix64 output),
 * then the xoshiro256++ generator (exactly Commons RNG's {@code XoShiRo256PlusPlus}, checked in
 * the tests) started from the 256-bit state {@link #state} built from h₁ and h₂; xoshiro256's
 * period 2²⁵⁶ − 1 makes overlaps of the short per-key streams negligible.
 *
 * <p>Re-keying matters when a stream serves a single coordinate (d = 1) and is re-keyed R·N times
 * per round, so it is lazy: {@link #at} only combines the key into the two chains, the first draw
 * costs one finalizer, and the xoshiro state is built (one more finalizer) only when a second
 * number is drawn.
 *
 * <p>Not thread-safe: one instance per task/thread. It extends Commons RNG's {@link LongProvider},
 * so Commons samplers are bound to it once and reused across keys.
 */
public final class KeyedStream extends LongProvider {
    private static final long G1 = 0x9E3779B97F4A7C15L;
    private static final long G2 = 0xC2B2AE3D27D4EB4FL;
    private static final long G3 = 0x165667B19E3779F9L;
    private static final long G4 = 0xD6E8FEB86659FD93L;

    private final long key0;
    private final long key1;
    private long s0, s1, s2, s3;
    /** The key's two chains: before the finalizer (phase 1), or h₁ after the first draw (phase 2). */
    private long c1, c2;
    /** 0: xoshiro state live; 1: positioned, nothing drawn; 2: h₁ drawn, state not built yet. */
    private int phase;
    /** The round-dependent half of both hash chains, cached: all keys of a round share it. */
    private long cachedRound = Long.MIN_VALUE;
    private long r1, r2;
    /** The key of the last {@link #at}. */
    private long run, agent, round;

    /**
     * @param seed    the experiment seed
     * @param purpose what the stream is for ({@link Purpose}); distinct purposes never share draws
     */
    public KeyedStream(long seed, long purpose) {
        this.key0 = mix(seed ^ mix(purpose ^ G3)); // both chains depend on the purpose: so does h₁
        this.key1 = mix(mix(purpose + G4) ^ seed);
        at(0, 0, 0);
    }

    /** Positions the stream at the start of the sub-stream keyed by (run, agent, round). */
    public KeyedStream at(long run, long agent, long round) {
        if (round != cachedRound) {
            r1 = mix(key0 ^ round * G3);
            r2 = mix(key1 + round * G2);
            cachedRound = round;
        }
        // two chains absorb (run, agent) with different weights; the finalizers run when drawn
        c1 = r1 ^ (run * G1 + agent * G2);
        c2 = r2 + (run * G4 ^ agent * G1);
        phase = 1;
        resetCachedState();
        this.run = run;
        this.agent = agent;
        this.round = round;
        return this;
    }

    /**
     * The run of the key the stream was last positioned at ({@link #at}): a kernel's companion
     * draws (its {@link GaussianBlocks} Gaussians, counted by run) follow the stream's position.
     */
    public long run() {
        return run;
    }

    /** The agent of the key the stream was last positioned at. */
    public long agent() {
        return agent;
    }

    /** The round of the key the stream was last positioned at. */
    public long round() {
        return round;
    }

    /** Builds the xoshiro state from the key's chains (phase 1 or 2 → 0). */
    private void build() {
        final long h1 = phase == 1 ? mix(c1) : c1;
        final long h2 = mix(c2);
        // the other two words are cheap bijections of the hashes (odd multiplier, rotation): the
        // state still carries the key's 128 independent bits, and its first output,
        // rotl(s0 + s3, 23) + s0, already depends on both chains
        s0 = h1;
        s1 = h1 * G3 + G1;
        s2 = h2;
        s3 = Long.rotateLeft(h2, 29) ^ G2;
        if ((s0 | s1 | s2 | s3) == 0) { // the one forbidden xoshiro state; probability 2^-256
            s0 = G1;
        }
        phase = 0;
    }

    /** Writes the current generator state to {@code dst[off .. off+4)} (to continue it later). */
    public void save(long[] dst, int off) {
        if (phase != 0) { // a saved stream continues with the xoshiro outputs (h₁ is not drawn)
            build();
        }
        dst[off] = s0;
        dst[off + 1] = s1;
        dst[off + 2] = s2;
        dst[off + 3] = s3;
    }

    /**
     * Continues a state written by {@link #save}: many long streams (one per SDE path) share one
     * instance, switching costs four loads instead of a re-key.
     */
    public void load(long[] src, int off) {
        s0 = src[off];
        s1 = src[off + 1];
        s2 = src[off + 2];
        s3 = src[off + 3];
        phase = 0;
        resetCachedState();
    }

    /** The starting state at a key (for the equivalence test with Commons RNG). */
    long[] state() {
        if (phase != 0) {
            build();
        }
        return new long[] {s0, s1, s2, s3};
    }

    @Override
    public long next() {
        if (phase != 0) {
            if (phase == 1) { // the key's first word, h₁
                c1 = mix(c1);
                phase = 2;
                return c1;
            }
            build();
        }
        // xoshiro256++ (Blackman and Vigna), as org.apache.commons.rng.core.source64.XoShiRo256PlusPlus
        final long result = Long.rotateLeft(s0 + s3, 23) + s0;
        final long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /**
     * The next {@code d} numbers x₀ … x_{d−1} of the stream as keep/drop decisions: writes the
     * indices j with (xⱼ &gt;&gt;&gt; 11) &lt; {@code below}, in increasing order, to {@code idx} and
     * returns how many there are, without a data-dependent branch (a coin flip per coordinate
     * would mispredict half the time at p = ½). The same numbers, in the same order, as d calls of
     * {@link #nextLong}; the generator state stays in registers for the whole loop (which is why
     * the xoshiro step is written out again here).
     */
    public int keep(int d, long below, int[] idx) {
        int n = 0;
        int j = 0;
        if (phase != 0 && d > 0) { // the key's first word (or the state's construction) goes through next()
            idx[0] = 0;
            n += (next() >>> 11) < below ? 1 : 0;
            j = 1;
            if (phase != 0) { // h₁ was that number: the following ones come from the built state
                build();
            }
        }
        long a = s0, b = s1, c = s2, e = s3;
        for (; j < d; j++) {
            final long result = Long.rotateLeft(a + e, 23) + a; // xoshiro256++, as next()
            final long t = b << 17;
            c ^= a;
            e ^= b;
            b ^= c;
            a ^= e;
            c ^= t;
            e = Long.rotateLeft(e, 45);
            idx[n] = j;
            n += (result >>> 11) < below ? 1 : 0;
        }
        s0 = a;
        s1 = b;
        s2 = c;
        s3 = e;
        return n;
    }

    /** Uniform double in (0, 1): never 0, so it is safe for logarithms and CDF inversions. */
    public double nextOpenDouble() {
        return ((next() >>> 11) + 0.5) * 0x1.0p-53;
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
        /** the split of a dataset over the agents (data-defined objectives) */
        public static final long DATA_SPLIT = 4;
        /** the initial weights of a data-defined model */
        public static final long MODEL_INIT = 5;
        /** the gradient samples of fit-noise */
        public static final long NOISE_FIT = 6;
        private Purpose() { }
    }
}
