package org.distsde.fit;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import org.distsde.objective.Objective;
import org.distsde.objective.Smoothness;
import org.distsde.theory.DefinitionOneCheck;
import org.distsde.theory.TheoremChecker;

/**
 * An (L0, L1) pair of Definition 1, ‖∇²f(x)‖ ≤ L0 + L1‖∇f(x)‖, estimated along the fit points:
 * from the K pairs (g_t, h_t) = (‖∇f(x_t)‖, ‖∇²f(x_t)‖) ({@link Objective#hessianNorm}).
 *
 * <p><b>Rule.</b> The upper envelope of the points is their upper convex hull; L1 is the
 * least-squares slope of a line through its vertices (at least 0), L0 = maxₜ(h_t − L1g_t), the
 * smallest value covering every point (at least 0). One vertex (all g_t equal): L1 = 0,
 * L0 = maxₜ h_t. The pair holds at every point by construction; a sample cannot show it holds
 * elsewhere. Definition 1 admits a family of pairs (on x⁴/4 every L0 = 4/L1²); the hull's slope
 * picks the one whose line follows the growth of ‖∇²f‖ with ‖∇f‖ over the range the trajectory
 * visits: on Σcosh xⱼ, h = √(1 + g²), the hull is the chord and the pair tends to (1, 1) as the
 * range grows; on a quadratic it is (‖H‖, 0).
 *
 * <p><b>Uncertainty.</b> The g_t and h_t are exact; what is uncertain is which points the
 * trajectory happened to visit. The interval is the range of the estimates with one point left
 * out (jackknife, K estimates; widened to contain the full-sample estimate; labelled
 * {@link Estimated#RANGE}: a sensitivity range, not a 95% interval), the SE the jackknife's
 * √((K − 1)/K·Σ(θ₋ₜ − θ̄)²). A bootstrap over the points would be the textbook choice, but its
 * resamples that miss the largest-‖∇f‖ points estimate over a shorter range, and where ‖∇²f‖ grows
 * like a power of ‖∇f‖ below 1 (x⁴/4: h = 3(g)^{2/3}) the slope over a shorter range near 0 is
 * unboundedly larger: its upper percentile measured that, not the fit.
 *
 * <p>The estimated pair is also run through {@link DefinitionOneCheck} (the sampled check of the
 * theorem checks, {@link TheoremChecker#DEFINITION_ONE_SAMPLES} points around x0 and 0), which
 * can refute it away from the trajectory.
 */
public final class SmoothnessFit {
    private SmoothnessFit() { }

    /**
     * The estimate. {@code gradNorm}, {@code hessianNorm}: the points; {@code maxRatio}:
     * maxₜ h_t/(L0 + L1g_t) at the estimate (≤ 1); {@code sampled}: Definition 1 with the estimated pair
     * on the sampled points; {@code configured}: the config's or the objective's closed-form pair (null if none).
     */
    public record Result(Estimated l0, Estimated l1, double[] gradNorm, double[] hessianNorm,
                         double maxRatio, DefinitionOneCheck.Result sampled, Smoothness configured)
            implements Serializable {
        public Result {
            gradNorm = gradNorm.clone();
            hessianNorm = hessianNorm.clone();
        }

        @Override public double[] gradNorm() { return gradNorm.clone(); }

        @Override public double[] hessianNorm() { return hessianNorm.clone(); }
    }

    /** Estimates (L0, L1) at the points; x0 and the seed are those of the config. */
    public static Result of(Objective f, FitPoints pts, double[] x0, long seed, Smoothness configured) {
        final int k = pts.size();
        final double[] g = new double[k], h = new double[k];
        final double[] grad = new double[f.dim()];
        for (int t = 0; t < k; t++) {
            final double[] x = pts.point(t);
            g[t] = Math.sqrt(f.gradient(x, 0, grad, 0));
            h[t] = f.hessianNorm(x, 0);
        }
        final double[] est = envelope(g, h);
        final double[] l0s = new double[k], l1s = new double[k];
        final double[] jg = new double[k - 1], jh = new double[k - 1];
        for (int out = 0; out < k; out++) {
            for (int t = 0, q = 0; t < k; t++) {
                if (t != out) {
                    jg[q] = g[t];
                    jh[q++] = h[t];
                }
            }
            final double[] e = envelope(jg, jh);
            l0s[out] = e[0];
            l1s[out] = e[1];
        }
        final String method = String.format(Locale.ROOT, "L1: least-squares slope through the upper convex hull of "
                + "(|grad f|, |hess f|) at the %d points, L0: the smallest covering them all; interval: the range "
                + "with one point left out (jackknife), SE: jackknife", k);
        final Estimated l0 = jackknife(est[0], l0s, method);
        final Estimated l1 = jackknife(est[1], l1s, method);
        double worst = 0;
        for (int t = 0; t < k; t++) {
            final double rhs = est[0] + est[1] * g[t];
            worst = Math.max(worst, rhs > 0 ? h[t] / rhs : h[t] > 0 ? Double.POSITIVE_INFINITY : 0);
        }
        final DefinitionOneCheck.Result sampled = DefinitionOneCheck.check(f, est[0], est[1], x0,
                DefinitionOneCheck.samplesFor(f), seed);
        return new Result(l0, l1, g, h, worst, sampled, configured);
    }

    /** {L0, L1} of the rule in the class comment. */
    static double[] envelope(double[] g, double[] h) {
        final int k = g.length;
        final Integer[] idx = new Integer[k];
        double hmax = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < k; t++) {
            idx[t] = t;
            hmax = Math.max(hmax, h[t]);
        }
        Arrays.sort(idx, (p, q) -> g[p] != g[q] ? Double.compare(g[p], g[q]) : Double.compare(h[q], h[p]));
        // upper hull, left to right (one point per abscissa: the highest, which the sort puts first)
        final double[] hx = new double[k], hy = new double[k];
        int n = 0;
        for (int i = 0; i < k; i++) {
            final double px = g[idx[i]], py = h[idx[i]];
            if (n > 0 && hx[n - 1] == px) {
                continue;
            }
            while (n >= 2 && (hx[n - 1] - hx[n - 2]) * (py - hy[n - 2]) - (hy[n - 1] - hy[n - 2]) * (px - hx[n - 2]) >= 0) {
                n--; // the middle point is on or below the chord: not a vertex of the upper hull
            }
            hx[n] = px;
            hy[n] = py;
            n++;
        }
        if (n < 2) {
            return new double[] {Math.max(0, hmax), 0};
        }
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += hx[i];
            my += hy[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (hx[i] - mx) * (hy[i] - my);
            sxx += (hx[i] - mx) * (hx[i] - mx);
        }
        final double l1 = Math.max(0, sxy / sxx);
        double l0 = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < k; t++) {
            l0 = Math.max(l0, h[t] - l1 * g[t]);
        }
        return new double[] {Math.max(0, l0), l1};
    }

    private static Estimated jackknife(double est, double[] loo, String method) {
        final int k = loo.length;
        double mean = 0, lo = est, hi = est;
        for (double v : loo) {
            mean += v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        mean /= k;
        double ss = 0;
        for (double v : loo) {
            ss += (v - mean) * (v - mean);
        }
        return new Estimated(est, Math.sqrt((k - 1.0) / k * ss), lo, hi, method, Estimated.RANGE);
    }
}
