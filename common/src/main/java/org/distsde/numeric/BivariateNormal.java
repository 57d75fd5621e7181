package org.distsde.numeric;

import org.apache.commons.numbers.gamma.Erfc;

/**
 * The bivariate standard normal CDF Φ₂(h, k; ρ) = P(X &lt; h, Y &lt; k), (X, Y) standard normal
 * with correlation ρ, by Genz's method (A. Genz, "Numerical computation of rectangular bivariate
 * and trivariate normal and t probabilities", Statistics and Computing 14, 2004; his Fortran
 * BVND): for |ρ| &lt; 0.925 the Drezner–Wesolowsky integral over θ = asin(ρ)·u of
 * exp((sin θ·hk − (h² + k²)/2)/cos²θ), added to Φ(h)Φ(k); for |ρ| ≥ 0.925 the integral in
 * √(1 − ρ²) with its leading asymptotic terms taken out. Gauss–Legendre with 6, 12 or 20 nodes
 * for |ρ| &lt; 0.3, &lt; 0.75, else; about 1e-15 absolute accuracy.
 *
 * <p>The nodes are computed once (Newton on the Legendre polynomials), not typed in. An instance
 * fixes ρ and keeps the ρ-dependent factors of the |ρ| &lt; 0.925 branch (the DSignSGD covariance
 * evaluates Φ₂ at one ρ per coordinate pair, many times). Immutable and thread-safe.
 */
