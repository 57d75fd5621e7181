package org.distsde.testing;

/**
 * The sample covariance of n vectors in R^d with the standard error of each entry, for tests
 * against closed forms: entry (j, k) is the mean of (xⱼ − μⱼ)(xₖ − μₖ), μ the known mean (or the
 * sample mean), and its standard error is √(Var̂[(xⱼ − μⱼ)(xₖ − μₖ)]/n) with the variance of the
 * products estimated from the same samples (no Gaussian assumption: it serves sign vectors too).
 */
public final class SampleCovariance {
    private final int d;
    private final long n;
    private final double[] cov;
    private final double[] se;

    private SampleCovariance(int d, long n, double[] cov, double[] se) {
        this.d = d;
        this.n = n;
        this.cov = cov;
        this.se = se;
    }

    /**
     * @param xs   the samples, flat [i·d + j]
     * @param mean the known mean (d values), or null for the sample mean
     */
    public static SampleCovariance of(double[] xs, int n, int d, double[] mean) {
        final double[] mu = new double[d];
        if (mean != null) {
            System.arraycopy(mean, 0, mu, 0, d);
        } else {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    mu[j] += xs[i * d + j] / n;
                }
            }
        }
        final double[] s = new double[d * d], s2 = new double[d * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                final double a = xs[i * d + j] - mu[j];
                for (int k = 0; k < d; k++) {
                    final double p = a * (xs[i * d + k] - mu[k]);
                    s[j * d + k] += p;
                    s2[j * d + k] += p * p;
                }
            }
        }
        final double[] cov = new double[d * d], se = new double[d * d];
        for (int q = 0; q < d * d; q++) {
            cov[q] = s[q] / n;
            se[q] = Math.sqrt(Math.max(0, s2[q] / n - cov[q] * cov[q]) / n);
        }
        return new SampleCovariance(d, n, cov, se);
    }

    public double cov(int j, int k) { return cov[j * d + k]; }

    public double se(int j, int k) { return se[j * d + k]; }

    public long samples() { return n; }

    /**
     * max over entries of |estimate − expected| / √(se² + extra²) ({@code extra}, flat d×d or null:
     * the standard error of an expected value that is itself estimated).
     */
    public double maxZ(double[] expected, double[] extra) {
        double z = 0;
        for (int q = 0; q < d * d; q++) {
            final double e = extra == null ? 0 : extra[q];
            z = Math.max(z, Math.abs(cov[q] - expected[q]) / Math.max(1e-300, Math.sqrt(se[q] * se[q] + e * e)));
        }
        return z;
    }

    public double maxZ(double[] expected) {
        return maxZ(expected, null);
    }

    /** The estimate as a flat d×d array. */
    public double[] matrix() {
        return cov.clone();
    }
}
