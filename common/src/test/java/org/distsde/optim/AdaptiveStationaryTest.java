package org.distsde.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.SdeSimulation;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.distsde.theory.AdaptiveLimits;
import org.junit.jupiter.api.Test;

/**
 * Stationary variances of distributed AdamW and RMSpropW, optimizer and SDE, on f = ½xᵀHx with
 * H = diag(1, 3) against seed 000's Lemma C.57 / C.45, (η/2)(HΣ^{-1/2} + θI)^{-1}.
 *
 * <p>N = 4 agents with σ0 = 2 each: the server's averaged gradient has noise variance
 * σ0²/N = 1, so Σ = I enters the lemma (a missing 1/N would make Σ = 4I and raise the variance of
 * coordinate 1 by half; a missing θ by half as well). The estimate is the mean over five recorded
 * times t = 4 … 8 (well past the relaxation times 1/(2(h/σ + θ)) ≤ 0.33 of X and 1/ρ₂ = 1 of V)
 * of the variance over R runs; its standard error is var·√(2/(R − 1))/√5 (Gaussian stationary law,
 * rows one time unit apart nearly independent), and the tolerance is K = 4 standard errors (family-
 * wise rate below 1e-3 over the 8 comparisons) plus the lemma's own known bias: for the optimizer
 * the gap to the exact variance of the linearised discrete iteration
 * ({@link AdaptiveLimits#adamWDiscreteVariance}), for the AdamW SDE the gap to the exact
 * stationary variance of the linearised SDE (Eq. 219–220 with V = σ², ι = 1; a 2 × 2 Lyapunov
 * equation, {@link #linearisedAdamWSdeVariance}). That gap is not small: Eq. 219's drift uses
 * M + ηρ₁(∇f − M), the mean of m_{k+1}, but not the fresh noise (1 − β₁)σz that m_{k+1} passes to
 * x at once, so at β₁ = 0.9 the SDE's stationary variance is about (1 − (1 − β₁))² ≈ 0.81 of the
 * optimizer's and of Lemma C.57 (an O(ηρ₁) effect the order-1 theorem allows, ηρ₁ = 1 − β₁).
 */
class AdaptiveStationaryTest {
    private static final int RUNS = 1000;
    private static final double ETA = 0.001, THETA = 0.5, K = 4;
    private static final double[] H = {1, 3};

