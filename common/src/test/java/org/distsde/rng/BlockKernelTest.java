package org.distsde.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every kernel returns the numbers of the scalar definition ({@link Philox#block} then
 * {@link Ziggurat}) bit for bit, at random keys, salts and block offsets (including across 2³²,
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
                            assertEquals(Double.doubleToRawLongBits(Ziggurat.gaussian(pair[h])),
                                    Double.doubleToRawLongBits(z[at]), where);
                            assertEquals(pair[h], w[at], where);
                            assertEquals(Uniforms.uniform(pair[h]), u[at], where);
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
                        assertEquals(Double.doubleToRawLongBits(Ziggurat.gaussian(pair[half])),
                                Double.doubleToRawLongBits(out[1 + i]), k.name() + " n " + n + " i " + i);
                    }
                }
            }
        }
    }

    /**
     * The vector transform on words that reach every path: every layer with u = 0, u at the
     * rectangle's edge (just inside and just outside: the wedge), u = 1 − 2⁻⁵³, both signs, the
     * base layer's tail, plus random words. Catches a gather from the wrong table or index, the
     * sign taken from another bit or flipped by subtraction (−0.0 vs 0.0), a slow lane written to
     * the wrong place.
     */
    @Test
    void theVectorTransformIsTheScalarOneOnEdgeWords() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Kernels.vectorAvailable(), "no 512-bit Vector API here");
        final List<Long> words = new ArrayList<>();
        for (long j = 0; j < Ziggurat.LAYERS; j++) {
            final long edge = (long) Math.floor(Ziggurat.INNER[(int) j] / Ziggurat.X[(int) j] * 0x1.0p53);
            for (long top : new long[] {0, edge - 1, edge, edge + 1, (1L << 53) - 1}) {
                for (long sign = 0; sign < 2; sign++) {
                    words.add(top << 11 | sign << 8 | j);
                }
            }
        }
        final SplittableRandom r = new SplittableRandom(8);
        while (words.size() % 8 != 0 || words.size() < 4096) {
            words.add(r.nextLong());
        }
        final int n = words.size();
        final long[] w = new long[n];
        for (int i = 0; i < n; i++) {
            w[i] = words.get(i);
        }
        final double[] z = new double[n];
        VectorKernel.transform(w, n, z);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToRawLongBits(Ziggurat.gaussian(w[i])), Double.doubleToRawLongBits(z[i]), "word " + w[i]);
        }
    }
}
