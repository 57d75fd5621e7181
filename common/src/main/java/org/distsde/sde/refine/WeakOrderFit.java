package org.distsde.sde.refine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The weak order p fitted to differences between consecutive coupled levels, the way
 * DifferentialEquations.jl's {@code test_convergence} fits it: D_ℓ = E[φ(X^{Δt_ℓ})] −
 * E[φ(X^{Δt_ℓ/2})] ≈ C·Δt_ℓ^p (1 − 2^{−p}) when the weak error is C·Δt^p, so log|D_ℓ| is
 * linear in log Δt_ℓ with slope p. Weighted least squares with weights 1/Var(log|D_ℓ|) ≈
 * (D_ℓ/SE_ℓ)² (delta method).
 *
 * <p><b>Goodness of fit.</b> With n ≥ 3 differences the weighted residual sum of squares
 * χ² = Σw(log|D| − â − p̂ log Δt)² is χ²(n − 2) when the differences behave like C·Δt^p within their
 * Monte Carlo errors; {@code pValue} is its upper tail. The slope's standard error is the weights'
 * one, multiplied by √(χ²/(n − 2)) when that exceeds 1 (the Birge ratio: scatter beyond the Monte
 * Carlo errors widens the interval instead of being ignored), and the 95% interval is
 * slope ± 1.96·SE.
 *
 * <p><b>Asymptotic regime.</b> {@code asymptotic} is true only when the fit can be trusted as an
 * order: at least three differences, all of one sign, each more than 2 SE away from 0 (log|D| is
 * not normal near 0), none carrying more than 90% of the total weight (one level dominating), and
 * no χ² rejection at 1% that matters: a rejection counts when the local orders
 * log(D_ℓ/D_{ℓ+1})/log(Δt_ℓ/Δt_{ℓ+1}) of consecutive differences spread by more than
 * {@link #LOCAL_ORDER_SPREAD} (very precise coupled differences detect the O(Δt) curvature of a power
 * law that is already there to 0.01 in its order; the p-value and the widened interval report it).
 * Otherwise {@code regime} says why, and the order describes the levels integrated, not the scheme.
 *
 * @param order      fitted p (NaN with fewer than two usable differences)
 * @param se         its standard error (NaN when the differences carry no standard errors)
 * @param lo         lower end of the 95% interval
 * @param hi         upper end
 * @param points     differences used
 * @param chi2       weighted residual sum of squares (NaN below three weighted points)
 * @param df         n − 2
 * @param pValue     P(χ²(df) ≥ chi2)
 * @param asymptotic the differences behave like C·Δt^p (see above)
 * @param regime     empty when asymptotic, else the reasons
 */
