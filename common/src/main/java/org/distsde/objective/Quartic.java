package org.distsde.objective;

/**
 * f(x) = Σⱼ xⱼ⁴ / 4 (Appendix B of the (L0,L1) paper), f* = 0.
 *
 * <p>∇²f = diag(3xⱼ²) and ‖∇f‖ ≥ maxⱼ|xⱼ|³ = m³, so with L1 given, L0 = maxₘ(3m² − L1 m³) =
 * 4/L1² makes Definition 1 hold. The default pair is (L0, L1) = (4, 1).
 */
public final class Quartic implements Objective {
    private static final long serialVersionUID = 1L;
    private final int d;

    public Quartic(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("objective.dim must be >= 1 (got " + d + ")");
        }
        this.d = d;
    }

    @Override public int dim() { return d; }

    @Override
    public double value(double[] x, int off) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            final double x2 = x[off + j] * x[off + j];
            s += x2 * x2;
        }
        return 0.25 * s;
    }

    @Override
    public double gradient(double[] x, int off, double[] g, int goff) {
        double n2 = 0;
        for (int j = 0; j < d; j++) {
            final double v = x[off + j];
            final double gj = v * v * v;
            g[goff + j] = gj;
            n2 += gj * gj;
        }
        return n2;
    }

    @Override
    public void values(double[] x, int n, double[] out) {
        if (d != 1) {
            Flat.sumsOfFourth(x, n, d, out);
            for (int i = 0; i < n; i++) {
                out[i] *= 0.25;
            }
            return;
        }
        for (int i = 0; i < n; i++) { // d = 1: the per-point arithmetic, one flat loop
            final double x2 = x[i] * x[i];
            out[i] = 0.25 * (x2 * x2);
        }
    }

    @Override
    public void gradients(double[] x, int n, double[] g, double[] gn2) {
        final int nd = n * d;
        for (int q = 0; q < nd; q++) {
            final double v = x[q];
            g[q] = v * v * v;
        }
        Flat.sumsOfSquares(g, n, d, gn2);
    }

    @Override
    public double hessianNorm(double[] x, int off) {
        double m = 0;
        for (int j = 0; j < d; j++) {
            m = Math.max(m, 3 * x[off + j] * x[off + j]);
        }
        return m;
    }

    @Override
    public void hessianDiagonal(double[] x, int off, double[] out, int ooff) {
        for (int j = 0; j < d; j++) {
            out[ooff + j] = 3 * x[off + j] * x[off + j];
        }
    }

    @Override public boolean separable() { return true; }

    @Override public double minValue() { return 0; }

    @Override public Smoothness smoothness() { return new Smoothness(4, 1); }

    @Override public String describe() { return "quartic(d=" + d + ")"; }
}
