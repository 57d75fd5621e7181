package org.distsde.objective;

/**
 * Loops over n contiguous d-dimensional points for the block forms of {@link Objective}. For
 * d &lt; {@link #LANES_FROM} the sums run in the per-point forms' order (the same bits); for larger
 * d they use four interleaved partial sums (coordinates j ≡ 0, 1, 2, 3 mod 4, added at the end as
 * (s₀ + s₁) + (s₂ + s₃)), which cuts the floating-point add latency chain four-fold: the same
 * value up to rounding, and still a fixed order, so results do not depend on the blocking.
 */
final class Flat {
    private Flat() { }

    /** Dimension from which the sums use four partial sums. */
    static final int LANES_FROM = 16;

    /** out[i] = Σⱼ v[i·d + j]² (d = 1: one flat, vectorisable loop). */
    static void sumsOfSquares(double[] v, int n, int d, double[] out) {
        if (d >= LANES_FROM) {
            for (int i = 0; i < n; i++) {
                final int o = i * d, e = o + d, e4 = o + (d & ~3);
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int j = o;
                for (; j < e4; j += 4) {
                    s0 += v[j] * v[j];
                    s1 += v[j + 1] * v[j + 1];
                    s2 += v[j + 2] * v[j + 2];
                    s3 += v[j + 3] * v[j + 3];
                }
                for (; j < e; j++) {
                    s0 += v[j] * v[j];
                }
                out[i] = (s0 + s1) + (s2 + s3);
            }
            return;
        }
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

    /** out[i] = Σⱼ v[i·d + j]⁴ (four partial sums as above when d ≥ {@link #LANES_FROM}). */
    static void sumsOfFourth(double[] v, int n, int d, double[] out) {
        for (int i = 0; i < n; i++) {
            final int o = i * d, e = o + d, e4 = d >= LANES_FROM ? o + (d & ~3) : o;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int j = o;
            for (; j < e4; j += 4) {
                final double a = v[j] * v[j], b = v[j + 1] * v[j + 1], c = v[j + 2] * v[j + 2], f = v[j + 3] * v[j + 3];
                s0 += a * a;
                s1 += b * b;
                s2 += c * c;
                s3 += f * f;
            }
            for (; j < e; j++) {
                final double a = v[j] * v[j];
                s0 += a * a;
            }
            out[i] = (s0 + s1) + (s2 + s3);
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
