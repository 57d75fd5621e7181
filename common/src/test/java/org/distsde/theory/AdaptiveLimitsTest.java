package org.distsde.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Constants: h = (2, 5), so μ = 2, L = 5, L_τ = 7, d = 2 (μ ≠ 1 and μ ≠ L expose a dropped or swapped
 * μ/L); σ = 0.7 (σ² = 0.49 ≠ σ); η = 0.002; θ = 1.5; B = 2, κ = 3, δ = 4, ξ = 5 (κ/√δ = 1.5,
 * √(Bδ) = 2√2, ξθ = 7.5 ≠ θ).
 */
class AdaptiveLimitsTest {
    static final double[] H = {2, 5};
    static final double SIGMA = 0.7;
    static final double ETA = 0.002;
    static final double THETA = 1.5;
    static final double R2 = Math.sqrt(2);

    @Test
    void rmspropAndAdamBoundsEq147Eq201() {
        // ησL_τ/(4μ) = 0.002·0.7·7/(4·2) = 0.0098/8 = 0.001225
        assertEquals(0.001225, AdaptiveLimits.rmsprop(ETA, H, SIGMA), 1e-15);
        assertEquals(0.001225, AdaptiveLimits.adam(ETA, H, SIGMA), 1e-15);
        // ·κ/(√B√δ) = 0.001225·3/(√2·2) = 0.0018375/√2
        assertEquals(0.0018375 / R2, AdaptiveLimits.rmsprop(ETA, H, SIGMA, 2, 3, 4), 1e-15);
        assertEquals(0.0018375 / R2, AdaptiveLimits.adam(ETA, H, SIGMA, 2, 3, 4), 1e-15);
    }

    @Test
    void adamQuadraticLemmaC51IsTheSumOfEtaSigmaOver4PerCoordinate() {
        // ησd/4 = 0.002·0.7·2/4 = 0.0007, independent of h
        assertEquals(0.0007, AdaptiveLimits.adamQuadratic(ETA, H, SIGMA), 1e-16);
        assertEquals(0.0007, AdaptiveLimits.adamQuadratic(ETA, new double[] {0.1, 40}, SIGMA), 1e-16);
        // ·κ/√(Bδ) = 0.0007·3/(2√2) = 0.00105/√2
        assertEquals(0.00105 / R2, AdaptiveLimits.adamQuadratic(ETA, H, SIGMA, 2, 3, 4), 1e-16);
        // per coordinate: variance ησ/(2hⱼ) (Lemma C.52) times hⱼ/2 = ησ/4
        final double[] v = AdaptiveLimits.adamCovariance(ETA, H, new double[] {SIGMA});
        assertEquals(AdaptiveLimits.adamQuadratic(ETA, H, SIGMA), AdaptiveLimits.stationaryLoss(H, v), 1e-16);
        final double[] vs = AdaptiveLimits.adamCovariance(ETA, H, new double[] {SIGMA}, 2, 3, 4);
        assertEquals(AdaptiveLimits.adamQuadratic(ETA, H, SIGMA, 2, 3, 4), AdaptiveLimits.stationaryLoss(H, vs),
                1e-16);
    }

    @Test
    void rmspropWAndAdamWBoundsEq162Eq15() {
        // ηL_τσL/2 = 0.002·7·0.7·5/2 = 0.0245; 2μL = 20; σθ(L+μ) = 0.7·1.5·7 = 7.35
        assertEquals(0.0245 / 27.35, AdaptiveLimits.rmspropW(ETA, H, SIGMA, THETA), 1e-16);
        assertEquals(0.0245 / 27.35, AdaptiveLimits.adamW(ETA, H, SIGMA, THETA), 1e-16);
        // ·κ = 0.0735; 2μ√(Bδ)L = 20·2√2 = 40√2; σξθ(L+μ) = 0.7·5·1.5·7 = 36.75
        final double scaled = 0.0735 / (40 * R2 + 36.75);
        assertEquals(scaled, AdaptiveLimits.rmspropW(ETA, H, SIGMA, THETA, 2, 3, 4, 5), 1e-16);
        assertEquals(scaled, AdaptiveLimits.adamW(ETA, H, SIGMA, THETA, 2, 3, 4, 5), 1e-16);
        // θ = 0 gives back Eq. 147: ηL_τσL/(2·2μL) = ησL_τ/(4μ)
        assertEquals(AdaptiveLimits.rmsprop(ETA, H, SIGMA), AdaptiveLimits.adamW(ETA, H, SIGMA, 0), 1e-16);
        // bounded in σ: → ηL_τL/(2θ(L+μ))·κ/ξ = 0.002·7·5/(2·1.5·7)·3/5
        assertEquals(0.002 * 35 / 21 * 0.6, AdaptiveLimits.adamW(ETA, H, 1e12, THETA, 2, 3, 4, 5), 1e-13);
    }

