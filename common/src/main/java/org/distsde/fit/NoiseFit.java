package org.distsde.fit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.distsde.objective.Objective;
import org.distsde.rng.KeyedStream;
import org.distsde.sim.AgentGradients;
import org.distsde.stats.HillEstimator;

/**
 * Fits one agent's noise constants from its gradient samples: the affine-variance model of
 * Definition 2, sᵢ²(x) = σ0ᵢ² + σ1ᵢ²‖∇f(x)‖², its tail index, its robust scale and its bias.
 *
 * <p><b>Data.</b> At each fit point x_t (t = 0 … K−1) agent i draws M stochastic gradients
 * gₘ = ∇f_{γᵢ}(x_t), m = 0 … M−1, each from the stream {@code new KeyedStream(seed,
 * Purpose.NOISE_FIT).at(t, i, m)} (so a draw depends only on (seed, t, i, m), never on which task
 * fits the agent). Zₘⱼ = gₘⱼ − ∂ⱼf(x_t). Per coordinate j: the sample mean Z̄ⱼ and the unbiased
 * sample variance sⱼ² = Σₘ(Zₘⱼ − Z̄ⱼ)²/(M − 1) (two passes); v̂_t = (1/d)Σⱼ sⱼ², the coordinate
 * average. Definition 2 bounds ‖Σᵢ(x)‖∞ = maxⱼ Σᵢ,ⱼⱼ; the proofs of Theorems 4–6 use it only through
 * Tr Σᵢ(x) ≤ d(σ0ᵢ² + σ1ᵢ²‖∇f‖²) (the d in Eq. 1, 5, 13), so (1/d)Tr Σᵢ — what v̂_t estimates — is
 * the quantity the theorems need, and equals ‖Σᵢ‖∞ when the coordinates share one scale.
 *
 * <p><b>The regression.</b> E v̂_t = μ_t = σ0² + σ1²G_t, G_t = ‖∇f(x_t)‖². The variance of a
 * sample variance of M i.i.d. draws with variance σ² and fourth central moment μ₄ is
 * Var(s²) = μ₄/M − σ⁴(M − 3)/(M(M − 1)) (for Gaussian draws 2σ⁴/(M − 1)); with independent
 * coordinates and one scale per point
 * <pre>
 *   Var(v̂_t) = φ·μ_t²,   φ = (κ/M − (M − 3)/(M(M − 1)))/d,   κ = μ₄/σ⁴ (3 for Gaussian noise),
 * </pre>
 * and with a fixed correlation between the coordinates (Σ(x) = s²(x)C) still ∝ μ_t², with a larger
 * factor (2‖C‖_F²/(d²(M − 1)) instead of 2Σⱼ Cⱼⱼ²/(d²(M − 1)) for Gaussian noise: up to d times
 * larger). The weighted least-squares estimate with the weights 1/Var(v̂_t) is therefore
 * iteratively reweighted: wₜ = 1/μ̂ₜ² from the current fit, until μ̂ changes by less than 10⁻¹⁰
 * relatively (the quasi-likelihood, and for Gaussian noise the maximum-likelihood, estimate of a
 * Gamma regression with identity link; its estimating equation Σₜ(1, G_t)(v̂_t − μ_t)/μ_t² = 0 is
 * unbiased at the true constants).
 *
 * <p><b>Standard errors (sandwich).</b> The covariance of (σ̂0², σ̂1²) is the sandwich
 * A⁻¹BA⁻¹ with A = XᵀWX, B = Σₜ wₜ²xₜxₜᵀV̂ₜ, X = [1, G_t], W = diag(1/μ̂_t²), and V̂ₜ the variance
 * of v̂_t estimated at each point from its own M samples: v̂_t is the mean over m of
 * uₘ = (M/(M − 1))(1/d)Σⱼ(Zₘⱼ − Z̄ⱼ)², so V̂ₜ = s²(u)/M, which contains every covariance between the
 * coordinates (correlated noise, the minibatch gradients of a data agent). It needs neither
 * independent coordinates nor the Var ∝ μ² model; when both hold it equals φ·(XᵀWX)⁻¹. The
 * independent-coordinate φ with κ estimated from the same samples (κ̂ = (1/(Kd))Σₜⱼ ĥ₄,ₜⱼ/μ̂_t²,
 * ĥ₄ the unbiased estimate of μ₄ from the sample central moments, ĥ₄ = (b₂m₄ − b₁m₂²)/(a₁b₂ − a₂b₁)
 * with E m₄ = a₁μ₄ + b₁σ⁴, E m₂² = a₂μ₄ + b₂σ⁴, at least 1) is kept as {@code dispersion} for
 * comparison, with {@code correlationFactor} = mean over the points of V̂ₜ/(φμ̂ₜ²): about 1 for
 * independent coordinates, up to d for fully correlated ones. The 95% intervals are
 * estimate ± 1.96·SE. The estimates are not truncated at 0: an interval may reach below 0 (σ0 = 0
 * is then covered); the learning-rate checks use max(0, ·). Pearson's X² = Σₜ(v̂_t − μ̂_t)²/V̂ₜ
 * against χ² with K − 2 degrees of freedom tests the affine model. Intervals need a finite fourth
 * moment: when the tail index is below 4 they are not reliable, below 2 the variance does not
 * exist.
 *
 * <p><b>Tail index.</b> Hill's estimator ({@link HillEstimator}, k = ⌊√n⌋ of its rule) on the
 * n = K·M·d values |Zₘⱼ(x_t)|/ŝ_t, ŝ_t = √μ̂_t the fitted scale (pooled over coordinates and
 * points), with its interval α̂ ± 1.96α̂/√k; only the k + 1 largest values are kept. For light
 * (Gaussian) tails it does not converge (it grows like ln n).
 *
 * <p><b>Robust scale.</b> r_t = median of |Zₘⱼ(x_t)| over m and j; r̄ = mean over t with
 * SE = sd/√K. For a fixed-scale law σT it estimates σ·median|T| (Theorem 7's σ_max,ᵢ for
 * coordinate-uniform scales, given the tail index).
 *
 * <p><b>Bias.</b> ‖Z̄(x_t)‖ = ‖ḡᵢ − ∇f(x_t)‖, the agent's mean deviation from the global gradient
 * (heterogeneity of a data-defined agent): its RMS over the points, and the ratio
 * (1/K)Σₜ M‖Z̄‖²/(d·v̂_t), about 1 for an unbiased agent (E‖Z̄‖² = Tr Σ/M), with the p-value of
 * Σₜ M‖Z̄‖²/v̂_t against χ² with Kd degrees of freedom.
 */
