package org.distsde.data;

import java.io.Serializable;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A parametric model with a per-row loss ℓ(w; aᵢ, yᵢ). Parameters w ∈ R^{dim(p)} are a slice
 * {@code w[off .. off+dim)} of a flat array. Losses and gradients are averages over a set of rows:
 * {@code rows[k]} for from ≤ k &lt; to, or the rows from … to−1 themselves when {@code rows} is null
 * (the full batch without an index array). Rows may repeat (minibatches drawn with replacement).
 *
 * <p>Implementations are immutable and thread-safe; per-thread scratch lives in a {@link Workspace}
 * the caller creates once per thread ({@link #workspace}) and passes to every call, so the hot
 * path allocates nothing.
 */
public interface Model extends Serializable {
    /** Scratch for one thread (opaque to callers). */
    interface Workspace { }

    /** The number of parameters for p features. */
    int dim(int p);

    /** A fresh workspace for data with p features; null when the model needs none. */
    default Workspace workspace(int p) { return null; }

    /** Checks that the data suit the model (e.g. 0/1 labels); throws IllegalArgumentException naming the problem. */
    default void check(Dataset data) { }

    /** The average loss (1/m)·Σₖ ℓ(w; row k) over the m = to − from rows. */
    double loss(double[] w, int off, Dataset data, int[] rows, int from, int to, Workspace ws);

    /**
     * The average loss, and the average gradient written (not added) into {@code g[goff .. goff+dim)}.
     */
    double lossAndGradient(double[] w, int off, Dataset data, int[] rows, int from, int to,
            double[] g, int goff, Workspace ws);

    /** Writes the default initial weights for p features into {@code w[0 .. dim(p))}. */
    void initialize(UniformRandomProvider rng, int p, double[] w);

    /** f* = inf_w (1/n)Σᵢ ℓ(w; row i) over all rows, or a lower bound, saying which. */
    Minimum minimum(Dataset data);

    /** Short name, e.g. {@code logistic}. */
    String describe();
}
