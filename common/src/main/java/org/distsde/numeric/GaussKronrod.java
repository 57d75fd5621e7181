package org.distsde.numeric;

import java.util.function.DoubleUnaryOperator;

/**
 * Globally adaptive Gauss–Kronrod quadrature: the 7-point Gauss / 15-point Kronrod pair of
 * QUADPACK's QK15 (Piessens, de Doncker-Kapenga, Überhuber and Kahaner, 1983) in the QAG scheme.
 * The integral starts on a caller-given partition (so that the caller can put break points where
 * it knows the integrand to change quickly); the subinterval with the largest error estimate
 * (QK15's: |K15 − G7| rescaled by the integrand's variation, see {@link #rule}) is bisected until
 * the estimates add up to at most max(absTol, relTol·|I|) or the interval budget is spent. The
 * estimate is a heuristic: GaussKronrodTest measures how it does on a sharp peak.
 *
 * <p>Intervals live in primitive arrays; the integrand is a {@link DoubleUnaryOperator} (no boxing).
 */
public final class GaussKronrod {
    /** Kronrod abscissae on [−1, 1] (x[1], x[3], x[5], x[7] = 0 are the Gauss abscissae). */
    private static final double[] XGK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.000000000000000000000000000000000};
    /** Kronrod weights. */
    private static final double[] WGK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    /** Gauss weights of XGK[1], XGK[3], XGK[5], XGK[7]. */
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    private static final double EPS = Math.ulp(1.0);

    private GaussKronrod() { }

    /**
     * ∫ f over [breaks[0], breaks[n − 1]], starting from the n − 1 intervals between consecutive
     * (increasing) break points.
     *
     * @param maxIntervals the most subintervals ever held (at least n − 1)
     */
    public static double integrate(DoubleUnaryOperator f, double[] breaks, int n, double relTol, double absTol,
                                   int maxIntervals) {
        final int cap = Math.max(maxIntervals, n - 1);
        final double[] lo = new double[cap];
        final double[] hi = new double[cap];
        final double[] val = new double[cap];
        final double[] err = new double[cap];
        final double[] ke = new double[2];
        int m = 0;
        double total = 0, totalErr = 0;
        for (int i = 0; i + 1 < n; i++) {
            if (!(breaks[i + 1] > breaks[i])) {
                continue;
            }
            rule(f, breaks[i], breaks[i + 1], ke);
            lo[m] = breaks[i];
            hi[m] = breaks[i + 1];
            val[m] = ke[0];
            err[m] = ke[1];
            total += ke[0];
            totalErr += ke[1];
            m++;
        }
        while (totalErr > Math.max(absTol, relTol * Math.abs(total)) && m < cap) {
            int worst = 0;
            for (int i = 1; i < m; i++) {
                if (err[i] > err[worst]) {
                    worst = i;
                }
            }
            final double a = lo[worst], b = hi[worst];
            final double mid = 0.5 * (a + b);
            if (!(mid > a && mid < b)) { // no room left to bisect: accept this interval as it is
                err[worst] = 0;
                totalErr = sum(err, m);
                continue;
            }
            rule(f, a, mid, ke);
            final double v1 = ke[0], e1 = ke[1];
            rule(f, mid, b, ke);
            total += v1 + ke[0] - val[worst];
            hi[worst] = mid;
            val[worst] = v1;
            err[worst] = e1;
            lo[m] = mid;
            hi[m] = b;
            val[m] = ke[0];
            err[m] = ke[1];
            m++;
            totalErr = sum(err, m);
        }
        return sum(val, m); // re-added: the running total carries the rounding of every update
    }

    /** ∫ f over [a, b]. */
    public static double integrate(DoubleUnaryOperator f, double a, double b, double relTol, double absTol,
                                   int maxIntervals) {
        return integrate(f, new double[] {a, b}, 2, relTol, absTol, maxIntervals);
    }

    /**
     * K15 of ∫ f over [a, b] into out[0] and its error estimate into out[1], as QUADPACK's QK15:
     * |K15 − G7| scaled by the variation of f, ρ·min(1, (200|K15 − G7|/ρ)^{3/2}) with
     * ρ = ∫|f − mean f| by the Kronrod rule, and at least 50 ulps of ∫|f|.
     */
    static void rule(DoubleUnaryOperator f, double a, double b, double[] out) {
        final double c = 0.5 * (a + b), h = 0.5 * (b - a);
        final double fc = f.applyAsDouble(c);
        final double[] lo = new double[7], up = new double[7];
        double k = WGK[7] * fc;
        double g = WG[3] * fc;
        double abs = WGK[7] * Math.abs(fc);
        for (int j = 0; j < 7; j++) {
            final double dx = h * XGK[j];
            lo[j] = f.applyAsDouble(c - dx);
            up[j] = f.applyAsDouble(c + dx);
            final double s = lo[j] + up[j];
            k += WGK[j] * s;
            abs += WGK[j] * (Math.abs(lo[j]) + Math.abs(up[j]));
            if ((j & 1) == 1) {
                g += WG[j >> 1] * s;
            }
        }
        final double mean = 0.5 * k; // the Kronrod weights add up to 2
        double asc = WGK[7] * Math.abs(fc - mean);
        for (int j = 0; j < 7; j++) {
            asc += WGK[j] * (Math.abs(lo[j] - mean) + Math.abs(up[j] - mean));
        }
        final double ah = Math.abs(h);
        asc *= ah;
        abs *= ah;
        double err = Math.abs((k - g) * h);
        if (asc != 0 && err != 0) {
            err = asc * Math.min(1, Math.pow(200 * err / asc, 1.5));
        }
        if (abs > Double.MIN_NORMAL / (50 * EPS)) {
            err = Math.max(50 * EPS * abs, err);
        }
        out[0] = k * h;
        out[1] = err;
    }

    private static double sum(double[] v, int m) {
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += v[i];
        }
        return s;
    }
}
