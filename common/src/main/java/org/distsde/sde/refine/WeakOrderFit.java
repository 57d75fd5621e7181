package org.distsde.sde.refine;

import java.io.Serializable;

/**
 * The weak order p fitted to differences between consecutive coupled levels, the way
 * DifferentialEquations.jl's {@code test_convergence} fits it: D_ℓ = E[φ(X^{Δt_ℓ})] −
 * E[φ(X^{Δt_ℓ/2})] ≈ C·Δt_ℓ^p (1 − 2^{−p}) when the weak error is C·Δt^p, so log|D_ℓ| is
 * linear in log Δt_ℓ with slope p. Weighted least squares with weights 1/Var(log|D_ℓ|) ≈
 * (D_ℓ/SE_ℓ)² (delta method); the slope's standard error follows from the weights, and the
 * confidence interval is slope ± z·SE (z = 1.96, 95%).
 *
 * @param order   fitted p (NaN with fewer than two usable differences)
 * @param se      its standard error (NaN when the differences carry no standard errors)
 * @param lo      lower end of the 95% interval
 * @param hi      upper end
 * @param points  differences used
 */
public record WeakOrderFit(double order, double se, double lo, double hi, int points) implements Serializable {
    public static final double Z95 = 1.959963984540054;

    /**
     * @param dt   Δt_ℓ of each difference (the coarser step of the pair)
     * @param diff D_ℓ
     * @param se   standard error of D_ℓ (NaN or 0: unweighted)
     */
    public static WeakOrderFit of(double[] dt, double[] diff, double[] se) {
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        boolean weighted = true;
        for (int i = 0; i < dt.length; i++) {
            if (!(Math.abs(diff[i]) > 0) || !Double.isFinite(diff[i])) {
                continue;
            }
            n++;
            if (!(se[i] > 0)) {
                weighted = false;
            }
        }
        if (n < 2) {
            return new WeakOrderFit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, n);
        }
        for (int i = 0; i < dt.length; i++) {
            if (!(Math.abs(diff[i]) > 0) || !Double.isFinite(diff[i])) {
                continue;
            }
            final double x = Math.log(dt[i]);
            final double y = Math.log(Math.abs(diff[i]));
            final double rel = weighted ? se[i] / Math.abs(diff[i]) : 1;
            final double w = 1 / (rel * rel);
            sw += w;
            sx += w * x;
            sy += w * y;
            sxx += w * x * x;
            sxy += w * x * y;
        }
        final double det = sw * sxx - sx * sx;
        final double slope = (sw * sxy - sx * sy) / det;
        final double s = weighted ? Math.sqrt(sw / det) : Double.NaN;
        return new WeakOrderFit(slope, s, slope - Z95 * s, slope + Z95 * s, n);
    }

    /** True when [lo, hi] is finite and lies inside [a, b]. */
    public boolean within(double a, double b) {
        return lo >= a && hi <= b;
    }
}
