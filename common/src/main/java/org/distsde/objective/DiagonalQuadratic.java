package org.distsde.objective;

import java.util.Arrays;

/** f(x) = ½ xᵀHx with H = diag(h), h > 0 (seed 000, Lemmas 3.5–3.9), f* = 0; L-smooth: (L0, L1) = (max h, 0). */
public final class DiagonalQuadratic implements Objective {
    private static final long serialVersionUID = 1L;
    private final double[] h;

    public DiagonalQuadratic(double[] h) {
        if (h.length < 1) {
            throw new IllegalArgumentException("objective.h must not be empty");
        }
        for (int j = 0; j < h.length; j++) {
            if (!(h[j] > 0) || Double.isInfinite(h[j])) {
                throw new IllegalArgumentException("objective.h[" + j + "] must be finite and > 0 (got " + h[j] + ")");
            }
        }
        this.h = h.clone();
    }

    public double h(int j) { return h[j]; }

    @Override public int dim() { return h.length; }

    @Override
    public double value(double[] x, int off) {
        double s = 0;
        for (int j = 0; j < h.length; j++) {
            s += h[j] * x[off + j] * x[off + j];
        }
        return 0.5 * s;
    }

    @Override
    public double gradient(double[] x, int off, double[] g, int goff) {
        double n2 = 0;
        for (int j = 0; j < h.length; j++) {
            final double gj = h[j] * x[off + j];
            g[goff + j] = gj;
            n2 += gj * gj;
        }
        return n2;
    }

    @Override
    public void values(double[] x, int n, double[] out) {
        final int d = h.length;
        if (d == 1) {
            final double h0 = h[0];
            for (int i = 0; i < n; i++) { // the per-point arithmetic, one flat loop
                out[i] = 0.5 * (h0 * x[i] * x[i]);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            out[i] = value(x, i * d);
        }
    }

    @Override
    public void gradients(double[] x, int n, double[] g, double[] gn2) {
        final int d = h.length;
        if (d == 1) {
            final double h0 = h[0];
            for (int i = 0; i < n; i++) {
                g[i] = h0 * x[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                final int o = i * d;
                for (int j = 0; j < d; j++) {
                    g[o + j] = h[j] * x[o + j];
                }
            }
        }
        Flat.sumsOfSquares(g, n, d, gn2);
    }

    @Override
    public double hessianNorm(double[] x, int off) {
        return Arrays.stream(h).max().orElse(0);
    }

    @Override
    public void hessianDiagonal(double[] x, int off, double[] out, int ooff) {
        System.arraycopy(h, 0, out, ooff, h.length);
    }

    @Override public boolean separable() { return true; }

    @Override public double minValue() { return 0; }

    @Override public Smoothness smoothness() { return new Smoothness(Arrays.stream(h).max().orElse(0), 0); }

    @Override public String describe() { return "quadratic(h=" + Arrays.toString(h) + ")"; }
}