    static ExperimentConfig config(String optimizer) {
        return ConfigLoader.parse("{\"name\":\"stat\",\"seed\":11,\"runs\":" + RUNS + ",\"rounds\":8000,"
                + "\"recordEvery\":1000,\"optimizer\":\"" + optimizer + "\",\"agents\":4,\"eta\":" + ETA + ","
                + "\"objective\":{\"type\":\"quadratic\",\"h\":[1.0,3.0]},\"x0\":[0.0],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":2.0},\"recordCoordinates\":2,"
                + "\"adaptive\":{\"beta1\":0.9,\"beta2\":0.999,\"theta\":" + THETA + "},"
                + "\"sde\":{\"enabled\":true}}", List.of()).first();
    }

    /** Mean over the rows at t ≥ 4 of the variance over runs of coordinate j. */
    static double stationaryVar(List<RoundStats> rows, int j) {
        double s = 0;
        int n = 0;
        for (RoundStats r : rows) {
            if (r.time() >= 4 - 1e-9) {
                assertTrue(r.diverged() == 0, "no run may diverge");
                s += r.x().var()[j];
                n++;
            }
        }
        assertTrue(n == 5, "five stationary rows");
        return s / n;
    }

    static void check(String what, double measured, double lemma, double bias) {
        final double se = lemma * Math.sqrt(2.0 / (RUNS - 1)) / Math.sqrt(5);
        final double tol = K * se + Math.abs(bias);
        assertTrue(Math.abs(measured - lemma) <= tol, String.format("%s: measured %.5g, lemma %.5g, |diff| %.3g > "
                + "tolerance %.3g (K*SE %.3g + bias %.3g)", what, measured, lemma, Math.abs(measured - lemma), tol,
                K * se, Math.abs(bias)));
    }

    @Test
    void adamWOptimizerAndSdeMatchLemmaC57() {
        final ExperimentConfig cfg = config("adamw");
        final double[] sigma = {1, 1};
        final double[] lemma = AdaptiveLimits.adamWCovariance(ETA, H, sigma, THETA);
        final double[] discrete = AdaptiveLimits.adamWDiscreteVariance(ETA, 0.9, THETA, 1e-8, H, sigma);
        final List<RoundStats> opt = new Simulation(cfg).run(new LocalAggregator(cfg), null);
        final List<RoundStats> sde = new SdeSimulation(cfg).run();
        final double rho1 = 0.1 / ETA;
        for (int j = 0; j < 2; j++) {
            check("adamw optimizer x" + (j + 1), stationaryVar(opt, j), lemma[j], discrete[j] - lemma[j]);
            final double lin = linearisedAdamWSdeVariance(H[j], 1, THETA, rho1, ETA);
            check("adamw SDE x" + (j + 1), stationaryVar(sde, j), lemma[j], lin - lemma[j]);
        }
    }

    /**
     * Stationary Var X of dX = −((1 − a)M/σ + (ah/σ + θ)X)dt, dM = ρ₁(hX − M)dt + √η ρ₁σ dW with
     * a = ηρ₁ (Eq. 219–220 linearised at the minimum, V = σ², ι₁ = ι₂ = 1): the (1, 1) entry of the
     * solution P of AP + PAᵀ + BBᵀ = 0.
     */
    static double linearisedAdamWSdeVariance(double h, double sigma, double theta, double rho1, double eta) {
        final double a = eta * rho1;
        final double a11 = -(a * h / sigma + theta), a12 = -(1 - a) / sigma, a21 = rho1 * h, a22 = -rho1;
        final double q22 = eta * rho1 * rho1 * sigma * sigma;
        // unknowns (P11, P12, P22): 2a11 P11 + 2a12 P12 = 0; a21 P11 + (a11 + a22) P12 + a12 P22 = 0;
        // 2a21 P12 + 2a22 P22 = −q22
        final double[][] m = {{2 * a11, 2 * a12, 0, 0}, {a21, a11 + a22, a12, 0}, {0, 2 * a21, 2 * a22, -q22}};
        for (int c = 0; c < 3; c++) { // Gaussian elimination with partial pivoting
            int piv = c;
            for (int r = c + 1; r < 3; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            final double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            for (int r = 0; r < 3; r++) {
                if (r != c) {
                    final double f = m[r][c] / m[c][c];
                    for (int k = c; k < 4; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        return m[0][3] / m[0][0];
    }

    @Test
    void linearisedSdeVarianceHandValue() {
        // h = 1, σ = 1, θ = 0.5, ρ₁ = 100, η = 0.001 (a = 0.1): from the three equations by hand,
        // P12 = −(2/3)P11, P22 = P12 + 0.05, so (100.6·(2/3) + 0.6 + 100)P11 = 0.045 + 0.6·(2/3)·0 …
        // i.e. (5/3)·100.6·P11 = 0.045: P11 = 0.135/503 = 2.6839e-4 (Lemma C.57: 3.333e-4)
        final double v = linearisedAdamWSdeVariance(1, 1, 0.5, 100, 0.001);
        assertTrue(Math.abs(v - 0.135 / 503) < 1e-15, "linearised SDE variance " + v);
    }

    @Test
    void rmspropWOptimizerAndSdeMatchLemmaC45() {
        final ExperimentConfig cfg = config("rmspropw");
        final double[] sigma = {1, 1};
        final double[] lemma = AdaptiveLimits.rmspropWCovariance(ETA, H, sigma, THETA);
        final double[] discrete = AdaptiveLimits.rmspropWDiscreteVariance(ETA, THETA, 1e-8, H, sigma);
        final List<RoundStats> opt = new Simulation(cfg).run(new LocalAggregator(cfg), null);
        final List<RoundStats> sde = new SdeSimulation(cfg).run();
        for (int j = 0; j < 2; j++) {
            check("rmspropw optimizer x" + (j + 1), stationaryVar(opt, j), lemma[j], discrete[j] - lemma[j]);
            check("rmspropw SDE x" + (j + 1), stationaryVar(sde, j), lemma[j], 0);
        }
    }
}
