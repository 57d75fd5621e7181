package org.distsde.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.distsde.rng.KeyedStream;
import org.junit.jupiter.api.Test;

/**
 * Φ₂(h, k; ρ) (Genz's method) against exact values — the orthant probability
 * 1/4 + asin(ρ)/(2π), ρ = 0 and ρ = ±1 — against an independent one-dimensional quadrature
 * Φ₂ = ∫_{−∞}^h φ(x)Φ((k − ρx)/√(1 − ρ²))dx, against Monte Carlo, and its symmetries. The ρ values
 * cover the three node counts (|ρ| &lt; 0.3, &lt; 0.75, else) and both formulas (|ρ| &lt; 0.925, else).
 */
class BivariateNormalTest {
    static final double[] RHOS = {-0.999, -0.95, -0.93, -0.8, -0.5, -0.2, 0, 0.1, 0.45, 0.74, 0.76, 0.9, 0.924,
        0.926, 0.97, 0.9999};

    @Test
    void gaussLegendreRulesIntegratePolynomialsExactly() {
        for (int n : new int[] {6, 12, 20}) {
            final double[][] xw = BivariateNormal.gaussLegendre(n);
            for (int p = 0; p < 2 * n; p += 2) { // even monomials: ∫_{-1}^{1} x^p dx = 2/(p + 1), the rule is symmetric
                double s = 0;
                for (int i = 0; i < xw[0].length; i++) {
                    s += 2 * xw[1][i] * Math.pow(xw[0][i], p);
                }
                assertEquals(2.0 / (p + 1), s, 1e-14, "n = " + n + ", x^" + p);
            }
        }
        assertEquals(-0.9324695142031522, BivariateNormal.gaussLegendre(6)[0][0], 1e-15); // Genz's table
        assertEquals(0.1713244923791705, BivariateNormal.gaussLegendre(6)[1][0], 1e-15);
        assertEquals(-0.07652652113349733, BivariateNormal.gaussLegendre(20)[0][9], 1e-15);
    }

    @Test
    void orthantProbabilityIsExact() {
        for (double r : RHOS) {
            assertEquals(0.25 + Math.asin(r) / (2 * Math.PI), BivariateNormal.cdf(0, 0, r), 2e-15, "rho = " + r);
        }
        assertEquals(1.0 / 3, BivariateNormal.cdf(0, 0, 0.5), 1e-15); // asin(1/2) = π/6
    }

    @Test
    void independenceAndPerfectCorrelation() {
        final double[] hs = {-3, -1.2, 0, 0.4, 2.5};
        for (double h : hs) {
            for (double k : hs) {
                final double ph = BivariateNormal.phi(h), pk = BivariateNormal.phi(k);
                assertEquals(ph * pk, BivariateNormal.cdf(h, k, 0), 1e-15);
                assertEquals(BivariateNormal.phi(Math.min(h, k)), BivariateNormal.cdf(h, k, 1), 1e-15);
                assertEquals(Math.max(0, ph + pk - 1), BivariateNormal.cdf(h, k, -1), 1e-15);
                assertEquals(ph, BivariateNormal.cdf(h, Double.POSITIVE_INFINITY, 0.3), 0);
                assertEquals(0, BivariateNormal.cdf(Double.NEGATIVE_INFINITY, k, 0.3), 0);
            }
        }
    }

    @Test
    void agreesWithOneDimensionalQuadrature() {
        final double[] hs = {-4, -1.5, -0.3, 0, 0.7, 2, 3.5};
        double worst = 0;
        for (double r : RHOS) {
            final double c = Math.sqrt((1 - r) * (1 + r));
            for (double h : hs) {
                for (double k : hs) {
                    final double exact = GaussKronrod.integrate(x -> Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI)
                            * BivariateNormal.phi((k - r * x) / c), new double[] {-40, Math.min(h, -8), h}, 3, 1e-14,
                            1e-17, 2000);
                    final double v = BivariateNormal.cdf(h, k, r);
                    worst = Math.max(worst, Math.abs(v - exact));
                    assertEquals(exact, v, 1e-13, "h = " + h + ", k = " + k + ", rho = " + r);
                }
            }
        }
        System.out.printf("Phi2 vs quadrature: max abs error %.2e%n", worst);
    }

    @Test
    void symmetries() {
        for (double r : RHOS) {
            for (double h : new double[] {-2, -0.5, 0.3, 1.7}) {
                for (double k : new double[] {-1.1, 0, 0.8, 2.2}) {
                    assertEquals(BivariateNormal.cdf(h, k, r), BivariateNormal.cdf(k, h, r), 1e-15);
                    // P(X < h) = P(X < h, Y < k) + P(X < h, −Y < −k), (X, −Y) has correlation −ρ
                    assertEquals(BivariateNormal.phi(h), BivariateNormal.cdf(h, k, r) + BivariateNormal.cdf(h, -k, -r),
                            2e-15, "h = " + h + ", k = " + k + ", rho = " + r);
                }
            }
        }
    }

    /** P(X &lt; h, Y &lt; k) by sampling Y = ρX + √(1 − ρ²)Z, within 5 binomial standard errors. */
    @Test
    void agreesWithMonteCarlo() {
        final KeyedStream rng = new KeyedStream(11, KeyedStream.Purpose.CHECK);
        final ContinuousSampler g = ZigguratSampler.NormalizedGaussian.of(rng);
        final int n = 400_000;
        final double[][] cases = {{0.5, -0.3, 0.6}, {-1, 1.2, -0.85}, {1.5, 1.4, 0.95}, {0.2, -0.4, -0.97}};
        for (int c = 0; c < cases.length; c++) {
            final double h = cases[c][0], k = cases[c][1], r = cases[c][2];
            rng.at(c, 0, 0);
            long hit = 0;
            for (int i = 0; i < n; i++) {
                final double x = g.sample();
                final double y = r * x + Math.sqrt(1 - r * r) * g.sample();
                hit += x < h && y < k ? 1 : 0;
            }
            final double p = BivariateNormal.cdf(h, k, r);
            assertEquals(p, (double) hit / n, 5 * Math.sqrt(p * (1 - p) / n), "case " + c);
        }
    }

    @Test
    void rejectsAnInvalidCorrelation() {
        assertThrows(IllegalArgumentException.class, () -> BivariateNormal.of(1.5));
        assertThrows(IllegalArgumentException.class, () -> BivariateNormal.of(Double.NaN));
    }
}
