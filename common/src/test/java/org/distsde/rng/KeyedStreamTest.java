package org.distsde.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

class KeyedStreamTest {
    @Test
    void everyKeyIsItsFirstHashWordThenExactlyCommonsRngXoShiRo256PlusPlusFromItsDerivedState() {
        final KeyedStream s = new KeyedStream(12345, KeyedStream.Purpose.OPTIMIZER);
        for (long[] key : new long[][] {{0, 0, 0}, {1, 2, 3}, {999_999, 17, 123_456}, {-1, Long.MAX_VALUE, 5}}) {
            final long[] state = s.at(key[0], key[1], key[2]).state();
            s.at(key[0], key[1], key[2]);
            assertEquals(state[0], s.nextLong(), "the first draw is h1, the state's first word");
            final XoShiRo256PlusPlus ref = new XoShiRo256PlusPlus(state);
            for (int i = 0; i < 1000; i++) {
                assertEquals(ref.nextLong(), s.nextLong(), "key " + key[0] + "," + key[1] + "," + key[2] + " draw " + i);
            }
        }
    }

    @Test
    void keepDecidesOnTheSameNumbersAsNextLongAndLeavesTheStreamWhereTheyEnd() {
        final KeyedStream bulk = new KeyedStream(9, KeyedStream.Purpose.OPTIMIZER);
        final KeyedStream one = new KeyedStream(9, KeyedStream.Purpose.OPTIMIZER);
        final long below = (long) Math.ceil(0.3 * 0x1.0p53);
        for (int pre = 0; pre < 3; pre++) { // fresh key, after its first word, with a live state
            for (int d : new int[] {0, 1, 2, 37, 1000}) {
                bulk.at(4, 5, 6);
                one.at(4, 5, 6);
                for (int i = 0; i < pre; i++) {
                    bulk.nextLong();
                    one.nextLong();
                }
                final int[] idx = new int[d];
                final int n = bulk.keep(d, below, idx);
                int m = 0;
                for (int j = 0; j < d; j++) {
                    if ((one.nextLong() >>> 11) < below) {
                        assertEquals(j, idx[m++], "pre " + pre + ", d " + d);
                    }
                }
                assertEquals(m, n, "pre " + pre + ", d " + d);
                assertEquals(one.nextLong(), bulk.nextLong(), "the stream continues after the d numbers");
            }
        }
    }

    @Test
    void repositioningReplaysTheSameNumbersWhateverCameBefore() {
        final KeyedStream a = new KeyedStream(7, KeyedStream.Purpose.SDE);
        final KeyedStream b = new KeyedStream(7, KeyedStream.Purpose.SDE);
        a.at(5, 6, 7);
        final double first = a.nextDouble();
        b.at(1, 1, 1);
        b.nextLong();
        b.nextInt(); // leaves a cached half-long behind, which at() must discard
        b.at(5, 6, 7);
        assertEquals(first, b.nextDouble());
    }

    @Test
    void distinctKeysSeedsAndPurposesGiveDistinctStreams() {
        final Set<Long> firsts = new HashSet<>();
        final KeyedStream s = new KeyedStream(1, KeyedStream.Purpose.OPTIMIZER);
        int n = 0;
        for (int run = 0; run < 40; run++) {
            for (int agent = 0; agent < 25; agent++) {
                for (int round = 0; round < 20; round++) {
                    firsts.add(s.at(run, agent, round).nextLong());
                    n++;
                }
            }
        }
        assertEquals(n, firsts.size(), "first draws of 20,000 keys must all differ");
        assertNotEquals(new KeyedStream(1, 1).at(0, 0, 0).nextLong(), new KeyedStream(2, 1).at(0, 0, 0).nextLong());
        assertNotEquals(new KeyedStream(1, 1).at(0, 0, 0).nextLong(), new KeyedStream(1, 2).at(0, 0, 0).nextLong());
    }

    @Test
    void firstDrawsAcrossConsecutiveKeysAreUniform() {
        // chi-square over 100 bins of the first uniform of 100,000 consecutive keys: the keying must
        // not leave structure across neighbouring runs/agents/rounds
        final int bins = 100, n = 100_000;
        final long[] count = new long[bins];
        final KeyedStream s = new KeyedStream(42, KeyedStream.Purpose.OPTIMIZER);
        for (int i = 0; i < n; i++) {
            count[(int) (s.at(i % 1000, i / 1000 % 10, i / 10_000).nextDouble() * bins)]++;
        }
        double chi2 = 0;
        final double e = (double) n / bins;
        for (long c : count) {
            chi2 += (c - e) * (c - e) / e;
        }
        final double p = ChiSquaredDistribution.of(bins - 1).survivalProbability(chi2);
        assertTrue(p > 1e-4, "chi2 = " + chi2 + ", p = " + p);
    }
}
