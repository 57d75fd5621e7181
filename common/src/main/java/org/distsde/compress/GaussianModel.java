package org.distsde.compress;

/**
 * What the Gaussian SDEs of compressed messages (seed 002, Eq. 27–28; the shifted-compression
 * SDEs of EF21 and DIANA) need from a compressor: an unbiased C whose second moment is
 * {@link SecondMoment.Linear}, E[C(v)C(v)ᵀ] = b·vvᵀ + (a − b)·diag(v²), so that Eq. 28's
 * E[ΦΦᵀ] = (b − 1)·E[vvᵀ] + (a − b)·diag(E v²) is known in closed form for a noisy v. The SDEs with
 * a diagonal diffusion (DCSGD's Eq. 27 with coordinate-wise noise, the adaptive SDEs, full-covariance
 * noise) also need b = 1 ({@link #excess}); the matrix SDEs take any b ({@link #linear}). Any other
 * compressor is refused with one line saying why.
 */
public final class GaussianModel {
    private GaussianModel() { }

    /**
     * The second moment (a, b) of an unbiased {@code c} on d-dimensional vectors, or an
     * {@link IllegalArgumentException} saying why the compressor has no Gaussian model.
     */
    public static SecondMoment.Linear linear(Compressor c, int d) {
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
        return (SecondMoment.Linear) m;
    }

    /**
     * Eq. 28's factor a − 1 of {@code c} on d-dimensional vectors when E[ΦΦᵀ] is diagonal (b = 1),
     * or an {@link IllegalArgumentException} saying why the compressor has no such model.
     */
    public static double excess(Compressor c, int d) {
        final SecondMoment.Linear lin = linear(c, d);
        if (!lin.diagonalOnly()) {
            throw new IllegalArgumentException("compression " + c.describe() + " correlates the coordinates of its "
                    + "messages (E[C(v)_j C(v)_k] = " + lin.offDiagonal() + " v_j v_k): this SDE needs a diagonal "
                    + "E[Phi Phi^T] (the matrix form exists for dcsgd, ef21 and diana with coordinate-wise noise)");
        }
        return lin.diagonalExcess();
    }
}
