package org.distsde.sde.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.SdeScheme;
import org.distsde.config.SdeSpec;
import org.distsde.sde.Configs;
import org.distsde.sde.SdeSimulation;
import org.distsde.sim.RoundStats;
import org.junit.jupiter.api.Test;

/**
 * Fitted weak orders on SDEs whose second moment m(t) = E[X_t²] has a closed form, with levels
 * Δt₀/2^ℓ on coupled Brownian paths, the way DifferentialEquations.jl's {@code test_convergence}
 * checks a scheme: Euler–Maruyama's slope of log|D_ℓ| against log Δt must lie in [0.8, 1.2], the
 * Talay–Tubaro extrapolation's within 3 standard errors of 2 (its differences are much noisier). Every problem here has drift −aX and a squared
 * diffusion affine in X², so m' = −2a m + c₀ + c₁m and, for Euler–Maruyama at step Δ,
 * m_{n+1} = (1 − aΔ)² m_n + Δ(c₀ + c₁m_n) exactly: each level's mean is checked against that
 * recursion (a wrong bridge variance, a missing √(η/N) or a wrong step count fails), and the
 * extrapolated value against the SDE's m(T).
 */
class WeakOrderTest {
    static final int LEVELS = 4;

    /** Euler–Maruyama levels 0 … LEVELS of a config, one block of all paths each. */
    static Refinement levels(ExperimentConfig cfg, SdeScheme scheme) {
        return levels(cfg, scheme, LEVELS);
    }

    static Refinement levels(ExperimentConfig cfg, SdeScheme scheme, int levels) {
        final Refinement ref = new Refinement(0, levels, scheme);
        for (int l = 0; l <= levels; l++) {
            final SdeSimulation sim = new SdeSimulation(cfg, l);
            final SdeSimulation.Block b = sim.runBlock(0, sim.paths());
            ref.add(LevelStats.of(l, sim.dt(), SdeSimulation.combine(List.of(b)), List.of(b), LevelStats.DEFAULT_BATCHES));
        }
        return ref;
    }

    /** m(T) of m' = −2a m + c₀ + c₁ m, m(0) = x₀². */
    static double exact(double a, double c0, double c1, double x0, double t) {
        final double k = 2 * a - c1, inf = c0 / k;
        return inf + (x0 * x0 - inf) * Math.exp(-k * t);
    }

    /** Euler–Maruyama's m after n steps of Δ. */
    static double euler(double a, double c0, double c1, double x0, double dt, long n) {
        double m = x0 * x0;
        for (long i = 0; i < n; i++) {
            m = (1 - a * dt) * (1 - a * dt) * m + dt * (c0 + c1 * m);
        }
        return m;
    }

    /** Checks every level's E f(X_T) = (h/2) m against the Euler recursion within 4 standard errors. */
    static void levelsMatchEuler(Refinement ref, double h, double a, double c0, double c1, double x0, double t) {
        for (LevelStats l : ref.levels()) {
            final RoundStats last = l.rows().get(l.rows().size() - 1);
            final double want = h / 2 * euler(a, c0, c1, x0, l.dt(), Math.round(t / l.dt()));
            final double se = last.loss().std() / Math.sqrt(last.runs());
            assertEquals(want, last.loss().mean(), 4 * se, "level " + l.level() + " (dt " + l.dt() + ")");
        }
    }

    private static void report(String what, WeakOrderFit fit) {
        System.out.printf("%s: fitted weak order %.3f [%.3f, %.3f] from %d differences%n", what, fit.order(), fit.lo(),
                fit.hi(), fit.points());
    }

    /** DSGD on f = hx²/2 with N agents of (σ0², σ1²)-variance: Eq. 8 gives a = h, c₀ = ησ0²/N, c₁ = ησ1²h²/N. */
    private static ExperimentConfig dsgd(double h, double s0, double s1, double eta, int n, int rounds, int paths,
                                         double x0) {
        return dsgd(h, s0, s1, eta, n, rounds, paths, x0, null);
    }

