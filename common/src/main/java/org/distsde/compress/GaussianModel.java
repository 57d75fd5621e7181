package org.distsde.compress;

/**
 * What the Gaussian SDEs of compressed messages (seed 002, Eq. 27–28) need from a compressor: an
 * unbiased C whose second moment is {@link SecondMoment.Linear} with off-diagonal factor 1, so that
 * E[ΦΦᵀ] = (a − 1)·diag((∇f)² + diag Σ) (a the diagonal factor: ω = 1/p − 1 for random
 * sparsification, 0 for the identity). Any other compressor is refused with one line saying why.
 */
public final class GaussianModel {
    private GaussianModel() { }

    /**
     * Eq. 28's factor a − 1 of {@code c} on d-dimensional vectors, or an
     * {@link IllegalArgumentException} saying why the compressor has no such model.
     */
    public static double excess(Compressor c, int d) {
        final Compression cls = c.compression(d);
        if (!(cls instanceof Compression.Unbiased)) {
            throw new IllegalArgumentException("the SDE of Eq. 27-28 needs an unbiased compressor (E C(v) = v); "
                    + c.describe() + " is contractive (delta = " + cls.delta() + ")");
        }
        final SecondMoment m = c.secondMoment(d);
        if (m instanceof SecondMoment.None none) {
            throw new IllegalArgumentException("compression " + c.describe() + " has no Gaussian model for the SDE of "
                    + "Eq. 27-28 (" + none.reason() + ")");
        }
        final SecondMoment.Linear lin = (SecondMoment.Linear) m;
        if (!lin.diagonalOnly()) {
            throw new IllegalArgumentException("compression " + c.describe() + " correlates the coordinates of its "
                    + "messages (E[C(v)_j C(v)_k] = " + lin.offDiagonal() + " v_j v_k): the SDE of Eq. 27-28 with a "
                    + "non-diagonal E[Phi Phi^T] is not implemented");
        }
        return lin.diagonalExcess();
    }
}
