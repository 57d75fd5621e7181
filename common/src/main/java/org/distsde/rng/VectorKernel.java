package org.distsde.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockKernel} with the Vector API ({@code jdk.incubator.vector}, 512-bit vectors: one
 * group of 8 blocks per vector): the ten Philox rounds in registers, then the ziggurat's fast path
 * on whole vectors, the same operations as {@link Ziggurat} (so the same numbers). Loaded only when the module is present ({@code --add-modules jdk.incubator.vector})
 * and the CPU has 512-bit vectors ({@link #usable}). Not thread-safe (a group's words in scratch).
 */
final class VectorKernel implements BlockKernel {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_512;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final long[] IOTA = {0, 1, 2, 3, 4, 5, 6, 7};
    private static final long MASK = Philox.MASK;

    /** Whether the CPU runs 512-bit vectors natively (else the Vector API would emulate them, slowly). */
    static boolean usable() {
        return LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512 && DoubleVector.SPECIES_PREFERRED.length() >= 8;
    }

    @Override
    public String name() {
        return "vector";
    }

    /** Groups per chunk: a chunk's words go through L1 between the Philox loop and the transform loop. */
    private static final int CHUNK = 32;
    /** A chunk's words (each group's first outputs, then its second outputs). */
    private final long[] words = new long[16 * CHUNK];
    /** A vector's layer indices (the tables' gather). */
    private final int[] idx = new int[8];

    /**
     * {@code groups} groups from {@code block0}: for group g the ten rounds on the 8 counters
     * block0 + 8g … block0 + 8g + 7 (x₀, x₁) with (x₂, x₃) = salt; the first outputs to
     * {@code w[at + 16g …]}, the second to {@code w[at + 16g + 8 …]}. Vectors never cross a call
     * boundary in this class (C2 does not inline methods this large, and a vector passed to or
     * returned from a call that is not inlined is boxed on the heap), and each step is one loop over
     * groups in one method (measured 1.7× faster than one call per group), so the steps pass words
     * through arrays.
     */
    private static void philox(long key, long salt, long block0, int groups, long[] w, int at0) {
        final int a = (int) key, b = (int) (key >>> 32);
        for (int g = 0; g < groups; g++) {
            final int at = at0 + 16 * g;
            final LongVector ctr = LongVector.fromArray(L, IOTA, 0).add(block0 + 8L * g);
            final long c2 = salt & MASK, c3 = salt >>> 32;
            // round 0: x₂ = c₂ is the same in every lane, so is its product
            final long p1c = Philox.M1 * c2;
            LongVector p0 = ctr.and(MASK).mul(Philox.M0);
            LongVector x0 = ctr.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, (p1c >>> 32) ^ (a & MASK));
            LongVector x1 = LongVector.broadcast(L, p1c & MASK);
            LongVector x2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c3 ^ (b & MASK));
            LongVector x3 = p0.and(MASK);
            for (int r = 1; r < Philox.ROUNDS; r++) {
                p0 = x0.mul(Philox.M0);
                final LongVector p1 = x2.mul(Philox.M1);
                x0 = p1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x1)
                        .lanewise(VectorOperators.XOR, (a + r * Philox.W0) & MASK);
                x1 = p1.and(MASK);
                x2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x3)
                        .lanewise(VectorOperators.XOR, (b + r * Philox.W1) & MASK);
                x3 = p0.and(MASK);
            }
            x0.or(x1.lanewise(VectorOperators.LSHL, 32)).intoArray(w, at);
            x2.or(x3.lanewise(VectorOperators.LSHL, 32)).intoArray(w, at + 8);
        }
    }

    /** As {@link #philox} for the 8 keys and salts from index i, at one block: words to {@code w[0 … 16)}. */
    private static void philoxKeys(long[] keys, long[] salts, int i, long block, long[] w) {
        final long w0 = Philox.W0 & MASK, w1 = Philox.W1 & MASK;
        final LongVector key = LongVector.fromArray(L, keys, i), salt = LongVector.fromArray(L, salts, i);
        LongVector ka = key.and(MASK), kb = key.lanewise(VectorOperators.LSHR, 32);
        LongVector x0 = LongVector.broadcast(L, block & MASK), x1 = LongVector.broadcast(L, block >>> 32);
        LongVector x2 = salt.and(MASK), x3 = salt.lanewise(VectorOperators.LSHR, 32);
        for (int r = 0; r < Philox.ROUNDS; r++) {
            final LongVector p0 = x0.mul(Philox.M0), p1 = x2.mul(Philox.M1);
            x0 = p1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x1).lanewise(VectorOperators.XOR, ka);
            x1 = p1.and(MASK);
            x2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x3).lanewise(VectorOperators.XOR, kb);
            x3 = p0.and(MASK);
            ka = ka.add(w0).and(MASK);
            kb = kb.add(w1).and(MASK);
        }
        x0.or(x1.lanewise(VectorOperators.LSHL, 32)).intoArray(w, 0);
        x2.or(x3.lanewise(VectorOperators.LSHL, 32)).intoArray(w, 8);
    }

    /**
     * {@link Ziggurat#gaussian} of the n words {@code w[at …]} (n a multiple of 8) to
     * {@code out[to …]}: the fast path on 8 lanes — layer j = w & 255 (its two edges gathered from
     * the tables through {@code idx}), x = ⌊w/2¹¹⌋·2⁻⁵³·X[j], the rectangle test x &lt; X[j+1], the
     * sign from bit 8 — the same operations as the scalar one; the lanes whose candidate falls
     * outside its rectangle (about 1%) go through {@link Ziggurat#slow}.
     */
    private static void transform(long[] w, int at, int n, double[] out, int to, int[] idx) {
        for (int i = 0; i < n; i += 8) {
            final LongVector wv = LongVector.fromArray(L, w, at + i);
            ((IntVector) wv.and(0xFFL).convertShape(VectorOperators.L2I, I, 0)).intoArray(idx, 0);
            final DoubleVector xj = DoubleVector.fromArray(D, Ziggurat.X, 0, idx, 0);
            final DoubleVector inner = DoubleVector.fromArray(D, Ziggurat.INNER, 0, idx, 0);
            final DoubleVector x = ((DoubleVector) wv.lanewise(VectorOperators.LSHR, 11).convert(VectorOperators.L2D, 0))
                    .mul(0x1.0p-53).mul(xj);
            final LongVector sign = wv.and(0x100L).lanewise(VectorOperators.LSHL, 55);
            ((LongVector) x.reinterpretAsLongs()).lanewise(VectorOperators.XOR, sign).reinterpretAsDoubles()
                    .intoArray(out, to + i);
            final VectorMask<Double> inside = x.lt(inner);
            if (!inside.allTrue()) {
                long m = inside.not().toLong();
                while (m != 0) {
                    final int l = Long.numberOfTrailingZeros(m);
                    out[to + i + l] = Ziggurat.slow(w[at + i + l]);
                    m &= m - 1;
                }
            }
        }
    }

    /** {@link Uniforms#uniform} of the 8 words at {@code w[at …]} to {@code out[to …]}. */
    private static void uniform(long[] w, int at, double[] out, int to) {
        ((DoubleVector) LongVector.fromArray(L, w, at).lanewise(VectorOperators.LSHR, 12).convert(VectorOperators.L2D, 0))
                .add(0.5).mul(0x1.0p-52).intoArray(out, to);
    }

    @Override
    public void normals(long key, long salt, long block0, int groups, double[] out, int off) {
        for (int g0 = 0; g0 < groups; g0 += CHUNK) {
            final int ng = Math.min(CHUNK, groups - g0);
            philox(key, salt, block0 + 8L * g0, ng, words, 0);
            transform(words, 0, 16 * ng, out, off + 16 * g0, idx);
        }
    }

    @Override
    public void words(long key, long salt, long block0, int groups, long[] out, int off) {
        philox(key, salt, block0, groups, out, off);
    }

    @Override
    public void uniforms(long key, long salt, long block0, int groups, double[] out, int off) {
        for (int g0 = 0; g0 < groups; g0 += CHUNK) {
            final int ng = Math.min(CHUNK, groups - g0);
            philox(key, salt, block0 + 8L * g0, ng, words, 0);
            for (int j = 0; j < 16 * ng; j += 8) {
                uniform(words, j, out, off + 16 * g0 + j);
            }
        }
    }

    @Override
    public void normalsAcrossKeys(long[] keys, long[] salts, int n, long block, int half, double[] out, int off) {
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            philoxKeys(keys, salts, i, block, words);
            transform(words, 8 * half, 8, out, off + i, idx);
        }
        final long[] w = new long[2];
        for (; i < n; i++) { // the last n mod 8 keys
            Philox.block(keys[i], block, salts[i], w, 0);
            out[off + i] = Ziggurat.gaussian(w[half]);
        }
    }

    /** The vector transform alone on given words, n a multiple of 8 (tests: words that reach every path). */
    static void transform(long[] w, int n, double[] out) {
        transform(w, 0, n, out, 0, new int[8]);
    }
}
