package org.distsde.rng;

/**
 * The Philox4x32-10 block function of Salmon, Moraes, Dror and Shaw (2011), "Parallel random
 * numbers: as easy as 1, 2, 3" (SC'11), §3.2: a 128-bit counter (x₀, x₁, x₂, x₃) is mixed under
 * a 64-bit key (k₀, k₁) by ten rounds of
 * <pre>
 *   (x₀, x₁, x₂, x₃) ← (hi(M₁·x₂) ⊕ x₁ ⊕ k₀, lo(M₁·x₂), hi(M₀·x₀) ⊕ x₃ ⊕ k₁, lo(M₀·x₀)),
 *   (k₀, k₁) ← (k₀ + W₀, k₁ + W₁) mod 2³²,
 * </pre>
 * with M₀ = 0xD2511F53, M₁ = 0xCD9E8D57, W₀ = 0x9E3779B9, W₁ = 0xBB67AE85 — the generator Commons
 * RNG ships as {@code org.apache.commons.rng.core.source32.Philox4x32} and Random123 as
 * {@code philox4x32_10} (both checked word for word in the tests).
 *
 * <p>Here the 32-bit words travel in pairs as longs: key = k₀ | k₁·2³², counter = x₀ | x₁·2³²,
 * salt = x₂ | x₃·2³², and the output block is two longs, x₀ | x₁·2³² and x₂ | x₃·2³². Each 32-bit
 * word is held in the low half of a long, so a 32×32→64-bit product is one long multiplication;
 * this is also the shape the vector kernel uses.
 */
final class Philox {
    static final long M0 = 0xD2511F53L;
    static final long M1 = 0xCD9E8D57L;
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    static final long MASK = 0xFFFF_FFFFL;
    static final int ROUNDS = 10;

    private Philox() { }

    /** Round r's key words (k₀ + r·W₀, k₁ + r·W₁ mod 2³²), r &lt; 10, as longs below 2³². */
    static void roundKeys(long key, long[] ka, long[] kb) {
        int a = (int) key, b = (int) (key >>> 32);
        for (int r = 0; r < ROUNDS; r++) {
            ka[r] = a & MASK;
            kb[r] = b & MASK;
            a += W0;
            b += W1;
        }
    }

    /** The block at (key, counter, salt): its two output longs into {@code out[off]}, {@code out[off + 1]}. */
    static void block(long key, long counter, long salt, long[] out, int off) {
        long x0 = counter & MASK, x1 = counter >>> 32, x2 = salt & MASK, x3 = salt >>> 32;
        int a = (int) key, b = (int) (key >>> 32);
        for (int r = 0; r < ROUNDS; r++) {
            final long p0 = M0 * x0, p1 = M1 * x2;
            x0 = (p1 >>> 32) ^ x1 ^ (a & MASK);
            x1 = p1 & MASK;
            x2 = (p0 >>> 32) ^ x3 ^ (b & MASK);
            x3 = p0 & MASK;
            a += W0;
            b += W1;
        }
        out[off] = x0 | (x1 << 32);
        out[off + 1] = x2 | (x3 << 32);
    }
}
