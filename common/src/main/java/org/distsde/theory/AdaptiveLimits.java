package org.distsde.theory;

/**
 * Asymptotic expected losses and stationary covariances of RMSprop, Adam, RMSpropW and AdamW on
 * f(x) = ½xᵀHx with H = diag(h) (seed 000, Section 3.2 and Appendix C.6–C.8), with μ = min h,
 * L = max h and L_τ = Tr H. The noise of one sample gradient is Σ = σ²I (per coordinate σⱼ where
 * noted), a batch of B samples has covariance Σ/B, and the scaled forms follow Corollaries C.38,
 * C.43, C.49 and C.55: η̃ = κη, B̃ = δB, θ̃ = ξθ (β̃ does not enter any limit).
 *
 * <p>All SDE values are taken at convergence, where (∇f)² = O(η) so that V_t → σ²/(Bδ) and
 * M_t → ∇f(X_t), with ε = 0. The X_t-dynamics then is linear,
 * dX = −κ(√(Bδ)/σ)HX dt − κξθX dt + κ√η dW (Eq. 150, 165), so its stationary law is Gaussian with
 * the diagonal covariance of the {@code ...Covariance} methods, and its exact stationary loss is
 * E f = ½Σⱼ hⱼ Var_j ({@link #stationaryLoss}). The lemmas' asymptotic losses ({@link #rmsprop},
 * {@link #adam}, {@link #rmspropW}, {@link #adamW}, {@link #adamL2}) are upper bounds on that
 * value, proved for any μ-strongly convex, L-smooth f; only Lemma C.51 ({@link #adamQuadratic}) is
 * the exact value, and it equals the stationary loss of Lemma C.40 / C.52.
 */
public final class AdaptiveLimits {
    private AdaptiveLimits() { }

    /** Lemma C.39, Eq. 147 with κ = δ = B = 1: E f ≤ ησL_τ/(4μ). */
    public static double rmsprop(double eta, double[] h, double sigma) {
        return rmsprop(eta, h, sigma, 1, 1, 1);
    }

    /**
     * Lemma C.39, Eq. 147 (RMSprop): E[f(X_t) − f(X_*)] ≤ ησL_τ/(4μ√B)·κ/√δ as t → ∞, invariant
     * under the square-root rule κ = √δ.
     */
    public static double rmsprop(double eta, double[] h, double sigma, double batch, double kappa, double delta) {
        return eta * sigma * QuadraticLimits.trace(h) / (4 * QuadraticLimits.min(h) * Math.sqrt(batch))
                * kappa / Math.sqrt(delta);
    }

    /** Lemma C.50, Eq. 201 with κ = δ = B = 1: E f ≤ ησL_τ/(4μ). */
    public static double adam(double eta, double[] h, double sigma) {
        return adam(eta, h, sigma, 1, 1, 1);
    }

    /**
     * Lemma C.50 (Adam), Eq. 201: E[f(X_t) − f(X_*)] ≤ ησL_τ/(4μ√B)·κ/√δ, the same bound as RMSprop's
     * Eq. 147. The statement of Lemma C.50 prints ησL_τ/(4√B)·κ/√δ without the 1/μ that its proof
     * carries (Eq. 199–201); Eq. 201 is implemented. Without 1/μ the statement is no bound: for
     * H = hI with h &lt; 1 it is smaller than the exact stationary value of Lemma C.51.
     */
    public static double adam(double eta, double[] h, double sigma, double batch, double kappa, double delta) {
        return rmsprop(eta, h, sigma, batch, kappa, delta);
    }

    /** Lemma C.51 with κ = δ = B = 1: f(X_t) → ησd/4. */
    public static double adamQuadratic(double eta, double[] h, double sigma) {
        return adamQuadratic(eta, h, sigma, 1, 1, 1);
    }

    /**
     * Lemma C.51 (Adam on the diagonal quadratic): E f(X_t) → ησd/(4√B)·κ/√δ, the exact stationary
     * value, independent of H: each coordinate contributes hⱼ/2 times the variance κησ/(2√(Bδ)hⱼ)
     * of Lemma C.52, i.e. κησ/(4√(Bδ)). It is also RMSprop's exact value (Lemma C.40), and at most
     * the bound of Eq. 147/201 since L_τ/μ ≥ d.
     */
    public static double adamQuadratic(double eta, double[] h, double sigma, double batch, double kappa,
            double delta) {
        return eta * sigma * h.length / (4 * Math.sqrt(batch)) * kappa / Math.sqrt(delta);
    }

