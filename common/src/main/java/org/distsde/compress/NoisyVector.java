package org.distsde.compress;

/**
 * The vector an agent compresses, v = ∇f + Z (its gradient plus its noise), as its kernel provides
 * it: the noise is drawn when a coordinate is asked for, from the agent's stream. A compressor
 * that keeps a random set of coordinates chosen independently of v may draw that set first and
 * then ask for the kept coordinates only ({@link #selected}): dropping a coordinate before drawing
 * its noise is exact in distribution. Any other compressor asks for all of v ({@link #all}).
 */
public interface NoisyVector {
    /** Draws v into {@code out[0 .. d)}. */
    void all(double[] out);

    /**
     * Draws the coordinates {@code idx[0] < idx[1] < … < idx[n−1]} of v into {@code out[0 .. n)},
     * drawing noise for these coordinates only (in index order, or whatever the kernel's law needs
     * once for all of them).
     */
    void selected(int[] idx, int n, double[] out);

    /** A vector without noise to draw, v = {@code x[off .. off+d)}, re-pointed with {@link #at} (reused, not thread-safe). */
    final class Fixed implements NoisyVector {
        private final int d;
        private double[] x;
        private int off;

        public Fixed(int d) {
            this.d = d;
        }

        /** Points this vector at {@code x[off .. off+d)}. */
        public Fixed at(double[] x, int off) {
            this.x = x;
            this.off = off;
            return this;
        }

        @Override
        public void all(double[] out) {
            System.arraycopy(x, off, out, 0, d);
        }

        @Override
        public void selected(int[] idx, int n, double[] out) {
            for (int q = 0; q < n; q++) {
                out[q] = x[off + idx[q]];
            }
        }
    }
}
