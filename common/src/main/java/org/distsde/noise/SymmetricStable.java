package org.distsde.noise;

import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The standard symmetric α-stable law S(α, 0, 1; 0), α ∈ (0, 2]: characteristic function
 * E[e^{itX}] = exp(−|t|^α), the law Commons RNG's {@code StableSampler.of(rng, α, 0)} draws.
 * α = 2 is the Gaussian with variance 2 and α = 1 the standard Cauchy law, both in closed form:
 * F(x) = Φ(x/√2) = erfc(−x/2)/2 and F(x) = 1/2 + atan(x)/π. Otherwise (no closed form):
 * <ul>
 * <li>|x| ≤ x_s: the two leading terms of the series F(x) − 1/2 = (1/(πα)) Σₖ (−1)ᵏ Γ((2k+1)/α)
 *     x^{2k+1}/(2k+1)! (the characteristic function inverted term by term; convergent for
 *     α &gt; 1, asymptotic for α &lt; 1), with x_s chosen so that the third term is below 1e-16
 *     of the first;</li>
 * <li>|x| ≥ x_l: the tail series P(X &gt; x) = (1/π) Σ_{k≥1} (−1)^{k+1} Γ(αk)/k! sin(kπα/2)
 *     x^{−αk} (Feller, vol. II, XVII.6; convergent for α &lt; 1, used where x^{−α} ≤ 0.1, summed
 *     to 1e-18; asymptotic for α &gt; 1, three terms, used where the fourth is below 1e-16 of the
 *     first);</li>
 * <li>in between: Nolan's integral ({@link NolanIntegral}).</li>
 * </ul>
 * {@link #centre} (F(x) − 1/2) and {@link #tail} (1 − F(x)) are each computed directly, so both
 * keep relative accuracy where they are small. Immutable.
 */
public final class SymmetricStable {
    private final double alpha;
    private final NolanIntegral nolan;
    private final double xSmall;
    private final double xLarge;
    /** F(x) − 1/2 ≈ s1·x − s3·x³ below x_s; s1 is the density at 0, Γ(1 + 1/α)/π. */
    private final double s1, s3;
    /** P(X &gt; x) ≈ Σₖ tailCoef[k − 1]·x^{−αk} above x_l. */
    private final double[] tailCoef;

    private SymmetricStable(double alpha) {
        if (!(alpha > 0 && alpha <= 2)) {
            throw new IllegalArgumentException("alpha must be in (0, 2] (got " + alpha + ")");
        }
        this.alpha = alpha;
        final boolean closed = alpha == 1 || alpha == 2;
        this.nolan = closed ? null : new NolanIntegral(alpha);
        this.s1 = Math.exp(LogGamma.value(1 + 1 / alpha)) / Math.PI;
        this.s3 = Math.exp(LogGamma.value(3 / alpha)) / (6 * Math.PI * alpha);
        this.xSmall = closed ? 0 : Math.exp((Math.log(1.2e-14) + LogGamma.value(1 / alpha) - LogGamma.value(5 / alpha)) / 4);
        if (closed) {
            this.tailCoef = new double[0];
            this.xLarge = Double.POSITIVE_INFINITY;
        } else if (alpha < 1) {
            final double y = 0.1; // x^(-alpha) at x_l
            int k = 1;
            final double[] coef = new double[400];
            for (; k <= coef.length; k++) {
                coef[k - 1] = tailTerm(k);
                // stop on |Γ(αk)/k!|·y^k (the sine can vanish for single k, e.g. sin(kπ/4) at α = 1/2)
                if (k > 1 && Math.exp(LogGamma.value(alpha * k) - LogGamma.value(k + 1.0)) * Math.pow(y, k - 1)
                        < 1e-18 * Math.abs(coef[0])) {
                    break;
                }
            }
            this.tailCoef = java.util.Arrays.copyOf(coef, Math.min(k, coef.length));
            this.xLarge = Math.pow(y, -1 / alpha);
        } else {
            this.tailCoef = new double[] {tailTerm(1), tailTerm(2), tailTerm(3)};
            // fourth term / first ≤ 1e-16, bounding |sin(2πα)| by 1
            final double ratio = Math.exp(LogGamma.value(4 * alpha) - LogGamma.value(5) - LogGamma.value(alpha))
                    / Math.sin(Math.PI * alpha / 2);
            final double y = Math.cbrt(1e-16 / ratio);
            this.xLarge = Math.max(10, Math.pow(y, -1 / alpha));
        }
    }

    /** The law with index α ∈ (0, 2]. */
    public static SymmetricStable of(double alpha) {
        return new SymmetricStable(alpha);
    }

    /** (−1)^{k+1} Γ(αk)/k! sin(kπα/2)/π. */
    private double tailTerm(int k) {
        final double mag = Math.exp(LogGamma.value(alpha * k) - LogGamma.value(k + 1.0)) / Math.PI;
        return ((k & 1) == 1 ? 1 : -1) * mag * Math.sin(k * Math.PI * alpha / 2);
    }

    public double alpha() {
        return alpha;
    }

    /** Below this |x| the two-term series gives {@link #centre}. */
    double xSmall() {
        return xSmall;
    }

    /** Above this |x| the tail series gives {@link #tail}. */
    double xLarge() {
        return xLarge;
    }

    /** The density at 0: Γ(1 + 1/α)/π (1/(2√π) at α = 2, 1/π at α = 1). */
    public double densityAtZero() {
        return s1;
    }

    /** The variance: 2 at α = 2, +∞ below. */
    public double variance() {
        return alpha == 2 ? 2 : Double.POSITIVE_INFINITY;
    }

    /** F(x) − 1/2 = P(0 &lt; X ≤ x) for x ≥ 0 (relative accuracy for small x). */
    public double centre(double x) {
        if (!(x > 0)) {
            return x == 0 ? 0 : Double.NaN;
        }
        if (alpha == 2) {
            return 0.5 * Erf.value(x / 2);
        }
        if (alpha == 1) {
            return Math.atan(x) / Math.PI;
        }
        if (x <= xSmall) {
            return x * (s1 - s3 * x * x);
        }
        if (x >= xLarge) {
            return 0.5 - tailSeries(x);
        }
        return nolan.centre(x);
    }

    /** P(X &gt; x) for x ≥ 0 (relative accuracy in the tail). */
    public double tail(double x) {
        if (!(x > 0)) {
            return x == 0 ? 0.5 : Double.NaN;
        }
        if (alpha == 2) {
            return 0.5 * Erfc.value(x / 2);
        }
        if (alpha == 1) {
            return Math.atan2(1, x) / Math.PI;
        }
        if (x <= xSmall) {
            return 0.5 - x * (s1 - s3 * x * x);
        }
        if (x >= xLarge) {
            return tailSeries(x);
        }
        return nolan.tail(x);
    }

    /** The tail series at x ≥ x_l (Horner in y = x^{−α}). */
    double tailSeries(double x) {
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        final double y = Math.pow(x, -alpha);
        double s = 0;
        for (int k = tailCoef.length - 1; k >= 0; k--) {
            s = (s + tailCoef[k]) * y;
        }
        return s;
    }

    /** F(x) = P(X ≤ x); the lower tail F(−x) = {@link #tail}(x) keeps its relative accuracy. */
    public double cdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        return x >= 0 ? 0.5 + centre(x) : tail(-x);
    }

    /** E[sign(u + X)] = 2F(u) − 1, odd in u (relative accuracy for small |u|). */
    public double meanSign(double u) {
        if (Double.isNaN(u)) {
            return Double.NaN;
        }
        return u >= 0 ? 2 * centre(u) : -2 * centre(-u);
    }
}