public final class NoiseFit {
    /** IRLS stops when no fitted mean moves by more than this, relatively. */
    static final double TOLERANCE = 1e-10;
    static final int MAX_ITERATIONS = 100;

    private NoiseFit() { }

    /**
     * One agent's fit. {@code variance} v̂_t and {@code fitted} μ̂_t per point; {@code kurtosis} κ̂,
     * {@code dispersion} φ of independent coordinates, {@code correlationFactor} the mean of
     * V̂ₜ/(φμ̂ₜ²) (≈ 1 for independent coordinates); {@code gofChi2}, {@code gofDf}, {@code gofP}: Pearson's test of the
     * affine model; {@code tailIndex}: Hill's α̂ from {@code tailSample} = K·M·d values;
     * {@code medianAbs}: r̄; {@code biasRms}, {@code biasRatio}, {@code biasP}: the bias.
     */
    public record AgentFit(int agent, Estimated sigma0Sq, Estimated sigma1Sq, double[] variance, double[] fitted,
                           double kurtosis, double dispersion, double correlationFactor, double gofChi2, int gofDf,
                           double gofP, int iterations,
                           boolean converged, Estimated tailIndex, long tailSample, Estimated medianAbs,
                           double biasRms, double biasRatio, double biasP, List<String> notes) implements Serializable {
        public AgentFit {
            variance = variance.clone();
            fitted = fitted.clone();
            notes = List.copyOf(notes);
        }

        @Override public double[] variance() { return variance.clone(); }

        @Override public double[] fitted() { return fitted.clone(); }
    }

