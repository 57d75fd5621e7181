package org.distsde.compress;

import java.io.Serializable;
import org.apache.commons.rng.UniformRandomProvider;
import org.distsde.rng.KeyedStream;

/**
 * A stochastic compressor C of d-dimensional vectors (seed 002, Section 3) with the math the rest
 * of the project needs from it: the map itself ({@link #compress}, randomness an explicit
 * argument), its class ({@link #compression}: unbiased with ω or contractive with δ), the bits it
 * sends ({@link #expectedBits}) and its second moment for the SDEs ({@link #secondMoment}).
 *
 * <p>Message kernels call {@link #addCompressed}, whose default draws the agent's whole noisy
 * vector and compresses it; a compressor whose kept coordinates do not depend on v overrides it to
 * draw the noise of the kept coordinates only (random sparsification). A compressor that is
 * not the identity is never treated as one: only {@link #identity()} lets a kernel skip it.
 *
 * <p>Adding a compressor: one class implementing this interface with a {@link CompressorFactory}
 * that reads its config parameters, listed in {@link Compressors}. Instances are immutable and
 * thread-safe; they do not depend on d (every method takes it).
 */
public interface Compressor extends Serializable {
    /** Writes C(v) for {@code v[off .. off+d)} into {@code out[outOff .. outOff+d)}, drawing from {@code rng}. */
    void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff);

    /**
     * As {@link #compress(double[], int, int, UniformRandomProvider, double[], int)}, with scratch
     * arrays from {@code w} (only {@link Workspace#s} and {@link Workspace#idx}: v and out may be
     * {@link Workspace#v} and {@link Workspace#c}). The message kernels call this form; a compressor
     * that needs scratch (top-k) overrides it, and its plain form allocates.
     */
    default void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff,
                          Workspace w) {
        compress(v, off, d, rng, out, outOff);
    }

    /**
     * Adds C(v) of an agent's noisy vector v into {@code acc[off .. off+d)}, drawing from
     * {@code rng} (positioned at the agent's key): by default all of v first, then the
     * compressor's own draws ({@link #compress}).
     */
    default void addCompressed(NoisyVector v, int d, KeyedStream rng, Workspace w, double[] acc, int off) {
        v.all(w.v);
        compress(w.v, 0, d, rng, w.c, 0, w);
        for (int j = 0; j < d; j++) {
            acc[off + j] += w.c[j];
        }
    }

    /** Unbiased with ω, or contractive with δ, on d-dimensional vectors. */
    Compression compression(int d);

    /** E[C(v)C(v)ᵀ] in closed form for d-dimensional vectors, or why there is none. */
    SecondMoment secondMoment(int d);

    /** Expected number of bits sent for a d-dimensional float64 vector. */
    double expectedBits(int d);

    /**
     * Expected number of coordinates sent (with their indices) for a d-dimensional vector: d for a
     * dense compressor, k for rand-k and top-k, p·d for random sparsification. A
     * {@link Composition} quantizes only these.
     */
    default double sentCoordinates(int d) {
        return d;
    }

    /** True only for the identity map, which draws nothing: a kernel may then skip the compressor. */
    default boolean identity() {
        return false;
    }

    /** Short description. */
    String describe();
}
