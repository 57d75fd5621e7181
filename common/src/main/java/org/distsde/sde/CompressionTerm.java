package org.distsde.sde;

import org.distsde.compress.Compression;
import org.distsde.compress.Compressor;
import org.distsde.compress.SecondMoment;
import org.distsde.config.ConfigException;

/**
 * The compression term of the DCSGD SDE (seed 002, Eq. 27–28) from a compressor's own second
 * moment: for an unbiased C whose E[C(v)C(v)ᵀ] is {@link SecondMoment.Linear} with off-diagonal
 * factor 1, E[ΦΦᵀ] = (a − 1)·diag((∇f)² + diag Σ) with a the diagonal factor (ω = 1/p − 1 for
 * random sparsification, the seeds README's form; 0 for the identity). Any other compressor has no
 * diagonal Gaussian model here and is refused with one line.
 */
final class CompressionTerm {
    private CompressionTerm() { }

    /** a − 1 of agent {@code agent}'s compressor on d-dimensional vectors, or a {@link ConfigException}. */
    static double excess(Compressor c, int d) {
        final Compression cls = c.compression(d);
        if (!(cls instanceof Compression.Unbiased)) {
            throw new ConfigException("sde: the SDE of Eq. 27-28 needs an unbiased compressor (E C(v) = v); "
                    + c.describe() + " is contractive (delta = " + cls.delta() + "): set sde.enabled false");
        }
        final SecondMoment m = c.secondMoment(d);
        if (m instanceof SecondMoment.None none) {
            throw new ConfigException("sde: compression " + c.describe() + " has no Gaussian model for the SDE of "
                    + "Eq. 27-28 (" + none.reason() + "): set sde.enabled false");
        }
        final SecondMoment.Linear lin = (SecondMoment.Linear) m;
        if (!lin.diagonalOnly()) {
            throw new ConfigException("sde: compression " + c.describe() + " correlates the coordinates of its "
                    + "messages (E[C(v)_j C(v)_k] = " + lin.offDiagonal() + " v_j v_k): the SDE of Eq. 27-28 with a "
                    + "non-diagonal E[Phi Phi^T] is not implemented; set sde.enabled false");
        }
        return lin.diagonalExcess();
    }
}