    /** Lemma C.44, Eq. 162 with κ = δ = ξ = B = 1: E f ≤ (ηL_τσL/2)/(2μL + σθ(L + μ)). */
    public static double rmspropW(double eta, double[] h, double sigma, double theta) {
        return rmspropW(eta, h, sigma, theta, 1, 1, 1, 1);
    }

    /**
     * Lemma C.44 (RMSpropW), Eq. 162: E[f(X_t) − f(X_*)] ≤ (ηL_τσL/2)·κ/(2μ√(Bδ)L + σξθ(L + μ)),
     * invariant under the novel rule κ = ξ = √δ. It stays below ηL_τL/(2θ(L + μ))·κ/ξ as σ → ∞.
     * (Eq. 166 of the proof lacks the minus sign of the contraction rate.)
     */
    public static double rmspropW(double eta, double[] h, double sigma, double theta, double batch, double kappa,
            double delta, double xi) {
        final double mu = QuadraticLimits.min(h);
        final double l = max(h);
        return eta * QuadraticLimits.trace(h) * sigma * l / 2 * kappa
                / (2 * mu * Math.sqrt(batch * delta) * l + sigma * xi * theta * (l + mu));
    }

    /** Lemma C.56, Eq. 225 (Lemma 3.13's Eq. 15 as derived) with κ = δ = ξ = B = 1. */
    public static double adamW(double eta, double[] h, double sigma, double theta) {
        return adamW(eta, h, sigma, theta, 1, 1, 1, 1);
    }

    /**
     * Lemma C.56, Eq. 225 (AdamW; Lemma 3.13's Eq. 15 as the derivation gives it):
     * E[f(X_t) − f(X_*)] ≤ (ηL_τσL/2)·κ/(2μ√(Bδ)·L + σξθ(L + μ)), the same expression as RMSpropW's
     * Eq. 162. It equals the B-form {@code adamW(κη, h, σ, ξθ, δB, 1, 1, 1)} at the rescaled
     * hyperparameters, so it is preserved by the novel rule ({@link ScalingRules#novel}) and not when θ
     * is left unchanged.
     *
     * <p><b>Erratum.</b> Eq. 15 prints the denominator 2μ√(BδL) + σξθ(L + μ) ({@link #adamWPrinted}):
     * L inside the square root. The derivation (Lemma C.56 "the same as Lemma C.50 where we also use
     * L-smoothness as in Lemma C.44", i.e. Eq. 166: a contraction rate 2μ√(Bδ)/σ + ξθ(1 + μ/L), which
     * multiplied by σL gives 2μ√(Bδ)L + σξθ(L + μ)) supports this one. They agree only at L = 1; on
     * Figure 5's H = diag(1, 3) with σ = θ = 1 (κ = δ = ξ = B = 1) the printed value is 2√3 + 4 = 7.46
     * against 10 in the denominator, 34% larger; for L &lt; 1 the printed value is the smaller one and
     * falls below the exact stationary loss of the linearised SDE (e.g. d = 1, H = 1/4, σ = 1, θ = 0.1:
     * printed 0.104η, exact 0.179η, derived 0.179η — for isotropic H the derived bound is exact).
     */
    public static double adamW(double eta, double[] h, double sigma, double theta, double batch, double kappa,
            double delta, double xi) {
        return rmspropW(eta, h, sigma, theta, batch, kappa, delta, xi);
    }

    /** Lemma 3.13, Eq. 15 as printed, with κ = δ = ξ = B = 1: (ηL_τσL/2)/(2μ√L + σθ(L + μ)). */
    public static double adamWPrinted(double eta, double[] h, double sigma, double theta) {
        return adamWPrinted(eta, h, sigma, theta, 1, 1, 1, 1);
    }

