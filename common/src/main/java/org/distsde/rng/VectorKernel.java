package org.distsde.rng;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockKernel} with the Vector API ({@code jdk.incubator.vector}, 512-bit vectors: one
 * group of 8 blocks per vector): the ten Philox rounds in registers, then the Box–Muller transform
 * on whole vectors, the same IEEE operations in the same order as {@link BoxMuller} (so the same
 * numbers). Loaded only when the module is present ({@code --add-modules jdk.incubator.vector})
 * and the CPU has 512-bit vectors ({@link #usable}); stateless apart from read-only tables.
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

    private static final int NORMALS = 0, WORDS = 1, UNIFORMS = 2;

    /**
     * One group: the ten rounds on the 8 counters block … block + 7 (x₀, x₁) with (x₂, x₃) = salt,
     * then its outputs as {@code mode} says to {@code out[at …]} (first outputs) and
     * {@code out[at + 8 …]} (second outputs). {@code mode} is a constant at every call site, so
     * the compiled code has no branch on it.
     */
    private static void group(long key, long salt, long block, int mode, double[] dout, long[] lout, int at) {
        final int a = (int) key, b = (int) (key >>> 32);
        final LongVector ctr = LongVector.fromArray(L, IOTA, 0).add(block);
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
        final LongVector w0 = x0.or(x1.lanewise(VectorOperators.LSHL, 32));
        final LongVector w1 = x2.or(x3.lanewise(VectorOperators.LSHL, 32));
        if (mode == NORMALS) {
            transform(w0, w1, dout, at, at + 8);
        } else if (mode == WORDS) {
            w0.intoArray(lout, at);
            w1.intoArray(lout, at + 8);
        } else {
            uniform(w0).intoArray(dout, at);
            uniform(w1).intoArray(dout, at + 8);
        }
    }

    /** {@link BoxMuller#radius} lane by lane. */
    private static DoubleVector radius(LongVector w0) {
        final DoubleVector u = (DoubleVector) w0.lanewise(VectorOperators.LSHR, 11).add(1L).convert(VectorOperators.L2D, 0);
        final LongVector bits = (LongVector) u.reinterpretAsLongs();
        DoubleVector e = (DoubleVector) bits.lanewise(VectorOperators.LSHR, 52).sub(1023 + 53).convert(VectorOperators.L2D, 0);
        DoubleVector m = (DoubleVector) bits.and(BoxMuller.FRACTION).or(BoxMuller.ONE).reinterpretAsDoubles();
        final VectorMask<Double> big = m.compare(VectorOperators.GT, BoxMuller.SQRT2);
        m = m.blend(m.mul(0.5), big);
        e = e.blend(e.add(1.0), big);
        final DoubleVector f = m.sub(1.0);
        final DoubleVector s = f.div(f.add(2.0));
        final DoubleVector z = s.mul(s);
        final DoubleVector w = z.mul(z);
        final DoubleVector t1 = w.mul(w.mul(w.mul(BoxMuller.LG6).add(BoxMuller.LG4)).add(BoxMuller.LG2));
        final DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(BoxMuller.LG7).add(BoxMuller.LG5)).add(BoxMuller.LG3)).add(BoxMuller.LG1));
        final DoubleVector r = t2.add(t1);
        final DoubleVector hfsq = f.mul(0.5).mul(f);
        final DoubleVector lnu = e.mul(BoxMuller.LN2_HI)
                .sub(hfsq.sub(s.mul(hfsq.add(r)).add(e.mul(BoxMuller.LN2_LO))).sub(f));
        return lnu.mul(-2.0).sqrt();
    }

    /** {@link BoxMuller#pair}: R cos θ to {@code out[cosAt …]}, R sin θ to {@code out[sinAt …]} (negative: skipped). */
    private static void transform(LongVector w0, LongVector w1, double[] out, int cosAt, int sinAt) {
        final DoubleVector rad = radius(w0);
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
            final LongVector bits = cb.and(odd.not()).or(sb.lanewise(VectorOperators.XOR, BoxMuller.SIGN).and(odd))
                    .lanewise(VectorOperators.XOR, neg);
            rad.mul((DoubleVector) bits.reinterpretAsDoubles()).intoArray(out, cosAt);
        }
        if (sinAt >= 0) {
            final LongVector bits = sb.and(odd.not()).or(cb.and(odd)).lanewise(VectorOperators.XOR, neg);
            rad.mul((DoubleVector) bits.reinterpretAsDoubles()).intoArray(out, sinAt);
        }
    }

    @Override
    public void normals(long key, long salt, long block0, int groups, double[] out, int off) {
        for (int g = 0; g < groups; g++) {
            group(key, salt, block0 + 8L * g, NORMALS, out, null, off + 16 * g);
        }
    }

    @Override
    public void words(long key, long salt, long block0, int groups, long[] out, int off) {
        for (int g = 0; g < groups; g++) {
            group(key, salt, block0 + 8L * g, WORDS, null, out, off + 16 * g);
        }
    }

    @Override
    public void uniforms(long key, long salt, long block0, int groups, double[] out, int off) {
        for (int g = 0; g < groups; g++) {
            group(key, salt, block0 + 8L * g, UNIFORMS, out, null, off + 16 * g);
        }
    }

    /** The transform alone on given words, n a multiple of 8 (tests: words no Philox output reaches on purpose). */
    static void transform(long[] w0, long[] w1, int n, double[] cos, double[] sin) {
        final double[] both = new double[16];
        for (int i = 0; i < n; i += 8) {
            transform(LongVector.fromArray(L, w0, i), LongVector.fromArray(L, w1, i), both, 0, 8);
            System.arraycopy(both, 0, cos, i, 8);
            System.arraycopy(both, 8, sin, i, 8);
        }
    }

    /** {@link BoxMuller#uniform} lane by lane. */
    private static DoubleVector uniform(LongVector w) {
        return ((DoubleVector) w.lanewise(VectorOperators.LSHR, 12).convert(VectorOperators.L2D, 0)).add(0.5).mul(0x1.0p-52);
    }

    @Override
    public void normalsAcrossKeys(long[] keys, long[] salts, int n, long block, int half, double[] out, int off) {
        final long c0 = block & MASK, c1 = block >>> 32;
        final long w0 = Philox.W0 & MASK, w1 = Philox.W1 & MASK;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            final LongVector key = LongVector.fromArray(L, keys, i), salt = LongVector.fromArray(L, salts, i);
            LongVector ka = key.and(MASK), kb = key.lanewise(VectorOperators.LSHR, 32);
            LongVector x0 = LongVector.broadcast(L, c0), x1 = LongVector.broadcast(L, c1);
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
            transform(x0.or(x1.lanewise(VectorOperators.LSHL, 32)), x2.or(x3.lanewise(VectorOperators.LSHL, 32)), out,
                    half == 0 ? off + i : -1, half == 0 ? -1 : off + i);
        }
        final long[] w = new long[2];
        for (; i < n; i++) { // the last n mod 8 keys
            Philox.block(keys[i], block, salts[i], w, 0);
            out[off + i] = BoxMuller.gaussian(w[0], w[1], half);
        }
    }
}
