package org.distsde.noise;

import java.util.function.DoubleUnaryOperator;
import org.distsde.numeric.GaussKronrod;

/**
 * The distribution function of the symmetric α-stable law S(α, 0, 1; 0) — characteristic function
 * exp(−|t|^α) — for α ≠ 1, from the integral representation of Nolan (1997), "Numerical
 * calculation of stable densities and distribution functions", Theorem 1 with β = 0 (so ζ = 0 and
 * θ₀ = 0): for x &gt; 0, with
 * <pre>
 *   g(θ) = x^{α/(α−1)} V(θ),   V(θ) = (cos θ / sin αθ)^{α/(α−1)} · cos((α−1)θ) / cos θ,   θ ∈ (0, π/2),
 *   F(x) = c₁ + sign(1 − α)/π · ∫₀^{π/2} exp(−g(θ)) dθ,   c₁ = 1/2 (α &lt; 1), 1 (α &gt; 1).
 * </pre>
 * With A = (1/π)∫ e^{−g} and B = (1/π)∫ (1 − e^{−g}) = 1/2 − A: for α &gt; 1 the tail
 * P(X &gt; x) is A and the centre F(x) − 1/2 is B; for α &lt; 1 the other way round. Each is
 * integrated directly (−expm1 for B), so a small tail or a small centre keeps its relative
 * accuracy instead of being the difference of two numbers near 1/2.
 *
 * <p>Numerics (Nolan's remarks: g is monotone in θ, the integrand changes from 0 to 1 where
 * g = 1, sharply when α is near 1 or x is extreme): the integral is taken in w = ln v, where v is
 * θ for the centre and π/2 − θ for the tail (the variable that is small where the mass is, so that
 * cos θ = sin(π/2 − θ) and sin αθ are computed without cancellation). The point w* where
 * g = 1 (within a factor e^{±1/2}) is found by the Illinois method; the integration interval is cut
 * there and at geometrically growing distances from it, starting at the distance over which ln g
 * changes by 1, and the pieces go to {@link GaussKronrod}. Where the integrand has become
 * negligible (below 1e-20 of a lower bound of the integral near w*) the cutting stops; where it
 * tends to 1 as v → 0 the rest ∫₀^v 1 dv is added in closed form.
 */
final class NolanIntegral {
    private static final double HALF_PI = Math.PI / 2;
    private static final double QUARTER_PI = Math.PI / 4;
    /** Lowest ln v used (v = 1e-304, normal, also after multiplying by α ≥ 1e-3). */
    private static final double W_MIN = -700;
    private static final double W_TOP = Math.log(HALF_PI);
    /** The root search stays below v = π/2, where ln g is infinite. */
    private static final double W_ROOT_TOP = Math.log(HALF_PI * (1 - 1e-12));
    private static final double REL_TOL = 1e-13;
    private static final double NEGLIGIBLE = 1e-20;
    private static final int EXTRA_INTERVALS = 600;

    private final double alpha;
    private final boolean above1;
    /** α/(α − 1). */
    private final double c;
    /** 1/(α − 1) = α/(α − 1) − 1. */
    private final double cm1;
    private final double am1;
    /** (2 − α)π/2: sin αθ = sin((2 − α)π/2 + α(π/2 − θ)), exact near θ = π/2 when α is near 2. */
    private final double shift;
    /** |α − 1| and (1 − |α − 1|)π/2: cos((α − 1)θ) = sin((1 − |α − 1|)π/2 + |α − 1|(π/2 − θ)). */
    private final double absAm1, cosShift;

    NolanIntegral(double alpha) {
        if (!(alpha > 0 && alpha <= 2) || alpha == 1) {
            throw new IllegalArgumentException("Nolan's integral needs alpha in (0, 2] without 1 (got " + alpha + ")");
        }
        this.alpha = alpha;
        this.above1 = alpha > 1;
        this.am1 = alpha - 1;
        this.c = alpha / am1;
        this.cm1 = 1 / am1;
        this.shift = (2 - alpha) * HALF_PI;
        this.absAm1 = Math.abs(am1);
        this.cosShift = (1 - absAm1) * HALF_PI;
    }

    /** F(x) − 1/2 = P(0 &lt; X ≤ x) for x &gt; 0. */
    double centre(double x) {
        return integral(x, false);
    }

    /** P(X &gt; x) for x &gt; 0. */
    double tail(double x) {
        return integral(x, true);
    }

    /** ln g at v, where v is θ (centre) or π/2 − θ (tail). */
    double logG(double v, boolean tail, double lnx) {
        final double other = Math.max(0, HALF_PI - v);
        final double theta = tail ? other : v;
        final double phi = tail ? v : other;
        final boolean near = theta > QUARTER_PI; // near π/2: from φ, without cancellation
        final double sinAlphaTheta = near && above1 ? Math.sin(shift + alpha * phi) : Math.sin(alpha * theta);
        final double cosAm1Theta = near ? Math.sin(cosShift + absAm1 * phi) : Math.cos(am1 * theta);
        // ln g = α/(α−1)·(ln x − ln sin αθ) + (1/(α−1))·ln cos θ + ln cos((α−1)θ), cos θ = sin φ
        return c * (lnx - Math.log(sinAlphaTheta)) + cm1 * Math.log(Math.sin(phi)) + Math.log(cosAm1Theta);
    }