    private static ExperimentConfig dsgd(double h, double s0, double s1, double eta, int n, int rounds, int paths,
                                         double x0, Double dt) {
        return Configs.of("dsgd", Configs.quadratic(h), new double[] {x0}, Configs.gaussian(s0, s1), n, eta, paths,
                rounds, rounds, null, null, null, new SdeSpec(true, dt, paths));
    }

    @Test
    void eulerMaruyamaIsWeakOrderOneOnOrnsteinUhlenbeck() {
        final double h = 1, s0 = 1, eta = 0.25, x0 = 2;
        final int n = 1, rounds = 4;
        final Refinement ref = levels(dsgd(h, s0, 0, eta, n, rounds, 40_000, x0), SdeScheme.EULER_MARUYAMA);
        final double c0 = eta * s0 * s0 / n, t = rounds * eta;
        levelsMatchEuler(ref, h, h, c0, 0, x0, t);
        final WeakOrderFit fit = ref.order(Statistic.LOSS_MEAN, ref.levels().get(0).rows().size() - 1);
        report("OU, Euler-Maruyama", fit);
        assertTrue(fit.order() >= 0.8 && fit.order() <= 1.2, "order " + fit.order());
        assertTrue(fit.hi() - fit.lo() < 0.4, "the interval must be informative: " + fit);
        // the Richardson value agrees with the SDE's m(T) far better than the finest level
        final Refinement.Summary sum = ref.summary();
        final double want = h / 2 * exact(h, c0, 0, x0, t);
        final RoundStats fine = ref.levels().get(LEVELS).rows().get(ref.levels().get(LEVELS).rows().size() - 1);
        final double se = fine.loss().std() / Math.sqrt(fine.runs());
        System.out.printf("OU: E f(X_T) exact %.6f, finest %.6f, Richardson %.6f (SE %.2g)%n", want, fine.loss().mean(),
                sum.richardson(), se);
        assertEquals(want, sum.richardson(), 4 * se + 0.25 * Math.abs(fine.loss().mean() - want));
        final RoundStats coarse = ref.levels().get(0).rows().get(ref.levels().get(0).rows().size() - 1);
        assertTrue(Math.abs(coarse.loss().mean() - want) > 4 * se, "level 0's bias must be visible");
    }

    @Test
    void eulerMaruyamaIsWeakOrderOneWithAffineNoise() {
        final double h = 1, s0 = 1, s1 = 0.5, eta = 0.25, x0 = 2;
        final int n = 1, rounds = 4;
        final Refinement ref = levels(dsgd(h, s0, s1, eta, n, rounds, 40_000, x0), SdeScheme.EULER_MARUYAMA);
        levelsMatchEuler(ref, h, h, eta * s0 * s0 / n, eta * s1 * s1 * h * h / n, x0, rounds * eta);
        final WeakOrderFit fit = ref.order(Statistic.LOSS_MEAN, ref.levels().get(0).rows().size() - 1);
        report("DSGD, affine noise, Euler-Maruyama", fit);
        assertTrue(fit.order() >= 0.8 && fit.order() <= 1.2, "order " + fit.order());
    }

    @Test
    void eulerMaruyamaIsWeakOrderOneOnThePhase3SignSde() {
        // seed 000 Eq. 5 (Lemma 3.7): dX = −κ h X/σ dt + √(η/N)·√(1 − (κ h X/σ)²) dW, κ = √(2/π);
        // |κ h X/σ| stays well below 1 here, so a = κh/σ, c₀ = η/N, c₁ = −(η/N)(κh/σ)²
        final double h = 1, sigma = 2, eta = 0.25, x0 = 1;
        final int n = 2, rounds = 8;
        final ExperimentConfig cfg = Configs.of("dsignsgd", Configs.quadratic(h), new double[] {x0},
                Configs.gaussian(sigma, 0), n, eta, 40_000, rounds, rounds, null, null, null,
                new SdeSpec(true, null, 40_000, "phase3"));
        final Refinement ref = levels(cfg, SdeScheme.EULER_MARUYAMA);
        final double a = Math.sqrt(2 / Math.PI) * h / sigma;
        levelsMatchEuler(ref, h, a, eta / n, -eta / n * a * a, x0, rounds * eta);
        final WeakOrderFit fit = ref.order(Statistic.LOSS_MEAN, ref.levels().get(0).rows().size() - 1);
        report("SignSGD phase 3, Euler-Maruyama", fit);
        assertTrue(fit.order() >= 0.8 && fit.order() <= 1.2, "order " + fit.order());
    }

