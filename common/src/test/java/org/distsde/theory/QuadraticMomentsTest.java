package org.distsde.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.noise.GaussianNoise;
import org.distsde.noise.StudentTNoise;
import org.distsde.sde.SdeSimulation;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

/** Seed 000, Section 3.1: Lemmas 3.5–3.9 and Corollary 3.11 on f(x) = ½xᵀHx, H = diag(1, 2). */
class QuadraticMomentsTest {
    static final double KAPPA_GAUSS = Math.sqrt(2 / Math.PI);
    /** 2p_T(0) for Student-t ν = 2. */
    static final double KAPPA_T2 = Math.sqrt(0.5);
    static final double[] H = {1, 2};

    @Test
    void lemma37ClosedFormAgainstHandComputedValues() {
        final QuadraticMoments m = QuadraticMoments.signPhase3(new double[] {1}, new double[] {0.1}, KAPPA_GAUSS,
                0.001, 1);
        // a = sqrt(2/pi)/0.1 = 7.978845608, b = 0.001 a^2 = 0.0636620; stationary variance as printed in
        // Lemma 3.7: (eta/2)(sqrt(2/pi) + eta lambda/(pi sigma))^-1 sigma/lambda = 5e-5 / 0.80106766
        assertEquals(6.241670025841277e-05, m.stationaryVariance(0), 1e-17);
        final double[] at = m.at(0, 0.001, 0.1);
        assertEquals(0.001 * Math.exp(-0.7978845608028654), at[0], 1e-16);
        assertEquals(4.984057912432943e-05, at[1], 1e-16);
        // the scheduled integrator with rho = 1 reproduces the closed form
        final double[][][] num = m.integrate(new double[] {0.001}, 0, new double[] {0.1, 1.0}, t -> 1, 1e-3);
        assertEquals(at[0], num[0][0][0], 1e-12 * Math.abs(at[0]));
        assertEquals(at[1], num[1][0][0], 1e-9 * at[1]);
        assertEquals(m.at(0, 0.001, 1.0)[1], num[1][0][1], 1e-9 * num[1][0][1]);
    }

    @Test
    void lemma38SgdCovariance() {
        // Cov = (eta/2) sigma^2 / lambda (1 - e^{-2 lambda t}): 0.005 * 4 / 2 * (1 - e^-2) at eta = 0.01, sigma = 2
        final QuadraticMoments m = QuadraticMoments.sgd(new double[] {2}, new double[] {2}, 0.01, 1);
        assertEquals(0.01 * (1 - Math.exp(-2 * 2 * 0.5)), m.at(0, 3, 0.5)[1], 1e-15);
        assertEquals(3 * Math.exp(-1), m.at(0, 3, 0.5)[0], 1e-15);
    }

    @Test
    void lemma35BoundsAndLemma39RateAgainstHandComputedValues() {
        // Phase 1: S0 = 2, mu = 1: t* = 2 sqrt(2); at t = 1, (1 - 2 sqrt 2)^2 / 4
        assertEquals(2 * Math.sqrt(2), QuadraticLimits.phase1Duration(2, 1), 1e-15);
        assertEquals(0.8357864376269051, QuadraticLimits.phase1Bound(2, 1, 1), 1e-15);
        assertEquals(0, QuadraticLimits.phase1Bound(2, 1, 3), 0);
        // Phase 3: Delta = sqrt(2/pi)/0.1 + 0.001/pi/0.01 = 8.0106766
        assertEquals(8.010676596647032, QuadraticLimits.phase3Delta(0.001, 1, 0.1), 1e-12);
        assertEquals(0.10080769500484785, QuadraticLimits.phase3Bound(0.5, 0.001, 1, 3, 0.1, 0.1), 1e-15);
        // Lemma 3.9: eta L sigma sqrt(pi/2) eta_t / (4 mu) = 0.01 * 3 * 0.1 * 1.2533 * 0.5 / 4
        assertEquals(4.6999280149331255e-4, QuadraticLimits.lemma39(0.01, 3, 1, 0.1, 0.5), 1e-18);
        // SignGD ODE and the Phase 3 entry: |x0_j| - sqrt(2) sigma / lambda_j
        assertEquals(0.5, QuadraticLimits.signGd(new double[] {-1.5}, 1)[0] * -1, 1e-15);
        assertEquals(1 - Math.sqrt(2) * 0.1 / 2,
                QuadraticLimits.phase3Entry(new double[] {0.3, -1}, H, new double[] {0.1}), 1e-15);
    }

