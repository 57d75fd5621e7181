package org.distsde.objective;

/**
 * f(x) = Σⱼ cosh(xⱼ), f* = d: (L0, L1) = (1, 1)-smooth but not L-smooth, since
 * ‖∇²f‖ = maxⱼ cosh xⱼ ≤ 1 + maxⱼ |sinh xⱼ| ≤ 1 + ‖∇f‖.
 */
public final class CoshSum implements Objective {
    private static final long serialVersionUID = 1L;
    private final int d;

    public CoshSum(int d) {
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
            s += Math.cosh(x[off + j]);
        }
        return s;
    }

    @Override
    public double gradient(double[] x, int off, double[] g, int goff) {
        double n2 = 0;
        for (int j = 0; j < d; j++) {
            final double gj = Math.sinh(x[off + j]);
            g[goff + j] = gj;
            n2 += gj * gj;
        }
        return n2;
    }

    @Override
    public void gradients(double[] x, int n, double[] g, double[] gn2) {
        final int nd = n * d;
        for (int q = 0; q < nd; q++) {
            g[q] = Math.sinh(x[q]);
        }
        Flat.sumsOfSquares(g, n, d, gn2);
    }

    @Override
    public double hessianNorm(double[] x, int off) {
        double m = 0;
        for (int j = 0; j < d; j++) {
            m = Math.max(m, Math.cosh(x[off + j]));
        }
        return m;
    }

    @Override
    public void hessianDiagonal(double[] x, int off, double[] out, int ooff) {
        for (int j = 0; j < d; j++) {
            out[ooff + j] = Math.cosh(x[off + j]);
        }
    }

    @Override public boolean separable() { return true; }

    @Override public double minValue() { return d; }

    @Override public Smoothness smoothness() { return new Smoothness(1, 1); }

    @Override public String describe() { return "cosh(d=" + d + ")"; }
}
