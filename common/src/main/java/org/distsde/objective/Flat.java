package org.distsde.objective;

/**
 * Loops over n contiguous d-dimensional points for the block forms of {@link Objective}, in the
 * summation order of the per-point forms (so the block forms give the same bits).
 */
final class Flat {
    private Flat() { }

    /** out[i] = Σⱼ v[i·d + j]² summed from j = 0 upwards (d = 1: one flat, vectorisable loop). */
    static void sumsOfSquares(double[] v, int n, int d, double[] out) {
        if (d == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i] * v[i];
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = i * d, e = j + d; j < e; j++) {
                s += v[j] * v[j];
            }
            out[i] = s;
        }
    }

    /** out[i] = scale·Σⱼ v[i·d + j], summed from j = 0 upwards; v is scratch the caller filled. */
    static void sums(double[] v, int n, int d, double scale, double[] out) {
        if (d == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = scale * v[i];
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = i * d, e = j + d; j < e; j++) {
                s += v[j];
            }
            out[i] = scale * s;
        }
    }
}