    @Test
    void adamOnL2RegularisedLossEq16() {
        // ηL_τσL/2 = 0.0245; 2μL + θ(L+μ) = 20 + 10.5 = 30.5 (θ not multiplied by σ)
        assertEquals(0.0245 / 30.5, AdaptiveLimits.adamL2(ETA, H, SIGMA, THETA), 1e-16);
        // ·κ/√(Bδ) = 0.0245·3/(2√2·30.5) = 0.0735/(61√2)
        assertEquals(0.0735 / (61 * R2), AdaptiveLimits.adamL2(ETA, H, SIGMA, THETA, 2, 3, 4), 1e-16);
        // linear in σ, unlike AdamW
        assertEquals(1000 * AdaptiveLimits.adamL2(ETA, H, SIGMA, THETA), AdaptiveLimits.adamL2(ETA, H, 700, THETA),
                1e-12);
        // exact stationary covariance ησⱼ/(2(hⱼ+θ)) = (0.0014/7, 0.0014/13)
        assertArrayEquals(new double[] {0.0002, 0.0014 / 13},
                AdaptiveLimits.adamL2Covariance(ETA, H, new double[] {SIGMA}, THETA), 1e-18);
    }

    @Test
    void stationaryCovariancesPerCoordinate() {
        final double[] s = {0.7, 0.4};
        // Lemma C.40 / C.52: ησⱼ/(2hⱼ) = (0.0014/4, 0.0008/10)
        assertArrayEquals(new double[] {3.5e-4, 8e-5}, AdaptiveLimits.rmspropCovariance(ETA, H, s), 1e-19);
        assertArrayEquals(new double[] {3.5e-4, 8e-5}, AdaptiveLimits.adamCovariance(ETA, H, s), 1e-19);
        // scaled: κησⱼ/(2√(Bδ)hⱼ) = 3·(3.5e-4, 8e-5)/(2√2)
        assertArrayEquals(new double[] {1.05e-3 / (2 * R2), 2.4e-4 / (2 * R2)},
                AdaptiveLimits.rmspropCovariance(ETA, H, s, 2, 3, 4), 1e-19);
        // Lemma C.45 / C.57: (η/2)/(hⱼ/σⱼ + θ) = 0.001σⱼ/(hⱼ + θσⱼ) = (0.0007/3.05, 0.0004/5.6)
        final double[] w = {0.0007 / 3.05, 0.0004 / 5.6};
        assertArrayEquals(w, AdaptiveLimits.rmspropWCovariance(ETA, H, s, THETA), 1e-19);
        assertArrayEquals(w, AdaptiveLimits.adamWCovariance(ETA, H, s, THETA), 1e-19);
        // scaled: κη/(2(√(Bδ)hⱼ/σⱼ + ξθ)) = 0.003σⱼ/(2√2hⱼ + 7.5σⱼ) = (0.0021/(4√2+5.25), 0.0012/(10√2+3))
        assertArrayEquals(new double[] {0.0021 / (4 * R2 + 5.25), 0.0012 / (10 * R2 + 3)},
                AdaptiveLimits.adamWCovariance(ETA, H, s, THETA, 2, 3, 4, 5), 1e-19);
        // exact stationary loss ½Σhⱼ Var_j = 0.0007/3.05 + 0.001/5.6
        assertEquals(0.0007 / 3.05 + 0.001 / 5.6, AdaptiveLimits.adamWStationaryLoss(ETA, H, s, THETA), 1e-18);
        // bounded by η/(2θ) as σ → ∞
        assertEquals(ETA / (2 * THETA), AdaptiveLimits.adamWCovariance(ETA, H, new double[] {1e12}, THETA)[1], 1e-14);
    }

