package org.distsde.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every kernel returns the numbers of the scalar definition ({@link Philox#block} then
 * {@link BoxMuller}) bit for bit, at random keys, salts and block offsets (including across 2³²,
 * where the counter's upper word changes), for Gaussians, words, uniforms and the across-keys pass.
 * Catches a lane/half mix-up, the vector kernel's special first round, an operation done in a
 * different order in the vector code (one rounding apart), a wrong uniform scale.
 */
class BlockKernelTest {
    private static List<BlockKernel> kernels() {
        final List<BlockKernel> ks = new ArrayList<>();
        ks.add(new PlainKernel());
        if (Kernels.vectorAvailable()) {
            try {
                ks.add((BlockKernel) Class.forName("org.distsde.rng.VectorKernel").getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return ks;
    }

    @Test
    void theVectorKernelRunsWhereTheTestsRun() {
        // surefire starts the tests with --add-modules jdk.incubator.vector; on a CPU without
        // 512-bit vectors only the plain kernel is checked (and used)
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    }

    @Test
    void everyKernelIsTheScalarDefinitionBitForBit() {
        final SplittableRandom r = new SplittableRandom(5);
        final long[] pair = new long[2];
        for (BlockKernel k : kernels()) {
            for (long block0 : new long[] {0, 8, (1L << 32) - 16, r.nextLong(1L << 58) * 8, GaussianBlocks.WORD_BLOCKS + 64}) {
                final long key = r.nextLong(), salt = r.nextLong();
                final int groups = 37; // more than a plain chunk (32 groups)
                final double[] z = new double[16 * groups + 3];
                final long[] w = new long[16 * groups + 3];
                final double[] u = new double[16 * groups + 3];
                k.normals(key, salt, block0, groups, z, 3);
                k.words(key, salt, block0, groups, w, 3);
                k.uniforms(key, salt, block0, groups, u, 3);
                for (int g = 0; g < groups; g++) {
                    for (int l = 0; l < 8; l++) {
                        Philox.block(key, block0 + 8L * g + l, salt, pair, 0);
                        for (int h = 0; h < 2; h++) {
                            final int at = 3 + 16 * g + 8 * h + l;
                            final String where = k.name() + " block0 " + block0 + " g " + g + " l " + l + " h " + h;
                            assertEquals(Double.doubleToRawLongBits(BoxMuller.gaussian(pair[0], pair[1], h)),
                                    Double.doubleToRawLongBits(z[at]), where);
                            assertEquals(pair[h], w[at], where);
                            assertEquals(BoxMuller.uniform(pair[h]), u[at], where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theAcrossKeysPassIsTheScalarDefinitionBitForBit() {
        final SplittableRandom r = new SplittableRandom(6);
        final long[] pair = new long[2];
        for (BlockKernel k : kernels()) {
            for (int n : new int[] {1, 7, 8, 29}) {
                final long[] keys = new long[n], salts = new long[n];
                for (int i = 0; i < n; i++) {
                    keys[i] = r.nextLong();
                    salts[i] = r.nextLong();
                }
                for (int half = 0; half < 2; half++) {
                    final long block = r.nextLong(1L << 40);
                    final double[] out = new double[n + 1];
                    k.normalsAcrossKeys(keys, salts, n, block, half, out, 1);
                    for (int i = 0; i < n; i++) {
                        Philox.block(keys[i], block, salts[i], pair, 0);
                        assertEquals(Double.doubleToRawLongBits(BoxMuller.gaussian(pair[0], pair[1], half)),
                                Double.doubleToRawLongBits(out[1 + i]), k.name() + " n " + n + " i " + i);
                    }
                }
            }
        }
    }

    /**
     * The vector transform on words that reach every branch and end: u = 1 and u = 2⁻⁵³, mantissas
     * on both sides of √2, angles on and next to every quadrant boundary, plus random words.
     * Catches a blend with the wrong mask, a sign flip done by subtraction (−0.0 vs 0.0), a
     * quadrant taken from the wrong bits.
     */
    @Test
    void theVectorTransformIsTheScalarOneOnEdgeWords() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Kernels.vectorAvailable(), "no 512-bit Vector API here");
        final long sqrt2 = Double.doubleToRawLongBits(Math.sqrt(2)) & BoxMuller.FRACTION; // mantissa bits of √2
        final List<Long> radii = new ArrayList<>(List.of(0L, -1L, 1L << 11, -(1L << 11)));
        for (long d = -1; d <= 1; d++) { // u·2⁵³ = w₀/2¹¹ + 1 = 2⁵² + the mantissa of √2 (+ d): m at the reduction's edge
            radii.add(((1L << 52 | sqrt2) - 1 + d) << 11);
        }
        final List<Long> angles = new ArrayList<>();
        for (long q = -4; q <= 4; q++) {
            for (long d = -2; d <= 2; d++) {
                angles.add((q << 61) + d);
            }
        }
        final SplittableRandom r = new SplittableRandom(8);
        while (radii.size() < 64) {
            radii.add(r.nextLong());
        }
        final int n = radii.size() * angles.size();
        final int padded = (n + 7) / 8 * 8;
        final long[] w0 = new long[padded], w1 = new long[padded];
        for (int i = 0; i < n; i++) {
            w0[i] = radii.get(i % radii.size());
            w1[i] = angles.get(i / radii.size());
        }
        final double[] cos = new double[padded], sin = new double[padded], want = new double[2];
        VectorKernel.transform(w0, w1, padded, cos, sin);
        for (int i = 0; i < padded; i++) {
            BoxMuller.pair(w0[i], w1[i], want, 0, 1);
            assertEquals(Double.doubleToRawLongBits(want[0]), Double.doubleToRawLongBits(cos[i]), "cos " + w0[i] + " " + w1[i]);
            assertEquals(Double.doubleToRawLongBits(want[1]), Double.doubleToRawLongBits(sin[i]), "sin " + w0[i] + " " + w1[i]);
        }
    }
}