    /**
     * Lemma 3.13, Eq. 15 as printed: (ηL_τσL/2)·κ/(2μ√(BδL) + σξθ(L + μ)) — an erratum (see
     * {@link #adamW(double, double[], double, double, double, double, double, double)}): the
     * derivation gives 2μ√(Bδ)·L.
     */
    public static double adamWPrinted(double eta, double[] h, double sigma, double theta, double batch, double kappa,
            double delta, double xi) {
        final double mu = QuadraticLimits.min(h);
        final double l = max(h);
        return eta * QuadraticLimits.trace(h) * sigma * l / 2 * kappa
                / (2 * mu * Math.sqrt(batch * delta * l) + sigma * xi * theta * (l + mu));
    }

    /** Eq. 16 with κ = δ = B = 1: Adam on f + θ‖x‖²/2 gives E f ≤ (ηL_τσ/2)·L/(2μL + θ(L + μ)). */
    public static double adamL2(double eta, double[] h, double sigma, double theta) {
        return adamL2(eta, h, sigma, theta, 1, 1, 1);
    }

    /**
     * Eq. 16 (Adam on the L²-regularised loss f(x) + θ‖x‖²/2, the asymptotic value of f):
     * E[f(X_t) − f(X_*)] ≤ (ηL_τσ/2)·L/(2μL + θ(L + μ)) for κ = δ = B = 1, linear in σ. Eq. 16 is
     * printed unscaled; with the scaling of Corollary C.49 the drift is κ(√(Bδ)/σ)(H + θI) (θ is part
     * of the loss, so it is not multiplied by η), and the same argument as Lemma C.44 gives
     * (ηL_τσL/2)·κ/(√(Bδ)(2μL + θ(L + μ))).
     */
    public static double adamL2(double eta, double[] h, double sigma, double theta, double batch, double kappa,
            double delta) {
        final double mu = QuadraticLimits.min(h);
        final double l = max(h);
        return eta * QuadraticLimits.trace(h) * sigma * l / 2 * kappa
                / (Math.sqrt(batch * delta) * (2 * mu * l + theta * (l + mu)));
    }

    /** Lemma C.40 (RMSprop): Cov X_∞ = (η/2)Σ^{1/2}H^{-1}, per coordinate ησⱼ/(2hⱼ). */
    public static double[] rmspropCovariance(double eta, double[] h, double[] sigma) {
        return rmspropWCovariance(eta, h, sigma, 0, 1, 1, 1, 1);
    }

    /**
     * Lemma C.40 under the scaling of Corollary C.38: the stationary law of
     * dX = −κ(√(Bδ)/σⱼ)hⱼX dt + κ√η dW, Var_j = κησⱼ/(2√(Bδ)hⱼ).
     */
    public static double[] rmspropCovariance(double eta, double[] h, double[] sigma, double batch, double kappa,
            double delta) {
        return rmspropWCovariance(eta, h, sigma, 0, batch, kappa, delta, 1);
    }

    /** Lemma C.52 (Adam): Cov X_∞ = (η/2)Σ^{1/2}H^{-1}, the same as RMSprop's Lemma C.40. */
    public static double[] adamCovariance(double eta, double[] h, double[] sigma) {
        return rmspropCovariance(eta, h, sigma);
    }

    /** Lemma C.52 under the scaling of Corollary C.49: Var_j = κησⱼ/(2√(Bδ)hⱼ). */
    public static double[] adamCovariance(double eta, double[] h, double[] sigma, double batch, double kappa,
            double delta) {
        return rmspropCovariance(eta, h, sigma, batch, kappa, delta);
    }

    /**
     * Lemma C.45 (RMSpropW): Cov X_∞ = (η/2)(HΣ^{-1/2} + θI)^{-1}, per coordinate
     * (η/2)/(hⱼ/σⱼ + θ), the stationary law of Eq. 167. Bounded by η/(2θ) for any σ.
     */
    public static double[] rmspropWCovariance(double eta, double[] h, double[] sigma, double theta) {
        return rmspropWCovariance(eta, h, sigma, theta, 1, 1, 1, 1);
    }

    /**
     * Lemma C.45 under the scaling of Corollary C.43: the stationary law of
     * dX = −κ(√(Bδ)/σⱼ)hⱼX dt − κξθX dt + κ√η dW, Var_j = κη/(2(√(Bδ)hⱼ/σⱼ + ξθ)).
     */
    public static double[] rmspropWCovariance(double eta, double[] h, double[] sigma, double theta, double batch,
            double kappa, double delta, double xi) {
        final double[] v = new double[h.length];
        for (int j = 0; j < h.length; j++) {
            v[j] = kappa * eta / (2 * (Math.sqrt(batch * delta) * h[j] / sigma(sigma, j) + xi * theta));
        }
        return v;
    }