    /** e^{−g} where that is the wanted integrand (the tail for α &gt; 1, the centre for α &lt; 1), else 1 − e^{−g}. */
    private static double integrand(double logG, boolean exp) {
        final double g = Math.exp(logG);
        return exp ? Math.exp(-g) : -Math.expm1(-g);
    }

    private double integral(double x, boolean tail) {
        final double lnx = Math.log(x);
        final boolean exp = tail == above1;
        final boolean gIncreasing = !above1 != tail; // in v
        final boolean hIncreasing = exp != gIncreasing;
        final DoubleUnaryOperator d = w -> logG(Math.exp(w), tail, lnx);
        final DoubleUnaryOperator h = w -> {
            final double v = Math.exp(w);
            return integrand(logG(v, tail, lnx), exp) * v; // dv = v dw
        };
        final double ws = split(d);
        final double delta = 1 / Math.max(1, slope(d, ws));
        // a lower bound of the integral over [w*, w* + δ] (or [w* − δ, w*]): h ≥ 0.01 there
        final double scale = 0.01 * Math.exp(ws - 1) * delta;

        double[] left = new double[32];
        int nl = 0;
        double p = ws, width = delta, rest = 0;
        while (p > W_MIN) {
            p = Math.max(W_MIN, p - width);
            width *= 2;
            left = push(left, nl++, p);
            final double v = Math.exp(p);
            final double bound = hIncreasing ? integrand(logG(v, tail, lnx), exp) * v : v;
            if (bound <= NEGLIGIBLE * scale) {
                break;
            }
        }
        if (!hIncreasing) {
            rest = Math.exp(p); // the integrand is 1 up to negligible terms on (0, e^p)
        }
        double[] right = new double[32];
        int nr = 0;
        p = ws;
        width = delta;
        while (p < W_TOP) {
            p = Math.min(W_TOP, p + width);
            width *= 2;
            right = push(right, nr++, p);
            if (!hIncreasing && p < W_TOP) {
                final double v = Math.exp(p);
                if (integrand(logG(v, tail, lnx), exp) * (HALF_PI - v) <= NEGLIGIBLE * scale) {
                    break;
                }
            }
        }
        final double[] breaks = new double[nl + 1 + nr];
        for (int i = 0; i < nl; i++) {
            breaks[i] = left[nl - 1 - i];
        }
        breaks[nl] = ws;
        System.arraycopy(right, 0, breaks, nl + 1, nr);
        final double q = GaussKronrod.integrate(h, breaks, breaks.length, REL_TOL, Double.MIN_NORMAL,
                breaks.length + EXTRA_INTERVALS);
        return (q + rest) / Math.PI;
    }

    /** A point where |ln g| &lt; 1/2 (Illinois method in w); an end of the range when ln g keeps its sign. */
    private static double split(DoubleUnaryOperator d) {
        double a = W_MIN, b = W_ROOT_TOP;
        double fa = d.applyAsDouble(a), fb = d.applyAsDouble(b);
        if (!((fa > 0) != (fb > 0)) || Double.isNaN(fa) || Double.isNaN(fb)) {
            return Math.abs(fa) < Math.abs(fb) ? a : b;
        }
        int side = 0;
        double w = a;
        for (int it = 0; it < 200 && b - a > 1e-13; it++) {
            w = (a * fb - b * fa) / (fb - fa);
            if (!(w > a && w < b)) {
                w = 0.5 * (a + b);
            }
            final double fw = d.applyAsDouble(w);
            if (Math.abs(fw) < 0.5) {
                break;
            }
            if ((fw > 0) == (fb > 0)) {
                b = w;
                fb = fw;
                if (side == -1) {
                    fa *= 0.5;
                }
                side = -1;
            } else {
                a = w;
                fa = fw;
                if (side == 1) {
                    fb *= 0.5;
                }
                side = 1;
            }
        }
        return w;
    }

    /** |d ln g / dw| at w by a central difference (one-sided at the top of the range). */
    private static double slope(DoubleUnaryOperator d, double w) {
        final double e = 1e-6 * Math.max(1, Math.abs(w));
        final double hi = Math.min(W_ROOT_TOP, w + e), lo = hi - 2 * e;
        final double s = Math.abs(d.applyAsDouble(hi) - d.applyAsDouble(lo)) / (hi - lo);
        return Double.isFinite(s) ? s : 1;
    }

    private static double[] push(double[] a, int n, double v) {
        final double[] r = n < a.length ? a : java.util.Arrays.copyOf(a, 2 * a.length);
        r[n] = v;
        return r;
    }
}