    @Test
    void corollary311DriftConstants() {
        // 2 p_T(0): sqrt(2/pi) for Gaussian noise (Eq. 5), sqrt(1/2) for Student-t nu = 2 (Eq. 10)
        assertEquals(KAPPA_GAUSS, 2 * GaussianNoise.of(1, 0).standardDensityAtZero(), 1e-15);
        assertEquals(Math.sqrt(0.5), 2 * StudentTNoise.of(2, 1).standardDensityAtZero(), 1e-15);
        // and the t_2 drift really is the slope of E[sign(g + sT)] = 2F(g/s) - 1 at 0
        final StudentTNoise t2 = StudentTNoise.of(2, 0.1);
        final double g = 1e-6;
        assertEquals(Math.sqrt(0.5) / 0.1, t2.expectedSign(g, 0, 0) / g, 1e-6);
    }

    @Test
    void lemma39ScheduledLossApproachesItsAsymptote() {
        // rho(t) = (t/eta + 1)^-1/2: the loss tracks d eta sigma rho / (4 kappa) (all coordinates), below Eq. 8
        final double eta = 0.01, sigma = 0.1;
        final QuadraticMoments m = QuadraticMoments.signPhase3(H, new double[] {sigma}, KAPPA_GAUSS, eta, 1);
        final double t = 400;
        final java.util.function.DoubleUnaryOperator rho = s -> 1 / Math.sqrt(s / eta + 1);
        final double loss = m.loss(m.integrate(new double[] {0.01, 0.01}, 0, new double[] {t}, rho, eta))[0];
        final double asym = 2 * eta * sigma * rho.applyAsDouble(t) / (4 * KAPPA_GAUSS);
        assertEquals(asym, loss, 0.02 * asym);
        assertTrue(loss < QuadraticLimits.lemma39(eta, 3, 1, sigma, rho.applyAsDouble(t)));
    }

    /**
     * Standard errors per comparison: each run of {@link #assertMoments} makes 20 comparisons (two
     * moments of two coordinates at five times), so a family-wise false-alarm rate of 10⁻³ needs
     * Φ⁻¹(1 − 10⁻³/40) = 4.06 standard errors per comparison (Bonferroni); 3 would fail a correct
     * engine about once in twenty seeds (measured: one of 17 seeds at 3.7 SE).
     */
    static final double K_FAMILY = 4.06;

    static ExperimentConfig config(String noise, String sdeModel, int runs) {
        return ConfigLoader.parse("""
                {"name": "moments", "runs": %d, "rounds": 1000, "recordEvery": 50, "optimizer": "dsignsgd",
                 "agents": 1, "eta": 0.001, "objective": {"type": "quadratic", "h": [1, 2]}, "x0": [0.01, 0.01],
                 "noise": %s, "recordCoordinates": 2, "sde": {"enabled": true, "model": "%s"}}
                """.formatted(runs, noise, sdeModel), List.of()).first();
    }

