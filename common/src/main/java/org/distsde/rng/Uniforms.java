package org.distsde.rng;

/** Uniforms in (0, 1) from 64-bit words, as {@link GaussianBlocks#uniforms} returns them. */
final class Uniforms {
    private Uniforms() { }

    /** The uniform in (0, 1) of a word: (⌊w/2¹²⌋ + ½)·2⁻⁵², exact, never 0 or 1. */
    static double uniform(long w) {
        return ((w >>> 12) + 0.5) * 0x1.0p-52;
    }
}