    /**
     * Talay–Tubaro's extrapolated ∫ηₛ‖∇f‖²ds and Var[X_T] on DSGD's OU SDE (Eq. 8, f = hx²/2, h = 2,
     * σ0 = 1, N = 1, η = 1/8, T = 1, x0 = 2, Δt₀ = η, three levels; the resolved estimate is
     * 2S(Δt/4) − S(Δt/2)), against the closed forms m(t) = E X_t² = c₀/(2h) + (x0² − c₀/(2h))e^{−2ht},
     * c₀ = ησ0²/N: ∫₀ᵀh²m = h²(c₀T/(2h) + (x0² − c₀/(2h))(1 − e^{−2hT})/(2h)) and Var X_T = m(T) −
     * x0²e^{−2hT}. The exact expectations of each Euler level (the recursions m ← (1 − hΔ)²m + Δc₀,
     * μ ← (1 − hΔ)μ, the left Riemann sum of h²m) give the extrapolation's own O(Δt²) residual, 0.2% of
     * the closed forms, against 3.4% for the finest Euler level; the measured extrapolation must equal the
     * recursions' within 4 standard errors (batch means for the integral; for the variance the bound
     * 2SE + SE ≥ SE(2S_f − S_c) with SE = Var·√(2/(n − 1)), Gaussian X_T; 5·10⁵ paths make 4 of it 2.4%).
     * Bugs caught: the integral or the coordinate variances not extrapolated (3.4% off), the combination
     * reversed (2S_c − S_f, 11% off), the wrong pair of levels.
     */
    @Test
    void talayTubaroExtrapolatesTheIntegralAndTheVariance() {
        final double h = 2, c0 = 0.125, x0 = 2, t = 1;
        final int paths = 500_000;
        final ExperimentConfig cfg = org.distsde.config.ConfigLoader.parse(("{\"name\": \"ou\", \"seed\": 5, "
                + "\"runs\": 2, \"rounds\": 8, \"recordEvery\": 8, \"optimizer\": \"dsgd\", \"agents\": 1, "
                + "\"eta\": 0.125, \"objective\": {\"type\": \"quadratic\", \"h\": [2]}, \"x0\": [2], "
                + "\"noise\": {\"type\": \"gaussian\", \"sigma0\": 1}, \"recordCoordinates\": 1, "
                + "\"sde\": {\"enabled\": true, \"paths\": %d, \"scheme\": \"talay-tubaro\"}}").formatted(paths),
                List.of()).first();
        final Refinement ref = levels(cfg, SdeScheme.TALAY_TUBARO, 2);
        final int last = ref.levels().get(0).rows().size() - 1;
        final double k = 2 * h, inf = c0 / k;
        final double intExact = h * h * (inf * t + (x0 * x0 - inf) * (1 - Math.exp(-k * t)) / k);
        final double varExact = inf + (x0 * x0 - inf) * Math.exp(-k * t) - Math.pow(x0 * Math.exp(-h * t), 2);
        final double[] em1 = eulerMoments(h, c0, x0, 0.0625, t), em2 = eulerMoments(h, c0, x0, 0.03125, t);
        final double intTt = 2 * em2[1] - em1[1], varTt = 2 * em2[0] - em1[0];
        assertTrue(Math.abs(intTt - intExact) < 0.005 * intExact && Math.abs(em2[1] - intExact) > 0.03 * intExact);
        assertTrue(Math.abs(varTt - varExact) < 0.005 * varExact && Math.abs(em2[0] - varExact) > 0.03 * varExact);
        final RoundStats r = ref.resolved().get(last);
        final LevelStats[] ls = {ref.levels().get(1), ref.levels().get(2)};
        final double intSe = Refinement.combinationSe(new double[] {-1, 2}, ls, last, Statistic.INT_ETA_GRAD_NORM_SQ);
        final double varSe = 3 * varExact * Math.sqrt(2.0 / (paths - 1));
        System.out.printf("OU, Talay-Tubaro: int %.5f (recursion %.5f, exact %.5f, SE %.2g); var %.6f (recursion "
                + "%.6f, exact %.6f, SE bound %.2g)%n", r.integrals().etaGradNormSq(), intTt, intExact, intSe, r.x().var()[0], varTt,
                varExact, varSe);
        assertEquals(intTt, r.integrals().etaGradNormSq(), 4 * intSe);
        assertEquals(varTt, r.x().var()[0], 4 * varSe);
        assertEquals(intExact, r.integrals().etaGradNormSq(), 4 * intSe + Math.abs(intTt - intExact));
        assertEquals(varExact, r.x().var()[0], 4 * varSe + Math.abs(varTt - varExact));
    }