    /** Lemma C.57 (AdamW): Cov X_∞ = (η/2)(HΣ^{-1/2} + θI)^{-1}, the same as RMSpropW's Lemma C.45. */
    public static double[] adamWCovariance(double eta, double[] h, double[] sigma, double theta) {
        return rmspropWCovariance(eta, h, sigma, theta);
    }

    /** Lemma C.57 under the scaling of Corollary C.55: Var_j = κη/(2(√(Bδ)hⱼ/σⱼ + ξθ)). */
    public static double[] adamWCovariance(double eta, double[] h, double[] sigma, double theta, double batch,
            double kappa, double delta, double xi) {
        return rmspropWCovariance(eta, h, sigma, theta, batch, kappa, delta, xi);
    }

    /**
     * Lemma 3.14 (AdamW) as printed: Cov X_∞ = (η/2)(I + θH^{-1}Σ^{1/2})^{-1}H^{-1}Σ^{1/2}, per
     * coordinate (η/2)(σⱼ/hⱼ)/(1 + θσⱼ/hⱼ). Writing S = H^{-1}Σ^{1/2}, (I + θS)^{-1}S = (S^{-1} + θI)^{-1}
     * = (Σ^{-1/2}H + θI)^{-1}, which is Lemma C.57's (HΣ^{-1/2} + θI)^{-1} whenever H and Σ commute,
     * in particular for diagonal H and Σ.
     */
    public static double[] lemma314Covariance(double eta, double[] h, double[] sigma, double theta) {
        final double[] v = new double[h.length];
        for (int j = 0; j < h.length; j++) {
            final double s = sigma(sigma, j) / h[j];
            v[j] = eta / 2 / (1 + theta * s) * s;
        }
        return v;
    }

    /**
     * The stationary covariance behind Eq. 16 (Adam on f + θ‖x‖²/2): the linearised SDE
     * dX = −Σ^{-1/2}(H + θI)X dt + √η dW gives Var_j = ησⱼ/(2(hⱼ + θ)), unbounded in σ.
     */
    public static double[] adamL2Covariance(double eta, double[] h, double[] sigma, double theta) {
        final double[] v = new double[h.length];
        for (int j = 0; j < h.length; j++) {
            v[j] = eta * sigma(sigma, j) / (2 * (h[j] + theta));
        }
        return v;
    }

    /**
     * The stationary loss of a centred Gaussian with diagonal covariance on f = ½xᵀHx:
     * E f = ½Σⱼ hⱼ Var_j. Applied to the covariances above it is the exact stationary loss of the
     * linearised SDE, which the lemmas' asymptotic losses bound from above.
     */
    public static double stationaryLoss(double[] h, double[] variances) {
        double s = 0;
        for (int j = 0; j < h.length; j++) {
            s += h[j] * variances[j] / 2;
        }
        return s;
    }

    /**
     * The exact stationary loss of the linearised AdamW (and RMSpropW) SDE, from Lemma C.57 / C.45:
     * E f = Σⱼ (η/4)hⱼ/(hⱼ/σⱼ + θ), at most Eq. 225 (Eq. 15 derived) / Eq. 162; for θ = 0 it is Lemma
     * C.51's ησd/4.
     */
    public static double adamWStationaryLoss(double eta, double[] h, double[] sigma, double theta) {
        return stationaryLoss(h, adamWCovariance(eta, h, sigma, theta));
    }

    /**
     * The exact stationary variance per coordinate of the linearised discrete RMSpropW iteration
     * (Eq. 156) with v frozen at σⱼ²: x ← x − η(hⱼx + σⱼz)/(σⱼ + ε) − ηθx, z ~ N(0, 1) (θ = 0 is
     * RMSprop, Eq. 133). With c = η/(σⱼ + ε) it is the AR(1) x ← ax + bz, a = 1 − chⱼ − ηθ, b = −cσⱼ,
     * so Var_j = c²σⱼ²/((chⱼ + ηθ)(2 − chⱼ − ηθ)), infinite when |a| ≥ 1. σⱼ is the standard
     * deviation of the gradient noise the iteration sees (σ/√B for a batch of B). For ε = 0 it tends
     * to Lemma C.45's (η/2)/(hⱼ/σⱼ + θ) as η → 0, with relative error O(η).
     */
    public static double[] rmspropWDiscreteVariance(double eta, double theta, double eps, double[] h,
            double[] sigma) {
        final double[] v = new double[h.length];
        for (int j = 0; j < h.length; j++) {
            final double s = sigma(sigma, j);
            final double c = eta / (s + eps);
            final double d = c * h[j] + eta * theta; // 1 − a
            v[j] = d > 0 && d < 2 ? c * c * s * s / (d * (2 - d)) : Double.POSITIVE_INFINITY;
        }
        return v;
    }

