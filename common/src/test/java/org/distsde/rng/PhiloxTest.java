package org.distsde.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PhiloxTest {
    /** Random123's known answers, kat_vectors lines "philox4x32 10 ctr[4] key[2] → out[4]" (32-bit words). */
    private static final long[][] KAT = {
        {0x00000000L, 0x00000000L, 0x00000000L, 0x00000000L, 0x00000000L, 0x00000000L,
            0x6627e8d5L, 0xe169c58dL, 0xbc57ac4cL, 0x9b00dbd8L},
        {0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL,
            0x408f276dL, 0x41c83b0eL, 0xa20bc7c6L, 0x6d5451fdL},
        {0x243f6a88L, 0x85a308d3L, 0x13198a2eL, 0x03707344L, 0xa4093822L, 0x299f31d0L,
            0xd16cfe09L, 0x94fdccebL, 0x5001e420L, 0x24126ea1L},
    };

    private static long pack(long lo, long hi) {
        return lo | (hi << 32);
    }

    /** Catches a wrong multiplier or key constant, swapped hi/lo halves, the key bumped before round 1, 7 rounds. */
    @Test
    void theBlockFunctionGivesRandom123sKnownAnswers() {
        final long[] out = new long[2];
        for (long[] v : KAT) {
            Philox.block(pack(v[4], v[5]), pack(v[0], v[1]), pack(v[2], v[3]), out, 0);
            assertEquals(pack(v[6], v[7]), out[0]);
            assertEquals(pack(v[8], v[9]), out[1]);
        }
    }

    /**
     * Commons RNG's Philox4x32 at state (key, counter − 1) outputs the block at counter first (it
     * increments before generating), then the next blocks; the counters straddle 2³², where a carry
     * into x₁ that was lost or doubled would show.
     */
    @Test
    void theBlockFunctionIsCommonsRngPhilox4x32WordForWord() {
        final SplittableRandom r = new SplittableRandom(11);
        final long[] out = new long[2];
        for (long counter : new long[] {1, 12345, (1L << 32) - 3, (1L << 40) + 7, r.nextLong(1L << 62)}) {
            final long key = r.nextLong(), salt = r.nextLong();
            final long before = counter - 1;
            final org.apache.commons.rng.core.source32.Philox4x32 ref = new org.apache.commons.rng.core.source32.Philox4x32(
                    new int[] {(int) key, (int) (key >>> 32), (int) before, (int) (before >>> 32), (int) salt,
                        (int) (salt >>> 32)});
            for (int b = 0; b < 6; b++) {
                Philox.block(key, counter + b, salt, out, 0);
                final long[] expected = {pack(ref.nextInt() & Philox.MASK, ref.nextInt() & Philox.MASK),
                    pack(ref.nextInt() & Philox.MASK, ref.nextInt() & Philox.MASK)};
                assertArrayEquals(expected, out, "counter " + (counter + b));
            }
        }
    }
}