    /** {Var, ∫h²m (left Riemann sum)} of Euler–Maruyama at step Δ on dX = −hX dt + √c₀ dW to time t. */
    static double[] eulerMoments(double h, double c0, double x0, double dt, double t) {
        double m = x0 * x0, mu = x0, in = 0;
        for (long i = 0, n = Math.round(t / dt); i < n; i++) {
            in += h * h * m * dt;
            m = (1 - h * dt) * (1 - h * dt) * m + dt * c0;
            mu = (1 - h * dt) * mu;
        }
        return new double[] {m - mu * mu, in};
    }

    @Test
    void talayTubaroIsWeakOrderTwo() {
        final double h = 2, s0 = 1, eta = 0.125, x0 = 2;
        final int n = 1, rounds = 8;
        // base step η/4 (hΔt₀ = 1/16) and six levels: three differences of the extrapolation in its asymptotic range
        final Refinement ref = levels(dsgd(h, s0, 0, eta, n, rounds, 100_000, x0, eta / 4), SdeScheme.TALAY_TUBARO, 5);
        final int last = ref.levels().get(0).rows().size() - 1;
        final WeakOrderFit em = ref.order(Statistic.LOSS_MEAN, last);
        final WeakOrderFit tt = ref.extrapolatedOrder(Statistic.LOSS_MEAN, last);
        report("OU h = 2, Euler-Maruyama", em);
        report("OU h = 2, Talay-Tubaro", tt);
        // within 3 standard errors of the fit (about 0.2 at 100 000 paths: over eight seeds the fitted order
        // spread 1.70-2.26, so a fixed window of +-0.2 fails by chance); the window still excludes
        // order 1, what the extrapolation gives when its combination is wrong (e.g. weights 2, -1 swapped)
        assertEquals(2, tt.order(), 3 * tt.se(), "order " + tt.order() + " (SE " + tt.se() + ")");
        assertTrue(3 * tt.se() < 0.9, "a fitted order 1 must be detectable: SE " + tt.se());
        // the resolved estimate of a Talay–Tubaro refinement is the extrapolation
        final double want = h / 2 * exact(h, eta * s0 * s0 / n, 0, x0, rounds * eta);
        final RoundStats r = ref.resolved().get(last);
        System.out.printf("OU h = 2: exact %.6f, Talay-Tubaro %.6f, finest EM %.6f%n", want, r.loss().mean(),
                ref.levels().get(ref.levels().size() - 1).rows().get(last).loss().mean());
        assertEquals(want, r.loss().mean(), 4 * r.loss().std() / Math.sqrt(r.runs()));
    }
}