public final class BivariateNormal implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final double TWO_PI = 2 * Math.PI;
    /** Half of the symmetric Gauss–Legendre rule with 6, 12, 20 nodes: the negative nodes and their weights. */
    private static final double[][] X = new double[3][];
    private static final double[][] W = new double[3][];

    static {
        final int[] n = {6, 12, 20};
        for (int g = 0; g < 3; g++) {
            final double[][] xw = gaussLegendre(n[g]);
            X[g] = xw[0];
            W[g] = xw[1];
        }
    }

    private final double r;
    private final int ng;
    /** |ρ| &lt; 0.925: sin(asin(ρ)(1 ± x)/2) per node, and 1/(1 − sin²) per node (both halves). */
    private final double[] sn;
    private final double[] inv;
    private final double asr;

    private BivariateNormal(double r) {
        if (!(r >= -1 && r <= 1)) {
            throw new IllegalArgumentException("correlation must be in [-1, 1] (got " + r + ")");
        }
        this.r = r;
        final double a = Math.abs(r);
        this.ng = a < 0.3 ? 0 : a < 0.75 ? 1 : 2;
        if (a < 0.925) {
            final double[] x = X[ng];
            asr = Math.asin(r);
            sn = new double[2 * x.length];
            inv = new double[2 * x.length];
            for (int i = 0; i < x.length; i++) {
                sn[2 * i] = Math.sin(asr * (x[i] + 1) / 2);
                sn[2 * i + 1] = Math.sin(asr * (-x[i] + 1) / 2);
            }
            for (int i = 0; i < sn.length; i++) {
                inv[i] = 1 / (1 - sn[i] * sn[i]);
            }
        } else {
            asr = Double.NaN;
            sn = null;
            inv = null;
        }
    }

    /** Φ₂(·, ·; ρ) at a fixed ρ ∈ [−1, 1]. */
    public static BivariateNormal of(double rho) {
        return new BivariateNormal(rho);
    }

    /** Φ₂(h, k; ρ) = P(X &lt; h, Y &lt; k). */
    public static double cdf(double h, double k, double rho) {
        return of(rho).cdf(h, k);
    }

    public double rho() {
        return r;
    }

    /** Φ₂(h, k; ρ); ±∞ arguments are allowed. */
    public double cdf(double h, double k) {
        if (Double.isNaN(h) || Double.isNaN(k)) {
            return Double.NaN;
        }
        if (h == Double.NEGATIVE_INFINITY || k == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        if (h == Double.POSITIVE_INFINITY) {
            return phi(k);
        }
        if (k == Double.POSITIVE_INFINITY) {
            return phi(h);
        }
        return upper(-h, -k); // P(X < h, Y < k) = P(−X > −h, −Y > −k), (−X, −Y) has correlation ρ too
    }

    /** Genz's BVND: P(X &gt; dh, Y &gt; dk). */
    private double upper(double dh, double dk) {
        final double[] x = X[ng], w = W[ng];
        final int lg = x.length;
        double h = dh, k = dk, hk = h * k;
        double bvn = 0;
        if (sn != null) { // |ρ| < 0.925
            final double hs = (h * h + k * k) / 2;
            for (int i = 0; i < lg; i++) {
                bvn += w[i] * (Math.exp((sn[2 * i] * hk - hs) * inv[2 * i])
                        + Math.exp((sn[2 * i + 1] * hk - hs) * inv[2 * i + 1]));
            }
            return bvn * asr / (2 * TWO_PI) + phi(-h) * phi(-k);
        }
        if (r < 0) {
            k = -k;
            hk = -hk;
        }
        if (Math.abs(r) < 1) {
            final double as = (1 - r) * (1 + r);
            double a = Math.sqrt(as);
            final double bs = (h - k) * (h - k);
            final double c = (4 - hk) / 8;
            final double d = (12 - hk) / 16;
            bvn = a * Math.exp(-(bs / as + hk) / 2) * (1 - c * (bs - as) * (1 - d * bs / 5) / 3 + c * d * as * as / 5);
            if (hk > -160) {
                final double b = Math.sqrt(bs);
                bvn -= Math.exp(-hk / 2) * Math.sqrt(TWO_PI) * phi(-b / a) * b * (1 - c * bs * (1 - d * bs / 5) / 3);
            }
            a /= 2;
            for (int i = 0; i < lg; i++) {
                double xs = a * (x[i] + 1);
                xs *= xs;
                double rs = Math.sqrt(1 - xs);
                bvn += a * w[i] * (Math.exp(-bs / (2 * xs) - hk / (1 + rs)) / rs
                        - Math.exp(-(bs / xs + hk) / 2) * (1 + c * xs * (1 + d * xs)));
                xs = as * (-x[i] + 1) * (-x[i] + 1) / 4;
                rs = Math.sqrt(1 - xs);
                bvn += a * w[i] * Math.exp(-(bs / xs + hk) / 2)
                        * (Math.exp(-hk * (1 - rs) / (2 * (1 + rs))) / rs - (1 + c * xs * (1 + d * xs)));
            }
            bvn = -bvn / TWO_PI;
        }
        if (r > 0) {
            bvn += phi(-Math.max(h, k));
        } else {
            bvn = -bvn + Math.max(0, phi(-h) - phi(-k));
        }
        return bvn;
    }

    /** The standard normal CDF Φ. */
    public static double phi(double z) {
        return 0.5 * Erfc.value(-z / Math.sqrt(2));
    }

    /**
     * The n-point Gauss–Legendre rule on [−1, 1], its ⌈n/2⌉ non-positive nodes (ascending) and their
     * weights (the rule is symmetric), by Newton's method on Pₙ from the Chebyshev guesses.
     */
    static double[][] gaussLegendre(int n) {
        final int m = (n + 1) / 2;
        final double[] x = new double[m];
        final double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p1 = 1, p2 = 0;
                for (int j = 1; j <= n; j++) { // (j)P_j = (2j − 1)zP_{j−1} − (j − 1)P_{j−2}
                    final double p3 = p2;
                    p2 = p1;
                    p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
                }
                dp = n * (z * p1 - p2) / (z * z - 1);
                final double dz = p1 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) {
                    break;
                }
            }
            x[i] = -z;
            w[i] = 2 / ((1 - z * z) * dp * dp);
        }
        return new double[][] {x, w};
    }
}
