package org.distsde.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussianBlocksTest {
    private static final long SEED = 20240611L;

    /** An instance on the given kernel ("plain", or "auto": the vector kernel where it runs). */
    private static GaussianBlocks make(String kernel, long seed, long purpose) {
        System.setProperty(Kernels.PROPERTY, kernel);
        try {
            return new GaussianBlocks(seed, purpose);
        } finally {
            System.clearProperty(Kernels.PROPERTY);
        }
    }

    private static double[] normals(GaussianBlocks g, long counter0, int n) {
        final double[] out = new double[n];
        g.normals(counter0, out, 0, n);
        return out;
    }

    /** Kolmogorov's D·√n, the statistic of the one-sample KS test against a continuous CDF. */
    private static double ksStatistic(double[] x, java.util.function.DoubleUnaryOperator cdf) {
        final double[] s = x.clone();
        Arrays.sort(s);
        final int n = s.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            final double f = cdf.applyAsDouble(s[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        return d * Math.sqrt(n);
    }

    /** The α = 0.001 critical value of D·√n (asymptotic Kolmogorov distribution): √(ln(2/α)/2) = 1.949. */
    private static final double KS_CRITICAL = Math.sqrt(Math.log(2 / 0.001) / 2);

    /**
     * The law: KS against the exact normal CDF at α = 0.001, and the first four moments within
     * 6σ/√n (n = 2·10⁵; σ of z, z², z³, z⁴ is 1, √2, √15, √96). Catches a radius off by √2
     * (variance 2 or ½), a θ over half a turn (sin ≥ 0: skewed halves), u = 0 allowed (infinite
     * values), a missing sign flip in one quadrant, too light or heavy tails (kurtosis).
     */
    @Test
    void theGaussiansAreStandardNormal() {
        final int n = 200_000;
        final double[] z = normals(new GaussianBlocks(SEED, KeyedStream.Purpose.OPTIMIZER).at(3, 1, 4), 5, n);
        final NormalDistribution phi = NormalDistribution.of(0, 1);
        final double ks = ksStatistic(z, phi::cumulativeProbability);
        assertTrue(ks < KS_CRITICAL, "KS D*sqrt(n) = " + ks);
        double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
        for (double v : z) {
            assertTrue(Double.isFinite(v));
            m1 += v;
            m2 += v * v;
            m3 += v * v * v;
            m4 += v * v * v * v;
        }
        final double k = 6 / Math.sqrt(n);
        assertEquals(0, m1 / n, k);
        assertEquals(1, m2 / n, k * Math.sqrt(2));
        assertEquals(0, m3 / n, k * Math.sqrt(15));
        assertEquals(3, m4 / n, k * Math.sqrt(96));
    }

    /**
     * The tails beyond 3 and 4 (where the ziggurat's and the log's approximations would show):
     * counts within 6 binomial σ of n·2Φ(−3) and n·2Φ(−4), n = 10⁶.
     */
    @Test
    void theTailsHaveTheNormalMass() {
        final int n = 1_000_000;
        final double[] z = normals(new GaussianBlocks(SEED, KeyedStream.Purpose.SDE).at(0, 0, 9), 0, n);
        for (double t : new double[] {3, 4}) {
            final double p = 2 * NormalDistribution.of(0, 1).cumulativeProbability(-t);
            long c = 0;
            for (double v : z) {
                c += Math.abs(v) > t ? 1 : 0;
            }
            assertEquals(n * p, c, 6 * Math.sqrt(n * p * (1 - p)), "|z| > " + t);
        }
    }

    /**
     * The uniforms: KS against U(0, 1) at α = 0.001, strictly inside (0, 1), and each one the
     * transform of the word at its counter. Catches uniforms read from the Gaussians' blocks or the
     * wrong half of a block.
     */
    @Test
    void theUniformsAreUniformAndTheWordsOfTheirCounters() {
        final int n = 100_000;
        final GaussianBlocks g = new GaussianBlocks(SEED, KeyedStream.Purpose.OPTIMIZER).at(8, 0, 2);
        final double[] u = new double[n];
        final long[] w = new long[n];
        g.uniforms(3, u, 0, n);
        g.words(3, w, 0, n);
        for (int i = 0; i < n; i++) {
            assertTrue(u[i] > 0 && u[i] < 1);
            assertEquals(Uniforms.uniform(w[i]), u[i]);
        }
        assertTrue(ksStatistic(u, x -> x) < KS_CRITICAL);
    }

    private static double correlation(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /**
     * Independence: the correlation of z and of z² between counters i and i + 1 (neighbouring
     * blocks), i and i + 8 (the two halves of one block), i and i + 16 (the next group), and
     * between the same counter of neighbouring runs, agents and rounds, each within 6/√n (n = 10⁵
     * pairs; under independence ρ̂ has σ ≈ 1/√n). Catches a half reusing the other's angle, a counter
     * not advancing between groups, a key that ignores the run, agent or round.
     */
    @Test
    void neighbouringCountersAndKeysAreUncorrelated() {
        final int n = 100_000;
        final double tol = 6 / Math.sqrt(n);
        final GaussianBlocks g = new GaussianBlocks(SEED, KeyedStream.Purpose.OPTIMIZER);
        final double[] z = normals(g.at(1, 2, 3), 0, 32 * n);
        for (int lag : new int[] {1, 8, 16}) {
            final double[] a = new double[n], b = new double[n], a2 = new double[n], b2 = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = z[32 * i];
                b[i] = z[32 * i + lag];
                a2[i] = a[i] * a[i];
                b2[i] = b[i] * b[i];
            }
            assertEquals(0, correlation(a, b), tol, "lag " + lag);
            assertEquals(0, correlation(a2, b2), tol, "squares, lag " + lag);
        }
        final double[] base = new double[n], run = new double[n], agent = new double[n], round = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = normals(g.at(i, 5, 7), 0, 1)[0];
            run[i] = normals(g.at(i + 1, 5, 7), 0, 1)[0];
            agent[i] = normals(g.at(i, 6, 7), 0, 1)[0];
            round[i] = normals(g.at(i, 5, 8), 0, 1)[0];
        }
        assertEquals(0, correlation(base, run), tol, "next run");
        assertEquals(0, correlation(base, agent), tol, "next agent");
        assertEquals(0, correlation(base, round), tol, "next round");
    }

    /** 8000 keys and two seeds, two purposes: no two first groups share a value. Catches a key hash dropping a field. */
    @Test
    void distinctKeysNeverGiveEqualBlocks() {
        final Set<Long> seen = new HashSet<>();
        int count = 0;
        for (long seed : new long[] {1, 2}) {
            for (long purpose : new long[] {KeyedStream.Purpose.OPTIMIZER, KeyedStream.Purpose.SDE}) {
                final GaussianBlocks g = new GaussianBlocks(seed, purpose);
                for (int run = 0; run < 20; run++) {
                    for (int agent = 0; agent < 20; agent++) {
                        for (int round = 0; round < 5; round++) {
                            for (double v : normals(g.at(run, agent, round), 0, 16)) {
                                seen.add(Double.doubleToLongBits(v));
                                count++;
                            }
                        }
                    }
                }
            }
        }
        assertEquals(count, seen.size());
    }

    /**
     * Determinism and splitting: fill(c₀, n) equals fill(c₀, k) followed by fill(c₀ + k, n − k) for
     * ranges starting and ending inside and on group boundaries, and a fresh instance (or a re-key
     * after other keys) gives the same numbers. Catches an edge copied from the wrong lane or half,
     * a partial group computed at the wrong block, state carried from one call to the next, a
     * kernel (or the lone-counter path) that differs from the other.
     */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "auto"})
    void aRangeIsThePureFunctionOfItsCountersHoweverItIsSplit(String kernel) {
        final GaussianBlocks g = make(kernel, SEED, KeyedStream.Purpose.SDE);
        final GaussianBlocks h = make("plain".equals(kernel) ? "auto" : "plain", SEED, KeyedStream.Purpose.SDE);
        for (long c0 : new long[] {0, 1, 7, 8, 15, 16, 21, (1L << 32) * 16 - 5}) {
            for (int n : new int[] {1, 2, 15, 16, 17, 40, 100}) {
                final double[] whole = normals(g.at(4, 2, 9), c0, n);
                final long[] words = new long[n];
                g.words(c0, words, 0, n);
                for (int k = 0; k <= n; k++) {
                    final double[] parts = new double[n];
                    h.at(0, 0, 0).normals(0, new double[3], 0, 3); // another key in between
                    h.at(4, 2, 9).normals(c0, parts, 0, k);
                    h.normals(c0 + k, parts, k, n - k);
                    assertArrayEquals(whole, parts, "c0 " + c0 + ", n " + n + ", k " + k);
                    final long[] wp = new long[n];
                    h.words(c0, wp, 0, k);
                    h.words(c0 + k, wp, k, n - k);
                    assertArrayEquals(words, wp, "words, c0 " + c0 + ", n " + n + ", k " + k);
                }
                for (int i = 0; i < n; i++) { // and each counter on its own
                    assertEquals(whole[i], normals(h, c0 + i, 1)[0]);
                }
            }
        }
    }

    /**
     * Counter i is output ⌊i/8⌋ mod 2 of block 8⌊i/16⌋ + i mod 8 (2⁶² + that for words), the
     * documented layout, and the across-runs pass is each key's own draw. Catches the halves or
     * lanes swapped, words read from the Gaussians' blocks, an across-runs key hashed differently.
     */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "auto"})
    void theLayoutAndTheAcrossRunsPassFollowTheDefinition(String kernel) {
        final GaussianBlocks g = make(kernel, SEED, KeyedStream.Purpose.OPTIMIZER);
        final double[] z = normals(g.at(6, 3, 2), 0, 64);
        final long[] w = new long[64];
        g.words(0, w, 0, 64);
        final long[] ks = g.keyAndSalt();
        final long[] pair = new long[2];
        for (int i = 0; i < 64; i++) { // the documented map, against the scalar definition
            final int h = (i >>> 3) & 1;
            Philox.block(ks[0], 8 * (i >>> 4) + (i & 7), ks[1], pair, 0);
            assertEquals(Ziggurat.gaussian(pair[h]), z[i], "normal " + i);
            Philox.block(ks[0], GaussianBlocks.WORD_BLOCKS + 8 * (i >>> 4) + (i & 7), ks[1], pair, 0);
            assertEquals(pair[h], w[i], "word " + i);
        }
        for (int n : new int[] {1, 8, 13, 64}) {
            for (long counter : new long[] {0, 3, 8, 11, 16, 1000}) {
                final double[] across = new double[n + 2];
                g.normalsAcrossRuns(40, n, 3, 2, counter, across, 1);
                for (int i = 0; i < n; i++) {
                    assertEquals(normals(g.at(40 + i, 3, 2), counter, 1)[0], across[1 + i], "n " + n + ", counter " + counter);
                }
                assertEquals(0.0, across[0]);
                assertEquals(0.0, across[n + 1]);
            }
        }
        assertEquals(z[0], normals(g.at(6, 3, 2), 0, 1)[0]);
    }

    /** Counters outside [0, 2⁶²) and ranges past the array are refused. */
    @Test
    void badRangesAreRefused() {
        final GaussianBlocks g = new GaussianBlocks(SEED, KeyedStream.Purpose.OPTIMIZER);
        assertThrows(IllegalArgumentException.class, () -> g.normals(-1, new double[4], 0, 1));
        assertThrows(IllegalArgumentException.class, () -> g.normals(GaussianBlocks.MAX_COUNTER - 2, new double[4], 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> g.normals(0, new double[4], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> g.uniforms(0, new double[4], -1, 1));
    }
}
