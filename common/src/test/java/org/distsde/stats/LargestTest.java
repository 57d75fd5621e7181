package org.distsde.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The heap keeps exactly the m largest; blocks merge into the whole sample's; Hill from them equals Hill from all. */
class LargestTest {
    @Test
    void keepsTheLargestAndMergesBlocks() {
        final SplittableRandom rnd = new SplittableRandom(3);
        final double[] x = new double[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.abs(1 / rnd.nextDouble() - 1); // Pareto-like, tail index 1
        }
        final Largest whole = Largest.forHill(x.length);
        final Largest merged = Largest.forHill(x.length);
        for (int b = 0; b < 5; b++) { // five blocks of 1000, each keeping enough for the whole sample
            final Largest block = Largest.forHill(x.length);
            for (int i = b * 1000; i < (b + 1) * 1000; i++) {
                block.add(x[i]);
                whole.add(x[i]);
            }
            merged.addAll(block);
        }
        final double[] sorted = x.clone();
        Arrays.sort(sorted);
        final int m = (int) Math.floor(Math.sqrt(x.length)) + 1;
        final double[] top = Arrays.copyOfRange(sorted, x.length - m, x.length);
        assertArrayEquals(top, whole.ascending());
        assertArrayEquals(top, merged.ascending());
        assertEquals(5000, merged.seen());
        assertEquals(HillEstimator.ofSorted(sorted, sorted.length), merged.hill());
    }

    @Test
    void tooFewValuesGiveNoEstimate() {
        final Largest l = Largest.forHill(99);
        for (int i = 1; i <= 99; i++) {
            l.add(i);
        }
        assertEquals(HillEstimator.Estimate.NONE, l.hill());
    }
}