public record WeakOrderFit(double order, double se, double lo, double hi, int points, double chi2, int df,
                           double pValue, boolean asymptotic, String regime) implements Serializable {
    public static final double Z95 = 1.959963984540054;
    /** Goodness-of-fit level below which the differences are not one power law. */
    static final double GOF_LEVEL = 0.01;
    /** Largest share of the total weight one difference may carry. */
    static final double MAX_WEIGHT_SHARE = 0.9;
    /** Spread of the local orders above which a rejected fit is not in the asymptotic regime. */
    public static final double LOCAL_ORDER_SPREAD = 0.1;

    /** Backwards-compatible five-value form (no goodness of fit). */
    public WeakOrderFit(double order, double se, double lo, double hi, int points) {
        this(order, se, lo, hi, points, Double.NaN, points - 2, Double.NaN, false, "");
    }

    /**
     * @param dt   Δt_ℓ of each difference (the coarser step of the pair)
     * @param diff D_ℓ
     * @param se   standard error of D_ℓ (NaN or 0: unweighted)
     */
    public static WeakOrderFit of(double[] dt, double[] diff, double[] se) {
        int n = 0, pos = 0, neg = 0;
        boolean weighted = true;
        final List<String> why = new ArrayList<>();
        for (int i = 0; i < dt.length; i++) {
            if (!(Math.abs(diff[i]) > 0) || !Double.isFinite(diff[i])) {
                continue;
            }
            n++;
            pos += diff[i] > 0 ? 1 : 0;
            neg += diff[i] < 0 ? 1 : 0;
            if (!(se[i] > 0)) {
                weighted = false;
            } else if (Math.abs(diff[i]) <= 2 * se[i]) {
                why.add(String.format(Locale.ROOT, "the difference at dt = %.4g is within 2 SE of 0", dt[i]));
            }
        }
        if (n < 2) {
            return new WeakOrderFit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, n, Double.NaN, n - 2, Double.NaN,
                    false, "fewer than two nonzero differences");
        }
        if (pos > 0 && neg > 0) {
            why.add(0, "the differences change sign");
        }
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, wmax = 0;
        final double[] xs = new double[n], ys = new double[n], ws = new double[n];
        for (int i = 0, q = 0; i < dt.length; i++) {
            if (!(Math.abs(diff[i]) > 0) || !Double.isFinite(diff[i])) {
                continue;
            }
            final double x = Math.log(dt[i]);
            final double y = Math.log(Math.abs(diff[i]));
            final double rel = weighted ? se[i] / Math.abs(diff[i]) : 1;
            final double w = 1 / (rel * rel);
            xs[q] = x;
            ys[q] = y;
            ws[q++] = w;
            wmax = Math.max(wmax, w);
            sw += w;
            sx += w * x;
            sy += w * y;
            sxx += w * x * x;
            sxy += w * x * y;
        }
        final double det = sw * sxx - sx * sx;
        final double slope = (sw * sxy - sx * sy) / det;
        final double icept = (sy - slope * sx) / sw;
        double s = weighted ? Math.sqrt(sw / det) : Double.NaN;
        double chi2 = Double.NaN, p = Double.NaN;
        final int df = n - 2;
        if (weighted && df >= 1) {
            chi2 = 0;
            for (int i = 0; i < n; i++) {
                final double r = ys[i] - icept - slope * xs[i];
                chi2 += ws[i] * r * r;
            }
            p = ChiSquaredDistribution.of(df).survivalProbability(chi2);
            s *= Math.sqrt(Math.max(1, chi2 / df));
            final double spread = localOrderSpread(xs, ys, n);
            if (p < GOF_LEVEL && spread > LOCAL_ORDER_SPREAD) {
                why.add(String.format(Locale.ROOT, "log|D| is not linear in log dt (chi2 = %.3g, df = %d, p = %.2g; "
                        + "local orders spread by %.2g)", chi2, df, p, spread));
            }
        } else if (df < 1) {
            why.add("two differences: no goodness of fit, the regime cannot be checked");
        } else {
            why.add("no standard errors: the fit cannot be tested");
        }
        if (weighted && n >= 2 && wmax / sw > MAX_WEIGHT_SHARE) {
            why.add(String.format(Locale.ROOT, "one level carries %.0f%% of the weight", 100 * wmax / sw));
        }
        return new WeakOrderFit(slope, s, slope - Z95 * s, slope + Z95 * s, n, chi2, df, p, why.isEmpty(),
                String.join("; ", why));
    }

    /** max − min of the slopes between consecutive points (xs ascending or descending). */
    static double localOrderSpread(double[] xs, double[] ys, int n) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i + 1 < n; i++) {
            final double slope = (ys[i] - ys[i + 1]) / (xs[i] - xs[i + 1]);
            lo = Math.min(lo, slope);
            hi = Math.max(hi, slope);
        }
        return hi - lo;
    }

    /** True when [lo, hi] is finite and lies inside [a, b]. */
    public boolean within(double a, double b) {
        return lo >= a && hi <= b;
    }

    /** "0.98 [0.95, 1.01]" with the regime's caveat when not asymptotic. */
    public String text() {
        final String f = String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", order, lo, hi);
        return asymptotic ? f : f + " (not in the asymptotic regime: " + regime + ")";
    }
}
