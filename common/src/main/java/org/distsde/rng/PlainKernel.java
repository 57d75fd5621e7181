package org.distsde.rng;

/**
 * {@link BlockKernel} in plain Java: the ten Philox rounds as ten passes over arrays of up to
 * {@link #CHUNK} blocks (small loop bodies, which C2 unrolls and vectorises with
 * {@code UseSuperWord}; one loop with all ten rounds is too large to be unrolled), then the
 * ziggurat ({@link Ziggurat}) word by word. The fallback when the Vector API is unavailable.
 * Not thread-safe (array scratch).
 */
final class PlainKernel implements BlockKernel {
    static final int CHUNK = 256;
    private static final long[] IOTA = new long[CHUNK];

    static {
        for (int i = 0; i < CHUNK; i++) {
            IOTA[i] = i;
        }
    }

    private final long[] x0 = new long[CHUNK], x1 = new long[CHUNK], x2 = new long[CHUNK], x3 = new long[CHUNK];
    private final long[] ka = new long[Philox.ROUNDS], kb = new long[Philox.ROUNDS];

    @Override
    public String name() {
        return "plain";
    }

    /** Blocks block0 … block0 + n − 1 (n ≤ CHUNK) at (key, salt): outputs in x0|x1 and x2|x3. */
    private void philox(long key, long salt, long block0, int n) {
        final long[] a = x0, b = x1, c = x2, d = x3;
        final long c2 = salt & Philox.MASK, c3 = salt >>> 32;
        for (int j = 0; j < n; j++) {
            final long ctr = block0 + IOTA[j];
            a[j] = ctr & Philox.MASK;
            b[j] = ctr >>> 32;
            c[j] = c2;
            d[j] = c3;
        }
        Philox.roundKeys(key, ka, kb);
        for (int r = 0; r < Philox.ROUNDS; r++) {
            round(ka[r], kb[r], n);
        }
    }

    private void round(long k0, long k1, int n) {
        final long[] a = x0, b = x1, c = x2, d = x3;
        for (int j = 0; j < n; j++) {
            final long p0 = Philox.M0 * a[j], p1 = Philox.M1 * c[j];
            final long y0 = (p1 >>> 32) ^ b[j] ^ k0;
            final long y2 = (p0 >>> 32) ^ d[j] ^ k1;
            a[j] = y0;
            b[j] = p1 & Philox.MASK;
            c[j] = y2;
            d[j] = p0 & Philox.MASK;
        }
    }

    @Override
    public void normals(long key, long salt, long block0, int groups, double[] out, int off) {
        groups(0, key, salt, block0, groups, out, null, off);
    }

    @Override
    public void words(long key, long salt, long block0, int groups, long[] out, int off) {
        groups(1, key, salt, block0, groups, null, out, off);
    }

    @Override
    public void uniforms(long key, long salt, long block0, int groups, double[] out, int off) {
        groups(2, key, salt, block0, groups, out, null, off);
    }

    /** Groups of blocks as Gaussians (kind 0), words (1) or uniforms (2), a chunk of blocks at a time. */
    private void groups(int kind, long key, long salt, long block0, int groups, double[] dout, long[] lout, int off) {
        for (int g0 = 0; g0 < groups; g0 += CHUNK / 8) {
            final int ng = Math.min(CHUNK / 8, groups - g0);
            philox(key, salt, block0 + 8L * g0, 8 * ng);
            for (int j = 0; j < 8 * ng; j++) {
                final int o = off + 16 * (g0 + (j >>> 3)) + (j & 7);
                final long w0 = x0[j] | (x1[j] << 32), w1 = x2[j] | (x3[j] << 32);
                if (kind == 0) {
                    dout[o] = Ziggurat.gaussian(w0);
                    dout[o + 8] = Ziggurat.gaussian(w1);
                } else if (kind == 1) {
                    lout[o] = w0;
                    lout[o + 8] = w1;
                } else {
                    dout[o] = Uniforms.uniform(w0);
                    dout[o + 8] = Uniforms.uniform(w1);
                }
            }
        }
    }

    @Override
    public void normalsAcrossKeys(long[] keys, long[] salts, int n, long block, int half, double[] out, int off) {
        final long[] w = x0;
        for (int i = 0; i < n; i++) {
            Philox.block(keys[i], block, salts[i], w, 0);
            out[off + i] = Ziggurat.gaussian(w[half]);
        }
    }
}
