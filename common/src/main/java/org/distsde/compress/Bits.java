package org.distsde.compress;

/** Bit counts shared by the compressors' {@link Compressor#expectedBits}. */
final class Bits {
    /** A float64 value. */
    static final int VALUE = 64;

    private Bits() { }

    /** ⌈log₂ d⌉: the bits of one coordinate index among d (0 for d = 1). */
    static int index(int d) {
        return d <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(d - 1L);
    }

    /** ⌈log₂ m⌉ bits for one of m symbols. */
    static int symbols(long m) {
        return m <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(m - 1);
    }
}
