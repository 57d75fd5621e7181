package org.distsde.sde;

import org.distsde.compress.Compressor;
import org.distsde.compress.GaussianModel;
import org.distsde.compress.SecondMoment;
import org.distsde.config.ConfigException;

/**
 * The compression term of the DCSGD SDE (seed 002, Eq. 27–28) from a compressor's own second
 * moment ({@link GaussianModel}): E[ΦᵢΦᵢᵀ] = ωᵢ·diag((∇f)² + diag Σᵢ); a compressor without one is
 * refused with one line.
 */
final class CompressionTerm {
    private CompressionTerm() { }

    /**
     * The second moment (a, b) of an unbiased {@code c} with any off-diagonal factor (the matrix
     * SDEs), or a {@link ConfigException}.
     */
    static SecondMoment.Linear linear(Compressor c, int d) {
        try {
            return GaussianModel.linear(c, d);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("sde: " + e.getMessage() + "; set sde.enabled false");
        }
    }

    /** ωᵢ of Eq. 28 for compressor {@code c} on d-dimensional vectors, or a {@link ConfigException}. */
    static double excess(Compressor c, int d) {
        try {
            return GaussianModel.excess(c, d);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("sde: " + e.getMessage() + "; set sde.enabled false");
        }
    }
}