    /** Fits agents [a0, a1) in order (one sampler and stream for all of them). */
    public static List<AgentFit> fit(AgentGradients grads, Objective f, FitPoints pts, int a0, int a1, int samples,
                                     long seed) {
        final List<AgentFit> out = new ArrayList<>(a1 - a0);
        final KeyedStream rng = new KeyedStream(seed, KeyedStream.Purpose.NOISE_FIT);
        for (int i = a0; i < a1; i++) {
            out.add(fit(grads, f, pts, i, samples, rng));
        }
        return out;
    }

    /** Fits agent i. */
    public static AgentFit fit(AgentGradients grads, Objective f, FitPoints pts, int agent, int samples, long seed) {
        return fit(grads, f, pts, agent, samples, new KeyedStream(seed, KeyedStream.Purpose.NOISE_FIT));
    }

    private static AgentFit fit(AgentGradients grads, Objective f, FitPoints pts, int agent, int samples,
                                KeyedStream rng) {
        final int m = samples;
        if (m < 4) {
            throw new IllegalArgumentException("samples must be >= 4 (got " + m + ")");
        }
        final int d = f.dim();
        if (grads.dim() != d) {
            throw new IllegalArgumentException("the sampler's dimension " + grads.dim() + " is not the objective's " + d);
        }
        final int k = pts.size();
        final long n = (long) k * m * d;
        final int hillK = HillEstimator.k((int) Math.min(Integer.MAX_VALUE, n));
        final int keep = (int) Math.min(hillK + 1L, (long) m * d);
        final double[] v = new double[k], h4 = new double[k], biasSq = new double[k], median = new double[k];
        final double[] vv = new double[k]; // V̂_t: the variance of v̂_t from its M samples
        final double[] u = new double[m];
        final double[][] top = new double[k][];
        final double[] grad = new double[d], buf = new double[d];
        final double[] z = new double[m * d];
        final double[] mean = new double[d], c2 = new double[d], c4 = new double[d];
        final double[] g = pts.gradNormSq();
        // h4 = (b2 m4 − b1 m2²)/(a1 b2 − a2 b1): the unbiased estimate of μ₄ from E m4 = a1 μ4 + b1 σ⁴, E m2² = a2 μ4 + b2 σ⁴
        final double mm = m, m3 = mm * mm * mm;
        final double a1 = (mm - 1) * (mm * mm - 3 * mm + 3) / m3, b1 = 3 * (2 * mm - 3) * (mm - 1) / m3;
        final double a2 = (mm - 1) * (mm - 1) / m3, b2 = (mm - 1) * (mm * mm - 2 * mm + 3) / m3;
        final double det = a1 * b2 - a2 * b1;
        for (int t = 0; t < k; t++) {
            final double[] x = pts.point(t);
            f.gradient(x, 0, grad, 0);
            for (int s = 0; s < m; s++) {
                rng.at(t, agent, s);
                grads.sample(agent, x, 0, rng, buf);
                for (int j = 0; j < d; j++) {
                    z[s * d + j] = buf[j] - grad[j];
                }
            }
            Arrays.fill(mean, 0);
            for (int s = 0; s < m; s++) {
                for (int j = 0; j < d; j++) {
                    mean[j] += z[s * d + j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= m;
            }
            Arrays.fill(c2, 0);
            Arrays.fill(c4, 0);
            double us = 0;
            for (int s = 0; s < m; s++) {
                double row = 0;
                for (int j = 0; j < d; j++) {
                    final double e = z[s * d + j] - mean[j];
                    final double e2 = e * e;
                    c2[j] += e2;
                    c4[j] += e2 * e2;
                    row += e2;
                }
                u[s] = row * m / ((m - 1.0) * d); // v̂_t is the mean of these
                us += u[s];
            }
            final double um = us / m;
            double uv = 0;
            for (int s = 0; s < m; s++) {
                uv += (u[s] - um) * (u[s] - um);
            }
            vv[t] = uv / (m - 1) / m;
            double sv = 0, sh = 0, sb = 0;
            for (int j = 0; j < d; j++) {
                final double m2 = c2[j] / m, m4 = c4[j] / m;
                sv += c2[j] / (m - 1);
                sh += (b2 * m4 - b1 * m2 * m2) / det;
                sb += mean[j] * mean[j];
            }
            v[t] = sv / d;
            h4[t] = sh;
            biasSq[t] = sb;
            for (int q = 0; q < z.length; q++) {
                z[q] = Math.abs(z[q]);
            }
            median[t] = medianAndTop(z, keep);
            top[t] = Arrays.copyOfRange(z, z.length - keep, z.length);
        }
        final List<String> notes = new ArrayList<>();
        final Affine fit = Affine.fit(g, v);
        notes.addAll(fit.notes);
        // dispersion φ from κ̂ (Var(v̂_t) = φ μ_t²)
        double ks = 0;
        for (int t = 0; t < k; t++) {
            ks += h4[t] / (fit.mu[t] * fit.mu[t]);
        }
        final double kappa = fit.noNoise ? 3 : Math.max(1, ks / ((double) k * d));
        final double phi = (kappa / m - (m - 3.0) / ((double) m * (m - 1))) / d;
        double cf = 0;
        for (int t = 0; t < k; t++) {
            cf += vv[t] / (phi * fit.mu[t] * fit.mu[t]) / k;
        }
        final double[] cov = fit.noNoise ? new double[3] : sandwich(g, fit.mu, vv, fit.identified);
        final String method = String.format(Locale.ROOT, "weighted least squares of v_t on |grad f(x_t)|^2, weights "
                + "1/mu_t^2 (IRLS); SE: sandwich with each point's Var(v_t) from its own samples (valid for correlated "
                + "coordinates; %.3g x the independent-coordinate model's variance); 95%% interval estimate +- 1.96 SE",
                cf);
        final Estimated s0 = Estimated.normal(fit.a, Math.sqrt(cov[0]), method);
        final Estimated s1 = fit.identified ? Estimated.normal(fit.b, Math.sqrt(cov[1]), method)
                : Estimated.none("not identified: |grad f|^2 does not vary over the points");
        double x2 = 0;
        for (int t = 0; t < k; t++) {
            final double r = v[t] - fit.mu[t];
            x2 += vv[t] > 0 ? r * r / vv[t] : 0;
        }
        x2 = fit.noNoise ? Double.NaN : x2;
        final int df = k - (fit.identified ? 2 : 1);
        final double gofP = fit.noNoise ? Double.NaN : ChiSquaredDistribution.of(df).survivalProbability(x2);
        // tail index on |Z|/ŝ_t, pooled over coordinates and points: the k + 1 largest of each point suffice
        final double[] pooled = new double[k * keep];
        for (int t = 0; t < k; t++) {
            final double sc = Math.sqrt(fit.mu[t]);
            for (int q = 0; q < keep; q++) {
                pooled[t * keep + q] = fit.noNoise ? top[t][q] : top[t][q] / sc;
            }
        }
        Arrays.sort(pooled);
        final HillEstimator.Estimate hill = HillEstimator.ofLargest(
                Arrays.copyOfRange(pooled, Math.max(0, pooled.length - hillK - 1), pooled.length), (int) Math.min(n,
                        Integer.MAX_VALUE));
        final Estimated tail = hill.present()
                ? new Estimated(hill.alpha(), hill.alpha() / Math.sqrt(hill.k()), hill.lo(), hill.hi(),
                String.format(Locale.ROOT, "Hill on |Z|/fitted scale, k = %d of n = %d (k = floor(sqrt n)); "
                        + "95%% interval alpha(1 +- 1.96/sqrt k)", hill.k(), n))
                : Estimated.none("Hill: no estimate (n = " + n + " < 100, or ties/zero threshold)");
        if (tail.present() && tail.hi() < 2) {
            notes.add("the tail index is below 2: the noise has no variance, sigma0^2 and sigma1^2 estimate nothing");
        } else if (tail.present() && tail.lo() < 4) {
            notes.add("the tail index interval reaches below 4: the sample variance may have no variance, the "
                    + "intervals of sigma0^2 and sigma1^2 are then not reliable");
        }
        double rs = 0, rs2 = 0;
        for (int t = 0; t < k; t++) {
            rs += median[t];
        }
        final double rbar = rs / k;
        for (int t = 0; t < k; t++) {
            rs2 += (median[t] - rbar) * (median[t] - rbar);
        }
        final Estimated medianAbs = Estimated.normal(rbar, Math.sqrt(rs2 / (k - 1) / k),
                "mean over the points of median |Z| (for a fixed noise scale, Theorem 7); SE = sd over the points / sqrt K");
        double brSum = 0, chi = 0, bs = 0;
        for (int t = 0; t < k; t++) {
            bs += biasSq[t];
            if (v[t] > 0) {
                brSum += m * biasSq[t] / (d * v[t]);
                chi += m * biasSq[t] / v[t];
            }
        }
        final double biasP = fit.noNoise ? Double.NaN
                : ChiSquaredDistribution.of((double) k * d).survivalProbability(chi);
        return new AgentFit(agent, s0, s1, v, fit.mu, kappa, phi, fit.noNoise ? Double.NaN : cf, x2, df, gofP,
                fit.iterations, fit.converged, tail, n, medianAbs, Math.sqrt(bs / k), brSum / k, biasP, notes);
    }

    /**
     * The sandwich covariance of (σ̂0², σ̂1²): A⁻¹BA⁻¹, A = Σwₜxₜxₜᵀ, B = Σwₜ²xₜxₜᵀVₜ, xₜ = (1, Gₜ),
     * wₜ = 1/μₜ² (G scaled to [0, 1] for the 2 × 2 algebra); {var σ̂0², var σ̂1², cov}. Not identified:
     * the weighted mean's ΣwₜVₜ²/(Σw)² only.
     */
    static double[] sandwich(double[] g, double[] mu, double[] vv, boolean identified) {
        final int k = g.length;
        double gs = 0;
        for (double x : g) {
            gs = Math.max(gs, x);
        }
        gs = identified && gs > 0 ? gs : 1;
        double a00 = 0, a01 = 0, a11 = 0, b00 = 0, b01 = 0, b11 = 0;
        for (int t = 0; t < k; t++) {
            final double w = 1 / (mu[t] * mu[t]), x = g[t] / gs, q = w * w * vv[t];
            a00 += w;
            a01 += w * x;
            a11 += w * x * x;
            b00 += q;
            b01 += q * x;
            b11 += q * x * x;
        }
        if (!identified) {
            return new double[] {b00 / (a00 * a00), Double.NaN, Double.NaN};
        }
        final double det = a00 * a11 - a01 * a01;
        // A⁻¹ = [[a11, −a01], [−a01, a00]]/det
        final double i00 = a11 / det, i01 = -a01 / det, i11 = a00 / det;
        // C = A⁻¹ B A⁻¹ (symmetric)
        final double m00 = i00 * b00 + i01 * b01, m01 = i00 * b01 + i01 * b11;
        final double m10 = i01 * b00 + i11 * b01, m11 = i01 * b01 + i11 * b11;
        final double c00 = m00 * i00 + m01 * i01, c11 = m10 * i01 + m11 * i11, c01 = m00 * i01 + m01 * i11;
        return new double[] {c00, c11 / (gs * gs), c01 / gs};
    }

    /**
     * Rearranges a so that its {@code keep} largest values are at its end in increasing order, and
     * returns its median; by selection (expected O(n)) rather than a full sort: only the median and
     * the values Hill's estimator uses are needed.
     */
    static double medianAndTop(double[] a, int keep) {
        final int n = a.length;
        if (2 * keep >= n) {
            Arrays.sort(a);
            return 0.5 * (a[(n - 1) / 2] + a[n / 2]);
        }
        final int cut = n - keep;
        select(a, 0, n - 1, cut); // a[cut..n) ≥ every value of a[0..cut)
        Arrays.sort(a, cut, n);
        final int m1 = (n - 1) / 2;
        select(a, 0, cut - 1, m1);
        if (n % 2 == 1) {
            return a[m1];
        }
        double next = Double.POSITIVE_INFINITY; // the (n/2)-th smallest: the least value right of m1
        for (int i = m1 + 1; i < cut; i++) {
            next = Math.min(next, a[i]);
        }
        return 0.5 * (a[m1] + Math.min(next, a[cut]));
    }

    /** Partially orders a[lo..hi] so that a[k] is its value of rank k, smaller values left, larger right (Hoare). */
    static void select(double[] a, int lo, int hi, int k) {
        while (hi > lo) {
            final int mid = (lo + hi) >>> 1;
            final double x = a[lo], y = a[mid], z = a[hi];
            final double pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z)); // median of three
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    final double t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /**
     * The IRLS fit of v_t on G_t with Var(v_t) ∝ μ_t² (the class comment). {@code varA}, {@code varB}:
     * the diagonal of (XᵀWX)⁻¹ at the fit (times φ: the variances); {@code mu}: the fitted means,
     * floored at max(10⁻³v_t, 10⁻¹²·max v) where a fit would make them smaller.
     */
    static final class Affine {
        double a, b, varA, varB;
        double[] mu;
        int iterations;
        boolean converged, identified = true, noNoise;
        final List<String> notes = new ArrayList<>();

        static Affine fit(double[] g, double[] v) {
            final Affine r = new Affine();
            final int k = v.length;
            double vmax = 0, gmin = Double.POSITIVE_INFINITY, gmax = 0;
            for (int t = 0; t < k; t++) {
                vmax = Math.max(vmax, v[t]);
                gmin = Math.min(gmin, g[t]);
                gmax = Math.max(gmax, g[t]);
            }
            r.mu = new double[k];
            if (!(vmax > 0)) { // no noise at all: exactly 0, with no spread
                r.noNoise = true;
                r.converged = true;
                r.identified = gmax > gmin;
                Arrays.fill(r.mu, 1);
                r.notes.add("no noise observed (every sample variance is 0)");
                return r;
            }
            final double tiny = 1e-12 * vmax;
            r.identified = gmax - gmin > 1e-9 * gmax;
            final double gs = r.identified ? gmax : 1; // G scaled to [0, 1] for the 2x2 solve
            final double[] mu = r.mu;
            for (int t = 0; t < k; t++) {
                mu[t] = Math.max(v[t], tiny);
            }
            double s0 = 0, s1 = 0, s2 = 0;
            boolean floored = false;
            for (int it = 1; it <= MAX_ITERATIONS; it++) {
                s0 = 0;
                s1 = 0;
                s2 = 0;
                double r0 = 0, r1 = 0;
                for (int t = 0; t < k; t++) {
                    final double w = 1 / (mu[t] * mu[t]);
                    final double u = g[t] / gs;
                    s0 += w;
                    s1 += w * u;
                    s2 += w * u * u;
                    r0 += w * v[t];
                    r1 += w * u * v[t];
                }
                double a, bs;
                if (r.identified) {
                    final double det = s0 * s2 - s1 * s1;
                    a = (s2 * r0 - s1 * r1) / det;
                    bs = (s0 * r1 - s1 * r0) / det;
                } else {
                    a = r0 / s0;
                    bs = 0;
                }
                double change = 0;
                floored = false;
                for (int t = 0; t < k; t++) {
                    double m = a + bs * g[t] / gs;
                    final double fl = Math.max(1e-3 * v[t], tiny);
                    if (!(m >= fl)) {
                        m = fl;
                        floored = true;
                    }
                    change = Math.max(change, Math.abs(m - mu[t]) / mu[t]);
                    mu[t] = m;
                }
                r.a = a;
                r.b = r.identified ? bs / gs : Double.NaN;
                r.iterations = it;
                if (change < TOLERANCE) {
                    r.converged = true;
                    break;
                }
            }
            // (XᵀWX)⁻¹ at the final means
            s0 = 0;
            s1 = 0;
            s2 = 0;
            for (int t = 0; t < k; t++) {
                final double w = 1 / (mu[t] * mu[t]);
                final double u = g[t] / gs;
                s0 += w;
                s1 += w * u;
                s2 += w * u * u;
            }
            if (r.identified) {
                final double det = s0 * s2 - s1 * s1;
                r.varA = s2 / det;
                r.varB = s0 / det / (gs * gs);
            } else {
                r.varA = 1 / s0;
                r.varB = Double.NaN;
                r.notes.add("sigma1^2 not identified: |grad f|^2 is the same at every point (" + gmax + ")");
            }
            if (!r.converged) {
                r.notes.add("the reweighted fit did not converge in " + MAX_ITERATIONS + " iterations");
            }
            if (floored) {
                r.notes.add("the fitted variance is below 1e-3 of the sample variance at some point (floored there): "
                        + "the affine model does not fit");
            }
            return r;
        }
    }
}