    /**
     * Compares the recorded mean and variance of both coordinates with Lemma 3.7 (slope κ) at
     * t = 0.05, 0.1, 0.2, 0.5, 1. Tolerance: {@link #K_FAMILY} standard errors (mean: √(Var/n);
     * variance: Var·√(2/(n − 1)), the Gaussian value) plus an explicit discretisation term:
     * <ul>
     * <li>Euler–Maruyama at Δt: for dX = −aX dt + √(q − bX²) dW the scheme's moments follow
     *     m' = (1 − aΔt)m, S' = ((1 − aΔt)² − bΔt)S + qΔt exactly, so the term is
     *     |scheme − closed form|, computed, not guessed. The sign iteration x' = x − η sign(λx + σZ)
     *     has the same recursion at Δt = η once E[sign] is linearised (b = ηa², q = η:
     *     S' = (1 − 2aη)S + η²).</li>
     * <li>{@code gamma} &gt; 0 (the discrete sign iteration): the linearisation error of E[sign] =
     *     a·x·(1 − r(x)), 0 ≤ r ≤ γx² (γ = (λ/σ)²/6 for erf, (λ/σ)²/4 for the t₂ CDF). Summed with
     *     the contraction of the recursion: |Δm| ≤ min(t, 1/a)·aγE|x|³ and
     *     |ΔS| ≤ min(t, 1/(2a))·2aγE x⁴, with E x⁴ ≤ 3S̄², E|x|³ ≤ (3S̄²)^{3/4} (Gaussian closure;
     *     S̄ = the largest second moment up to t).</li>
     * </ul>
     * Detectable effect: the other slope {@code kappaAlt} (Gaussian ↔ Student-t) must miss by at
     * least twice the tolerance at some checked point, else the test could not tell them apart.
     */
    static void assertMoments(List<RoundStats> rows, double kappa, double sigma, double dt, boolean linearised,
                              double kappaAlt, double gammaFactor) {
        final QuadraticMoments m = QuadraticMoments.signPhase3(H, new double[] {sigma}, kappa, 0.001, 1);
        final QuadraticMoments alt = QuadraticMoments.signPhase3(H, new double[] {sigma}, kappaAlt, 0.001, 1);
        int checked = 0;
        double detect = 0;
        for (RoundStats r : rows) {
            if (r.round() != 50 && r.round() != 100 && r.round() != 200 && r.round() != 500 && r.round() != 1000) {
                continue;
            }
            for (int j = 0; j < 2; j++) {
                final double x0 = 0.01, t = r.time();
                final double[] th = m.at(j, x0, t);
                final double a = kappa * H[j] / sigma, b = 0.001 * a * a, q = 0.001;
                // the scheme's exact moments at step dt
                double em = x0, es = x0 * x0, sBar = x0 * x0;
                for (long k = 0, steps = Math.round(t / dt); k < steps; k++) {
                    em *= 1 - a * dt;
                    es = ((1 - a * dt) * (1 - a * dt) - b * dt) * es + q * dt;
                    sBar = Math.max(sBar, es);
                }
                double dMean = Math.abs(em - th[0]);
                double dVar = Math.abs(es - em * em - th[1]);
                if (linearised) {
                    final double gamma = gammaFactor * Math.pow(H[j] / sigma, 2);
                    final double dm = Math.min(t, 1 / a) * a * gamma * Math.pow(3 * sBar * sBar, 0.75);
                    final double ds = Math.min(t, 1 / (2 * a)) * 2 * a * gamma * 3 * sBar * sBar;
                    dMean += dm;
                    dVar += ds + 2 * Math.abs(th[0]) * dm + dm * dm;
                }
                final int n = r.runs();
                final double tolMean = K_FAMILY * Math.sqrt(th[1] / n) + dMean;
                final double tolVar = K_FAMILY * th[1] * Math.sqrt(2.0 / (n - 1)) + dVar;
                assertEquals(th[0], r.x().mean()[j], tolMean, "E[x" + (j + 1) + "] at t = " + t);
                assertEquals(th[1], r.x().var()[j], tolVar, "Var[x" + (j + 1) + "] at t = " + t);
                final double[] other = alt.at(j, x0, t);
                detect = Math.max(detect, Math.max(Math.abs(other[0] - th[0]) / tolMean,
                        Math.abs(other[1] - th[1]) / tolVar));
                checked++;
            }
        }
        assertEquals(10, checked);
        assertTrue(detect >= 2, "the other slope is only " + detect + " tolerances away");
    }

    @Test
    void phase3SdeMatchesLemma37() {
        final ExperimentConfig c = config("{\"type\": \"gaussian\", \"sigma0\": 0.1}", "phase3", 10000);
        assertMoments(new SdeSimulation(c).run(), KAPPA_GAUSS, 0.1, 0.001, false, KAPPA_T2, 0);
    }

    @Test
    void signSgdMatchesLemma37() {
        final ExperimentConfig c = config("{\"type\": \"gaussian\", \"sigma0\": 0.1}", "phase3", 12000);
        assertMoments(new Simulation(c).run(new LocalAggregator(c), null), KAPPA_GAUSS, 0.1, 0.001, true, KAPPA_T2,
                1.0 / 6);
    }

    @Test
    void signSgdUnderInfiniteVarianceNoiseFollowsCorollary311() {
        final ExperimentConfig c = config("{\"type\": \"student-t\", \"nu\": 2, \"sigma\": 0.1}", "phase3", 18000);
        final List<RoundStats> rows = new Simulation(c).run(new LocalAggregator(c), null);
        assertMoments(rows, KAPPA_T2, 0.1, 0.001, true, KAPPA_GAUSS, 0.25);
        assertMoments(new SdeSimulation(c).run(), KAPPA_T2, 0.1, 0.001, false, KAPPA_GAUSS, 0);
        // and not the Gaussian constant: at t = 0.2, E[x1] = 0.01 e^{-0.2 kappa/0.1} differs by 17% (~6 SE)
        final RoundStats r = rows.stream().filter(s -> s.round() == 200).findFirst().orElseThrow();
        final double gauss = 0.01 * Math.exp(-0.2 * KAPPA_GAUSS / 0.1);
        final double se = Math.sqrt(QuadraticMoments.signPhase3(H, new double[] {0.1}, Math.sqrt(0.5), 0.001, 1)
                .at(0, 0.01, 0.2)[1] / r.runs());
        assertTrue(r.x().mean()[0] - gauss > 3 * se, "E[x1] = " + r.x().mean()[0] + " vs Gaussian-constant " + gauss);
    }
}
