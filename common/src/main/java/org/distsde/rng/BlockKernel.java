package org.distsde.rng;

/**
 * The bulk loops of {@link GaussianBlocks}: Philox4x32-10 blocks ({@link Philox}) turned into
 * Gaussians ({@link Ziggurat}, one per 64-bit output) or words, a group of 8 consecutive blocks at a time. Group g of a
 * range starting at block b₀ is blocks b₀ + 8g + l, l &lt; 8; its 16 outputs are written to
 * {@code out[off + 16g + 8h + l]}, h = 0 for the block's first output (word x₀ | x₁·2³², or its
 * Gaussian) and h = 1 for its second (x₂ | x₃·2³²). Every implementation returns exactly the
 * numbers of {@link Philox#block}, {@link Ziggurat} and {@link Uniforms}, bit for bit.
 */
interface BlockKernel {
    /** The Gaussians of {@code groups} groups of blocks from {@code block0} at (key, salt). */
    void normals(long key, long salt, long block0, int groups, double[] out, int off);

    /** The raw words of {@code groups} groups of blocks from {@code block0} at (key, salt). */
    void words(long key, long salt, long block0, int groups, long[] out, int off);

    /** {@link Uniforms#uniform} of the words of {@code groups} groups of blocks. */
    void uniforms(long key, long salt, long block0, int groups, double[] out, int off);

    /**
     * One Gaussian per key: {@code out[off + i]} is output {@code half} of the block
     * {@code (keys[i], block, salts[i])}, i &lt; n.
     */
    void normalsAcrossKeys(long[] keys, long[] salts, int n, long block, int half, double[] out, int off);

    /** A short name for logs and benchmarks. */
    String name();
}
