package org.distsde.theory;

import org.distsde.schedule.Schedule;
import org.distsde.sim.RoundStats;

/**
 * The time averages of the bounds, in one place.
 *
 * <p>Weight: every theorem's random time t̂ has density w_s / ∫₀ᵗ w with w_s = a·ηₛ − b·ηₛ²:
 * (a, b) = (1, 0) for Theorems 4–6 (t̂ ~ ηₛ/φ¹ₜ), (ℓ_ν/σ_H,1, ηL1d/(2N)) for Theorem 7. The
 * measured left side E‖∇f(X_t̂)‖² = E∫w‖∇f‖² / E∫w = (a·I1 − b·I2)/(a·φ¹ − b·φ²) with the run
 * means φ¹ = E∫ηₛ, φ² = E∫ηₛ², I1 = E∫ηₛ‖∇f‖², I2 = E∫ηₛ²‖∇f‖² the simulators record per run
 * (RoundStats phi1, phi2, intEtaGradNormSq, intEta2GradNormSq): no quadrature error. Without them,
 * φ¹ and φ² come from the schedule by Simpson ({@link #phiIncrements}) and the measured side by
 * the trapezoid of {@code grad_norm_sq_mean} on the recorded times ({@link Trapezoid}), with no
 * Monte Carlo error.
 *
 * <p>Bound: every bound is (gap + C·φ²)/(d1·φ¹ − d2·φ²) ({@link TheoremCheck.BoundForm}); the
 * excess e = measured − bound is a smooth function of the four means, and its standard error is
 * the delta method with the recorded sample covariance ({@link RoundStats#cov}) over the alive
 * runs: SE² = ∇eᵀ Σ ∇e / n.
 */
public final class TimeAverages {
    private TimeAverages() { }

    /** w_s = a·ηₛ − b·ηₛ². */
    public record Weight(double a, double b) implements java.io.Serializable {
        /** The weight at scheduler value ηₛ. */
        public double at(double etaS) {
            return a * etaS - b * etaS * etaS;
        }

        /** ∫w given φ¹, φ². */
        public double integral(double phi1, double phi2) {
            return a * phi1 - b * phi2;
        }

        /** ∫w‖∇f‖² given ∫η‖∇f‖², ∫η²‖∇f‖². */
        public double weighted(double i1, double i2) {
            return a * i1 - b * i2;
        }
    }

    /** True when the row carries the per-run sums (and so an exact measured side). */
    public static boolean hasSums(RoundStats r) {
        return Double.isFinite(r.integrals().etaGradNormSq()) && Double.isFinite(r.integrals().eta2GradNormSq())
                && Double.isFinite(r.integrals().phi1()) && Double.isFinite(r.integrals().phi2()) && r.integrals().phi1() > 0;
    }

    /** The measured E‖∇f(X_t̂)‖² from the recorded sums. */
    public static double measured(RoundStats r, Weight w) {
        return w.weighted(r.integrals().etaGradNormSq(), r.integrals().eta2GradNormSq()) / w.integral(r.integrals().phi1(), r.integrals().phi2());
    }

    /** The means (φ¹, φ², I1, I2) of a row, in {@link RoundStats.Integrals#PHI1} … order. */
    public static double[] means(RoundStats r) {
        return new double[] {r.integrals().phi1(), r.integrals().phi2(), r.integrals().etaGradNormSq(), r.integrals().eta2GradNormSq()};
    }

    /** Gradient of the measured side with respect to the four means. */
    public static double[] measuredGradient(double[] m, Weight w) {
        final double num = w.weighted(m[2], m[3]), den = w.integral(m[0], m[1]);
        final double q = num / den;
        // (∇num − q ∇den) / den with ∇num = (0, 0, a, −b), ∇den = (a, −b, 0, 0)
        return new double[] {-q * w.a() / den, q * w.b() / den, w.a() / den, -w.b() / den};
    }

    /** Gradient of (gap + C·φ²)/(d1·φ¹ − d2·φ²) with respect to the four means. */
    public static double[] boundGradient(double[] m, TheoremCheck.BoundForm b, double gap) {
        final double den = b.d1() * m[0] - b.d2() * m[1];
        final double v = (gap + b.noise() * m[1]) / den;
        return new double[] {-v * b.d1() / den, (b.noise() + v * b.d2()) / den, 0, 0};
    }

    /**
     * Delta-method standard error of a smooth function of the four means with gradient g: sqrt(gᵀΣg / n),
     * Σ the recorded (n − 1) covariance. NaN without covariance or with fewer than 2 runs.
     */
    public static double standardError(RoundStats r, double[] g) {
        if (r.integrals().cov().length == 0 || r.runs() < 2) {
            return Double.NaN;
        }
        double s = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                s += g[a] * g[b] * r.integrals().cov(a, b);
            }
        }
        return Math.sqrt(Math.max(0, s) / r.runs());
    }

    /** Difference of two gradients (for the excess measured − bound). */
    static double[] minus(double[] a, double[] b) {
        final double[] c = new double[4];
        for (int i = 0; i < 4; i++) {
            c[i] = a[i] - b[i];
        }
        return c;
    }

    /**
     * Trapezoid of w·{@code grad_norm_sq_mean} and of w over the recorded times (fallback when
     * the per-run sums are absent); exact for constant data.
     */
    public static final class Trapezoid {
        private double num, den, prevT, prevW, prevWg;
        private boolean started;

        /** Adds the recorded time t with weight w and E‖∇f‖² g; returns the running time average. */
        public double add(double t, double w, double g) {
            if (started) {
                num += 0.5 * (prevWg + w * g) * (t - prevT);
                den += 0.5 * (prevW + w) * (t - prevT);
            }
            started = true;
            prevT = t;
            prevW = w;
            prevWg = w * g;
            return den > 0 ? num / den : g;
        }

        /** The trapezoid of the weight so far. */
        public double weightIntegral() {
            return den;
        }
    }

    /**
     * ∫ₐᵇ ηₛ ds and ∫ₐᵇ ηₛ² ds with ηₛ = schedule.at(s/η): composite Simpson in k = s/η on the
     * pieces [2ʲ − 1, 2ʲ⁺¹ − 1] (64 panels each), so the panels follow the (k + 1)-scale on which
     * power-law schedules vary.
     */
    public static double[] phiIncrements(Schedule s, double eta, double a, double b) {
        double s1 = 0, s2 = 0;
        double u = a / eta;
        final double v = b / eta;
        while (u < v) {
            final double pieceEnd = Math.min(v, Math.max(u + 1e-300, 2 * (u + 1) - 1)); // doubles k + 1
            final int m = 64;
            final double h = (pieceEnd - u) / m;
            double p1 = 0, p2 = 0;
            for (int i = 0; i <= m; i++) {
                final double e = s.at(u + i * h);
                final double c = i == 0 || i == m ? 1 : (i & 1) == 1 ? 4 : 2;
                p1 += c * e;
                p2 += c * e * e;
            }
            s1 += p1 * h / 3;
            s2 += p2 * h / 3;
            u = pieceEnd;
        }
        return new double[] {s1 * eta, s2 * eta};
    }
}
