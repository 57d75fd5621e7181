package org.distsde.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockKernel} with the Vector API ({@code jdk.incubator.vector}, 512-bit vectors: one
 * group of 8 blocks per vector): the ten Philox rounds in registers, then the Box–Muller transform
 * on whole vectors, the same IEEE operations in the same order as {@link BoxMuller} (so the same
 * numbers). Loaded only when the module is present ({@code --add-modules jdk.incubator.vector})
 * and the CPU has 512-bit vectors ({@link #usable}). Not thread-safe (a group's words in scratch).
 */
final class VectorKernel implements BlockKernel {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_512;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
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
     * {@link BoxMuller#pair} on {@code groups} groups of 8 word pairs (group g: w₀ at
     * {@code w[16g …]}, w₁ at {@code w[16g + 8 …]}): R cos θ to {@code out[cosAt + 16g …]}, R sin θ
     * to {@code out[sinAt + 16g …]} (negative: skipped).
     */
    private static void transform(long[] w, int groups, double[] out, int cosAt, int sinAt) {
        for (int g = 0; g < groups; g++) {
            final int at = 16 * g;
            // R = √(−2 ln u), u = (⌊w₀/2¹¹⌋ + 1)·2⁻⁵³: BoxMuller.radius lane by lane
            final LongVector w0 = LongVector.fromArray(L, w, at);
            final DoubleVector u = (DoubleVector) w0.lanewise(VectorOperators.LSHR, 11).add(1L).convert(VectorOperators.L2D, 0);
            final LongVector bits = (LongVector) u.reinterpretAsLongs();
            final LongVector frac = bits.and(BoxMuller.FRACTION);
            final LongVector big = LongVector.broadcast(L, BoxMuller.SQRT2_FRACTION).sub(frac).lanewise(VectorOperators.LSHR, 63);
            final DoubleVector e = (DoubleVector) bits.lanewise(VectorOperators.LSHR, 52).sub(1023 + 53).add(big)
                    .convert(VectorOperators.L2D, 0);
            final DoubleVector m = (DoubleVector) frac.or(LongVector.broadcast(L, BoxMuller.ONE)
                    .sub(big.lanewise(VectorOperators.LSHL, 52))).reinterpretAsDoubles();
            final DoubleVector f = m.sub(1.0);
            final DoubleVector s = f.div(f.add(2.0));
            final DoubleVector z2 = s.mul(s);
            final DoubleVector z4 = z2.mul(z2);
            final DoubleVector t1 = z4.mul(z4.mul(z4.mul(BoxMuller.LG6).add(BoxMuller.LG4)).add(BoxMuller.LG2));
            final DoubleVector t2 = z2.mul(z4.mul(z4.mul(z4.mul(BoxMuller.LG7).add(BoxMuller.LG5)).add(BoxMuller.LG3))
                    .add(BoxMuller.LG1));
            final DoubleVector r = t2.add(t1);
            final DoubleVector hfsq = f.mul(0.5).mul(f);
            final DoubleVector lnu = e.mul(BoxMuller.LN2_HI)
                    .sub(hfsq.sub(s.mul(hfsq.add(r)).add(e.mul(BoxMuller.LN2_LO))).sub(f));
            final DoubleVector rad = lnu.mul(-2.0).sqrt();
            // θ = qπ/2 + φ from w₁: BoxMuller.quadrant, remainder, sin, cos, cosBits, sinBits lane by lane
            final LongVector w1 = LongVector.fromArray(L, w, at + 8);
            final LongVector q = w1.add(1L << 61).lanewise(VectorOperators.LSHR, 62);
            final DoubleVector x = ((DoubleVector) w1.sub(q.lanewise(VectorOperators.LSHL, 62))
                    .convert(VectorOperators.L2D, 0)).mul(BoxMuller.TURN);
            final DoubleVector z = x.mul(x);
            final DoubleVector v = z.mul(x);
            final DoubleVector sr = z.mul(z.mul(z.mul(z.mul(BoxMuller.S6).add(BoxMuller.S5)).add(BoxMuller.S4))
                    .add(BoxMuller.S3)).add(BoxMuller.S2);
            final DoubleVector sin = x.add(v.mul(z.mul(sr).add(BoxMuller.S1)));
            final DoubleVector cr = z.mul(z.mul(z.mul(z.mul(z.mul(z.mul(BoxMuller.C6).add(BoxMuller.C5)).add(BoxMuller.C4))
                    .add(BoxMuller.C3)).add(BoxMuller.C2)).add(BoxMuller.C1));
            final DoubleVector hz = z.mul(0.5);
            final DoubleVector one = DoubleVector.broadcast(D, 1.0);
            final DoubleVector cw = one.sub(hz);
            final DoubleVector cos = cw.add(one.sub(cw).sub(hz).add(z.mul(cr)));
            final LongVector cb = (LongVector) cos.reinterpretAsLongs();
            final LongVector sb = (LongVector) sin.reinterpretAsLongs();
            final LongVector odd = q.and(1L).neg();
            final LongVector neg = q.and(2L).lanewise(VectorOperators.LSHL, 62);
            if (cosAt >= 0) {
                final LongVector cbits = cb.and(odd.not()).or(sb.lanewise(VectorOperators.XOR, BoxMuller.SIGN).and(odd))
                        .lanewise(VectorOperators.XOR, neg);
                rad.mul((DoubleVector) cbits.reinterpretAsDoubles()).intoArray(out, cosAt + at);
            }
            if (sinAt >= 0) {
                final LongVector sbits = sb.and(odd.not()).or(cb.and(odd)).lanewise(VectorOperators.XOR, neg);
                rad.mul((DoubleVector) sbits.reinterpretAsDoubles()).intoArray(out, sinAt + at);
            }
        }
    }

    /** {@link BoxMuller#uniform} of the 8 words at {@code w[at …]} to {@code out[to …]}. */
    private static void uniform(long[] w, int at, double[] out, int to) {
        ((DoubleVector) LongVector.fromArray(L, w, at).lanewise(VectorOperators.LSHR, 12).convert(VectorOperators.L2D, 0))
                .add(0.5).mul(0x1.0p-52).intoArray(out, to);
    }

    @Override
    public void normals(long key, long salt, long block0, int groups, double[] out, int off) {
        for (int g0 = 0; g0 < groups; g0 += CHUNK) {
            final int ng = Math.min(CHUNK, groups - g0);
            philox(key, salt, block0 + 8L * g0, ng, words, 0);
            transform(words, ng, out, off + 16 * g0, off + 16 * g0 + 8);
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
            transform(words, 1, out, half == 0 ? off + i : -1, half == 0 ? -1 : off + i);
        }
        final long[] w = new long[2];
        for (; i < n; i++) { // the last n mod 8 keys
            Philox.block(keys[i], block, salts[i], w, 0);
            out[off + i] = BoxMuller.gaussian(w[0], w[1], half);
        }
    }

    /** The transform alone on given words, n a multiple of 8 (tests: words no Philox output reaches on purpose). */
    static void transform(long[] w0, long[] w1, int n, double[] cos, double[] sin) {
        final long[] w = new long[16];
        for (int i = 0; i < n; i += 8) {
            System.arraycopy(w0, i, w, 0, 8);
            System.arraycopy(w1, i, w, 8, 8);
            transform(w, 1, cos, i, -1);
            transform(w, 1, sin, -1, i);
        }
    }
}