    /** (η/2)(I + θH^{-1}Σ^{1/2})^{-1}H^{-1}Σ^{1/2} with full 2×2 matrices. */
    static double[][] lemma314Matrix(double eta, double[][] hm, double[][] sqrtSigma, double theta) {
        final double[][] s = mul(inv(hm), sqrtSigma);
        final double[][] m = {{1 + theta * s[0][0], theta * s[0][1]}, {theta * s[1][0], 1 + theta * s[1][1]}};
        return scale(eta / 2, mul(inv(m), s));
    }

    /** (η/2)(HΣ^{-1/2} + θI)^{-1} with full 2×2 matrices. */
    static double[][] lemmaC57Matrix(double eta, double[][] hm, double[][] sqrtSigma, double theta) {
        final double[][] a = mul(hm, inv(sqrtSigma));
        a[0][0] += theta;
        a[1][1] += theta;
        return scale(eta / 2, inv(a));
    }

    @Test
    void lemma314IsLemmaC57ForDiagonalHAndSigma() {
        final double[][] hm = {{2, 0}, {0, 5}};
        final double[][] ss = {{0.7, 0}, {0, 0.4}};
        final double[][] a = lemma314Matrix(ETA, hm, ss, THETA);
        final double[][] b = lemmaC57Matrix(ETA, hm, ss, THETA);
        final double[] c57 = AdaptiveLimits.adamWCovariance(ETA, H, new double[] {0.7, 0.4}, THETA);
        final double[] l314 = AdaptiveLimits.lemma314Covariance(ETA, H, new double[] {0.7, 0.4}, THETA);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(b[i][j], a[i][j], 1e-18);
            }
            assertEquals(c57[i], a[i][i], 1e-18);
            assertEquals(c57[i], l314[i], 1e-18);
        }
        assertEquals(0, a[0][1]);
        // the two arrangements differ when H and Σ do not commute: (Σ^{-1/2}H + θ)^{-1} ≠ (HΣ^{-1/2} + θ)^{-1}
        final double[][] hn = {{2, 1}, {1, 5}};
        final double[][] a2 = lemma314Matrix(ETA, hn, ss, THETA);
        final double[][] b2 = lemmaC57Matrix(ETA, hn, ss, THETA);
        assertTrue(Math.abs(a2[0][1] - b2[0][1]) > 1e-6);
    }

    @Test
    void lemmaBoundsDominateTheExactStationaryLoss() {
        for (double sigma : new double[] {0.01, 0.7, 30}) {
            for (double theta : new double[] {0, 0.2, THETA, 40}) {
                final double exact = AdaptiveLimits.adamWStationaryLoss(ETA, H, new double[] {sigma}, theta);
                assertTrue(exact <= AdaptiveLimits.adamW(ETA, H, sigma, theta), sigma + " " + theta);
                final double l2 = AdaptiveLimits.stationaryLoss(H,
                        AdaptiveLimits.adamL2Covariance(ETA, H, new double[] {sigma}, theta));
                assertTrue(l2 <= AdaptiveLimits.adamL2(ETA, H, sigma, theta), sigma + " " + theta);
            }
            assertTrue(AdaptiveLimits.adamQuadratic(ETA, H, sigma) <= AdaptiveLimits.adam(ETA, H, sigma));
        }
        // isotropic H = hI: Eq. 15 is exact (∇f·x = 2f, L_τ/μ = d)
        final double[] iso = {3, 3};
        assertEquals(AdaptiveLimits.adamW(ETA, iso, SIGMA, THETA),
                AdaptiveLimits.adamWStationaryLoss(ETA, iso, new double[] {SIGMA}, THETA), 1e-17);
    }

    /**
     * Eq. 15 as printed, 2μ√(BδL) in the denominator, against Lemma C.56's Eq. 225, 2μ√(Bδ)·L, both
     * written out here. On Figure 5's H = diag(1, 3), σ = θ = 1: η·4·3/2 over 2√3 + 4 and over 6 + 4, the
     * printed value 34% larger. With L &lt; 1 (d = 1, H = 1/4, σ = 1, θ = 0.1) the printed value
     * ηL_τσL/2/(2μ√L + σθ(L + μ)) = 0.104η is below the exact stationary loss of the linearised AdamW
     * SDE, (η/4)h/(h/σ + θ) = 0.179η, which the derived bound equals: Eq. 15 as printed is no bound.
     * Bug caught: the two denominators confused, or one labelled as the other.
     */
    @Test
    void eq15AsPrintedIsAnErratumOfLemmaC56() {
        final double[] h = {1, 3};
        final double derived = 1e-3 * 4 * 1 * 3 / 2 / (2 * 1 * 3 + 1 * 1 * 4);
        final double printed = 1e-3 * 4 * 1 * 3 / 2 / (2 * Math.sqrt(3) + 1 * 1 * 4);
        assertEquals(derived, AdaptiveLimits.adamW(1e-3, h, 1, 1), 1e-18);
        assertEquals(printed, AdaptiveLimits.adamWPrinted(1e-3, h, 1, 1), 1e-18);
        assertEquals(0.34, printed / derived - 1, 0.005);
        final double[] quarter = {0.25};
        final double exact = 0.25 / 4 / (0.25 + 0.1); // (η/4) h/(h/σ + θ) at η = 1
        assertEquals(exact, AdaptiveLimits.adamWStationaryLoss(1, quarter, new double[] {1}, 0.1), 1e-15);
        assertEquals(exact, AdaptiveLimits.adamW(1, quarter, 1, 0.1), 1e-15);
        assertEquals(0.25 * 0.25 / 2 / (2 * 0.25 * 0.5 + 0.1 * 0.5), AdaptiveLimits.adamWPrinted(1, quarter, 1, 0.1),
                1e-15);
        assertTrue(AdaptiveLimits.adamWPrinted(1, quarter, 1, 0.1) < 0.6 * exact);
    }

    @Test
    void lemmaC50StatementWithoutOneOverMuIsNoBound() {
        // the printed statement ησL_τ/(4√B)κ/√δ for h = (0.1, 0.2): 0.002·0.7·0.3/4 = 1.05e-4, below the
        // exact stationary value ησd/4 = 7e-4 of Lemma C.51; Eq. 201 divides by μ = 0.1: 1.05e-3
        final double[] small = {0.1, 0.2};
        final double printed = ETA * SIGMA * QuadraticLimits.trace(small) / 4;
        assertEquals(1.05e-4, printed, 1e-18);
        assertTrue(printed < AdaptiveLimits.adamQuadratic(ETA, small, SIGMA));
        assertEquals(1.05e-3, AdaptiveLimits.adam(ETA, small, SIGMA), 1e-17);
    }

    // ---- linearised discrete iterations ----

    /** Iterates P ← APAᵀ + bbᵀ from P = 0 until it stops changing; returns P₁₁. */
    static double iterateLyapunov(double[][] a, double[] b) {
        double p11 = 0;
        double p12 = 0;
        double p22 = 0;
        for (int k = 0; k < 2_000_000; k++) {
            final double t11 = a[0][0] * p11 + a[0][1] * p12;
            final double t12 = a[0][0] * p12 + a[0][1] * p22;
            final double t21 = a[1][0] * p11 + a[1][1] * p12;
            final double t22 = a[1][0] * p12 + a[1][1] * p22;
            final double n11 = t11 * a[0][0] + t12 * a[0][1] + b[0] * b[0];
            final double n12 = t11 * a[1][0] + t12 * a[1][1] + b[0] * b[1];
            final double n22 = t21 * a[1][0] + t22 * a[1][1] + b[1] * b[1];
            if (n11 == p11 && n12 == p12 && n22 == p22) {
                break;
            }
            p11 = n11;
            p12 = n12;
            p22 = n22;
        }
        return p11;
    }

    /**
     * One step of linearised AdamW as written in Eq. 11 (v frozen at σ², no bias corrections):
     * m ← β₁m + (1−β₁)(hx + σz), then x ← x − η m/(σ+ε) − ηθx with the new m and the old x.
     */
    static double[] adamWStep(double eta, double beta1, double theta, double eps, double h, double sigma,
            double x, double m, double z) {
        final double mNew = beta1 * m + (1 - beta1) * (h * x + sigma * z);
        final double xNew = x - eta * mNew / (sigma + eps) - eta * theta * x;
        return new double[] {xNew, mNew};
    }

    /** The AR(1) (x, m) ← A(x, m) + bz read off {@link #adamWStep} on unit inputs; returns Var x. */
    static double adamWByIteration(double eta, double beta1, double theta, double eps, double h, double sigma) {
        final double[] ax = adamWStep(eta, beta1, theta, eps, h, sigma, 1, 0, 0);
        final double[] am = adamWStep(eta, beta1, theta, eps, h, sigma, 0, 1, 0);
        final double[] b = adamWStep(eta, beta1, theta, eps, h, sigma, 0, 0, 1);
        return iterateLyapunov(new double[][] {{ax[0], am[0]}, {ax[1], am[1]}}, b);
    }

    @Test
    void rmspropWDiscreteVarianceHandComputedAndByIteration() {
        // c = η/(σ+ε) = 0.002/0.8 = 0.0025; 1−a = chⱼ + ηθ = (0.008, 0.0155); c²σ² = 3.0625e-6
        final double[] v = AdaptiveLimits.rmspropWDiscreteVariance(ETA, THETA, 0.1, H, new double[] {SIGMA});
        assertArrayEquals(new double[] {3.0625e-6 / (0.008 * 1.992), 3.0625e-6 / (0.0155 * 1.9845)}, v, 1e-18);
        for (int j = 0; j < 2; j++) {
            final double a = 1 - 0.0025 * H[j] - ETA * THETA;
            final double byIteration =
                    iterateLyapunov(new double[][] {{a, 0}, {0, 0}}, new double[] {-0.0025 * SIGMA, 0});
            assertEquals(byIteration, v[j], 1e-12 * v[j]);
        }
        assertEquals(Double.POSITIVE_INFINITY,
                AdaptiveLimits.rmspropWDiscreteVariance(1, 0, 0, new double[] {3}, new double[] {1})[0]);
    }

    @Test
    void adamWDiscreteVarianceHandComputedAndByIteration() {
        // c = 0.0025, 1−β₁ = 0.1, Δ = β₁(1−ηθ) = 0.9·0.997 = 0.8973, 1−Δ = 0.1027,
        // 1+Δ−τ = 0.1·(ηθ + chⱼ) = (0.0008, 0.00155), 1+Δ+τ = 1.9·1.997 − 0.1·chⱼ = (3.7938, 3.79305),
        // numerator (1+Δ)c²(1−β₁)²σ² = 1.8973·3.0625e-8
        final double[] v = AdaptiveLimits.adamWDiscreteVariance(ETA, 0.9, THETA, 0.1, H, new double[] {SIGMA});
        final double num = 1.8973 * 3.0625e-8;
        assertArrayEquals(new double[] {num / (0.1027 * 0.0008 * 3.7938), num / (0.1027 * 0.00155 * 3.79305)}, v,
                1e-17);
        for (int j = 0; j < 2; j++) {
            assertEquals(adamWByIteration(ETA, 0.9, THETA, 0.1, H[j], SIGMA), v[j], 1e-12 * v[j]);
        }
        // other corners: no weight decay (Adam), β₁ = 0 (RMSpropW), large steps, per-coordinate σ
        final double[][] cases = {{0.01, 0.5, 0, 0, 3, 1.0}, {0.05, 0.99, 4, 1e-3, 7, 0.3}, {0.3, 0.8, 0.5, 0, 1, 2}};
        for (double[] k : cases) {
            final double got = AdaptiveLimits.adamWDiscreteVariance(k[0], k[1], k[2], k[3], new double[] {k[4]},
                    new double[] {k[5]})[0];
            assertEquals(adamWByIteration(k[0], k[1], k[2], k[3], k[4], k[5]), got, 1e-12 * got);
        }
        assertArrayEquals(AdaptiveLimits.rmspropWDiscreteVariance(ETA, THETA, 0.1, H, new double[] {SIGMA}),
                AdaptiveLimits.adamWDiscreteVariance(ETA, 0, THETA, 0.1, H, new double[] {SIGMA}), 1e-18);
        assertEquals(adamWByIteration(ETA, 0.9, THETA, 0.1, 5, 0.4),
                AdaptiveLimits.adamWDiscreteVariance(ETA, 0.9, THETA, 0.1, H, new double[] {0.7, 0.4})[1], 1e-15);
        assertEquals(Double.POSITIVE_INFINITY,
                AdaptiveLimits.adamWDiscreteVariance(1, 0.5, 0, 0, new double[] {9}, new double[] {1})[0]);
    }

    @Test
    void discreteVariancesTendToLemmasC45C57AsEtaVanishes() {
        final double[] sigma = {SIGMA};
        double prevAdam = Double.POSITIVE_INFINITY;
        double prevRms = Double.POSITIVE_INFINITY;
        for (double eta = 1e-2; eta > 5e-7; eta /= 10) {
            final double[] lim = AdaptiveLimits.adamWCovariance(eta, H, sigma, THETA);
            final double[] a = AdaptiveLimits.adamWDiscreteVariance(eta, 0.9, THETA, 0, H, sigma);
            final double[] r = AdaptiveLimits.rmspropWDiscreteVariance(eta, THETA, 0, H, sigma);
            double ea = 0;
            double er = 0;
            for (int j = 0; j < 2; j++) {
                ea = Math.max(ea, Math.abs(a[j] / lim[j] - 1));
                er = Math.max(er, Math.abs(r[j] / lim[j] - 1));
            }
            // first order in η: the relative error shrinks about tenfold per decade
            assertTrue(ea < prevAdam / 8 && ea > prevAdam / 12 || prevAdam == Double.POSITIVE_INFINITY, eta + " " + ea);
            assertTrue(er < prevRms / 8 && er > prevRms / 12 || prevRms == Double.POSITIVE_INFINITY, eta + " " + er);
            prevAdam = ea;
            prevRms = er;
        }
        assertTrue(prevAdam < 1e-4, "" + prevAdam);
        assertTrue(prevRms < 1e-5, "" + prevRms);
        // with ρ₁ = (1−β₁)/η fixed the limit keeps the factor ρ₁/(ρ₁+θ) of the (X, M) SDE, Eq. 219–220
        final double rho = 20;
        final double eta = 1e-6;
        final double got = AdaptiveLimits.adamWDiscreteVariance(eta, 1 - rho * eta, THETA, 0, H, sigma)[0];
        final double sde = AdaptiveLimits.adamWCovariance(eta, H, sigma, THETA)[0] * rho / (rho + THETA);
        assertEquals(sde, got, 1e-4 * sde);
    }

    static double[][] mul(double[][] a, double[][] b) {
        return new double[][] {
            {a[0][0] * b[0][0] + a[0][1] * b[1][0], a[0][0] * b[0][1] + a[0][1] * b[1][1]},
            {a[1][0] * b[0][0] + a[1][1] * b[1][0], a[1][0] * b[0][1] + a[1][1] * b[1][1]}};
    }

    static double[][] inv(double[][] a) {
        final double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        return new double[][] {{a[1][1] / det, -a[0][1] / det}, {-a[1][0] / det, a[0][0] / det}};
    }

    static double[][] scale(double s, double[][] a) {
        return new double[][] {{s * a[0][0], s * a[0][1]}, {s * a[1][0], s * a[1][1]}};
    }
}
