package org.distsde.objective;

/**
 * The embedded saddle of seed 000, Appendix F: f(x) = ½xᵀHx + (λ/4)Σxᵢ⁴ − (ξ/3)Σxᵢ³ with
 * H = diag(h), by default h = (−1, 2), λ = 1, ξ = 0.1. Separable, so f* is the sum of the
 * per-coordinate minima over the critical points x = 0 and x = (ξ ± √(ξ² − 4λhᵢ)) / (2λ).
 * No closed-form (L0, L1) pair is provided: the sampled check of Definition 1 estimates one.
 */
public final class EmbeddedSaddle implements Objective {
    private static final long serialVersionUID = 1L;
    private final double[] h;
    private final double lambda;
    private final double xi;
    private final double fStar;

    public EmbeddedSaddle(double[] h, double lambda, double xi) {
        if (h.length < 1) {
            throw new IllegalArgumentException("objective.h must not be empty");
        }
        for (int j = 0; j < h.length; j++) {
            if (!Double.isFinite(h[j])) {
                throw new IllegalArgumentException("objective.h[" + j + "] must be finite (got " + h[j] + ")");
            }
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("objective.lambda must be finite and > 0 (got " + lambda + ")");
        }
        if (!Double.isFinite(xi)) {
            throw new IllegalArgumentException("objective.xi must be finite (got " + xi + ")");
        }
        this.h = h.clone();
        this.lambda = lambda;
        this.xi = xi;
        double s = 0;
        for (double hj : this.h) {
            s += coordMin(hj);
        }
        this.fStar = s;
    }

    public static EmbeddedSaddle standard() {
        return new EmbeddedSaddle(new double[] {-1, 2}, 1, 0.1);
    }

    private double coord(double hj, double v) {
        final double v2 = v * v;
        return 0.5 * hj * v2 + 0.25 * lambda * v2 * v2 - xi / 3 * v2 * v;
    }

    private double coordMin(double hj) {
        double best = coord(hj, 0);
        final double disc = xi * xi - 4 * lambda * hj;
        if (disc >= 0) {
            final double r = Math.sqrt(disc);
            best = Math.min(best, coord(hj, (xi + r) / (2 * lambda)));
            best = Math.min(best, coord(hj, (xi - r) / (2 * lambda)));
        }
        return best;
    }

    @Override public int dim() { return h.length; }

    @Override
    public double value(double[] x, int off) {
        double s = 0;
        for (int j = 0; j < h.length; j++) {
            s += coord(h[j], x[off + j]);
        }
        return s;
    }

    @Override
    public double gradient(double[] x, int off, double[] g, int goff) {
        double n2 = 0;
        for (int j = 0; j < h.length; j++) {
            final double v = x[off + j];
            final double gj = h[j] * v + lambda * v * v * v - xi * v * v;
            g[goff + j] = gj;
            n2 += gj * gj;
        }
        return n2;
    }

    @Override
    public void gradients(double[] x, int n, double[] g, double[] gn2) {
        final int d = h.length;
        for (int i = 0; i < n; i++) {
            final int o = i * d;
            for (int j = 0; j < d; j++) {
                final double v = x[o + j];
                g[o + j] = h[j] * v + lambda * v * v * v - xi * v * v;
            }
        }
        Flat.sumsOfSquares(g, n, d, gn2);
    }

    @Override
    public double hessianNorm(double[] x, int off) {
        double m = 0;
        for (int j = 0; j < h.length; j++) {
            final double v = x[off + j];
            m = Math.max(m, Math.abs(h[j] + 3 * lambda * v * v - 2 * xi * v));
        }
        return m;
    }

    @Override
    public void hessianDiagonal(double[] x, int off, double[] out, int ooff) {
        for (int j = 0; j < h.length; j++) {
            final double v = x[off + j];
            out[ooff + j] = h[j] + 3 * lambda * v * v - 2 * xi * v;
        }
    }

    @Override public boolean separable() { return true; }

    @Override public double minValue() { return fStar; }

    @Override public Smoothness smoothness() { return null; }

    @Override public String describe() { return "embedded-saddle(d=" + h.length + ")"; }
}
