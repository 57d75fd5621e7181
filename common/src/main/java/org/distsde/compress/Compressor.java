package org.distsde.compress;

import java.io.Serializable;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * An unbiased stochastic compressor C (Section 3): E[C(v)] = v and E‖C(v) − v‖² ≤ ω‖v‖².
 * Immutable and thread-safe; randomness is an explicit argument.
 */
public interface Compressor extends Serializable {
    /** The compression rate ω. */
    double omega();

    /** Writes C(v) for {@code v[off .. off+d)} into {@code out[outOff .. outOff+d)}. */
    void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff);

    /** Expected number of bits sent for a d-dimensional float64 vector. */
    double expectedBits(int d);

    /** Short description. */
    String describe();
}