    /**
     * The exact stationary variance per coordinate of the linearised discrete AdamW iteration
     * (Eq. 11) with v frozen at σⱼ², both bias corrections at 1 and z ~ N(0, 1):
     * m ← β₁m + (1 − β₁)(hⱼx + σⱼz), then x ← x − ηm/(σⱼ + ε) − ηθx with the new m and the old x
     * (θ = 0 is Adam, Eq. 176). With c = η/(σⱼ + ε), (x, m) is the AR(1)
     * s ← As + bz, A = [[1 − ηθ − c(1 − β₁)hⱼ, −cβ₁], [(1 − β₁)hⱼ, β₁]], b = (−c(1 − β₁)σⱼ, (1 − β₁)σⱼ).
     * Cayley–Hamilton turns x into the AR(2) x_{k+1} = τx_k − Δx_{k−1} − c(1 − β₁)σⱼz_k with
     * τ = tr A, Δ = det A = β₁(1 − ηθ) (the MA term vanishes), whose variance solves the discrete
     * Lyapunov equation P = APAᵀ + bbᵀ in closed form:
     * Var_j = (1 + Δ)c²(1 − β₁)²σⱼ²/((1 − Δ)(1 + Δ − τ)(1 + Δ + τ)), with 1 − Δ = (1 − β₁) + β₁ηθ,
     * 1 + Δ − τ = (1 − β₁)(ηθ + chⱼ), 1 + Δ + τ = (1 + β₁)(2 − ηθ) − (1 − β₁)chⱼ (infinite outside
     * the stability region |Δ| &lt; 1, |τ| &lt; 1 + Δ). σⱼ is the standard deviation of the gradient
     * noise the iteration sees (σ/√B for a batch of B).
     *
     * <p>For ε = 0 it tends to Lemma C.57's (η/2)/(hⱼ/σⱼ + θ) as η → 0 with η/(1 − β₁) → 0 (fixed
     * β₁, or ρ₁ = (1 − β₁)/η = O(η^{-ζ}) as in Theorem C.53), with relative error O(η/(1 − β₁)).
     * With ρ₁ held fixed instead it tends to (η/2)ρ₁/((ρ₁ + θ)(hⱼ/σⱼ + θ)), the stationary variance
     * of the linearised (X, M) SDE Eq. 219–220, which reaches Lemma C.57 only as ρ₁ → ∞.
     */
    public static double[] adamWDiscreteVariance(double eta, double beta1, double theta, double eps, double[] h,
            double[] sigma) {
        final double[] v = new double[h.length];
        final double om = 1 - beta1;
        for (int j = 0; j < h.length; j++) {
            final double s = sigma(sigma, j);
            final double c = eta / (s + eps);
            final double det = beta1 * (1 - eta * theta);
            final double oneMinusDet = om + beta1 * eta * theta;
            final double minus = om * (eta * theta + c * h[j]); // 1 + Δ − τ = det(I − A)
            final double plus = (1 + beta1) * (2 - eta * theta) - om * c * h[j]; // 1 + Δ + τ = det(I + A)
            final boolean stable = Math.abs(det) < 1 && oneMinusDet > 0 && minus > 0 && plus > 0;
            v[j] = stable ? (1 + det) * c * c * om * om * s * s / (oneMinusDet * minus * plus)
                    : Double.POSITIVE_INFINITY;
        }
        return v;
    }

    /** L = max eig H of a diagonal H. */
    public static double max(double[] h) {
        return java.util.Arrays.stream(h).max().orElse(Double.NaN);
    }

    private static double sigma(double[] sigma, int j) {
        return sigma.length == 1 ? sigma[0] : sigma[j];
    }
}
