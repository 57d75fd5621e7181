package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Euler–Maruyama on an Ornstein–Uhlenbeck process dX = −θX dt + σ dW (closed-form moments). */
class EulerMaruyamaTest {
    private static final double THETA = 1.0;
    private static final double SIGMA = 0.5;
    private static final double X0 = 1.0;
    private static final double T = 1.0;

    /** dX = −θX dt + σ dW, d = 1. */
    static final class Ou implements Sde {
        @Override public int dim() { return 1; }
        @Override public void drift(double[] x, int off, double[] out, int o) { out[o] = -THETA * x[off]; }
        @Override public void diffusion(double[] x, int off, double[] out, int o) { out[o] = SIGMA; }
        @Override public String describe() { return "ou"; }
    }

    @Test
    void meanAndVarianceMatchTheExactSolutionWithinMonteCarloError() {
        final int n = 20_000;
        final double dt = 1e-3;
        final long steps = Math.round(T / dt);
        final double[] x = new EulerMaruyama(new Ou(), 7).integrate(new double[] {X0}, dt, steps, 0, n);
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= n;
        double m2 = 0, m4 = 0;
        for (double v : x) {
            m2 += (v - m) * (v - m);
            m4 += Math.pow(v - m, 4);
        }
        final double var = m2 / (n - 1);
        m4 /= n;
        final double seMean = Math.sqrt(var / n);
        final double seVar = Math.sqrt((m4 - var * var) / n);
        final double exactMean = X0 * Math.exp(-THETA * T);
        final double exactVar = SIGMA * SIGMA * (1 - Math.exp(-2 * THETA * T)) / (2 * THETA);
        // the EM scheme's own deterministic bias (linear drift: its moments are known in closed form)
        final double q = 1 - THETA * dt;
        final double emMean = X0 * Math.pow(q, steps);
        final double emVar = SIGMA * SIGMA * dt * (1 - Math.pow(q, 2 * steps)) / (1 - q * q);
        System.out.printf("OU: mean %.5f (exact %.5f, se %.2g), var %.5f (exact %.5f, se %.2g)%n",
                m, exactMean, seMean, var, exactVar, seVar);
        assertEquals(exactMean, m, 4 * seMean + Math.abs(emMean - exactMean));
        assertEquals(exactVar, var, 4 * seVar + Math.abs(emVar - exactVar));
    }

    @Test
    void weakErrorOfTheMeanIsFirstOrderInDt() {
        final int n = 200_000;
        final double exact = X0 * Math.exp(-THETA * T);
        final double[] dts = {0.2, 0.1, 0.05};
        final double[] err = new double[3];
        final double[] se = new double[3];
        // the three step sizes are refinement levels 0, 1, 2 of Δt₀ = 0.2 on one seed (coupled increments:
        // their Monte Carlo errors are positively correlated, so the independent-error SE below is conservative)
        final long steps0 = Math.round(T / dts[0]);
        for (int i = 0; i < 3; i++) {
            final double[] x = new EulerMaruyama(new Ou(), 11).integrate(new double[] {X0}, dts[0], i, steps0, 0, n);
            double s = 0, s2 = 0;
            for (double v : x) {
                s += v;
                s2 += v * v;
            }
            final double mean = s / n;
            se[i] = Math.sqrt((s2 / n - mean * mean) / n);
            err[i] = mean - exact;
        }
        for (int i = 0; i < 2; i++) {
            final double ratio = err[i] / err[i + 1];
            final double seRatio = Math.abs(ratio) * Math.hypot(se[i] / err[i], se[i + 1] / err[i + 1]);
            // exact EM weak error: x0((1 − θΔt)^{T/Δt} − e^{−θT}); its halving ratio is 2 + O(Δt)
            final double e1 = X0 * (Math.pow(1 - THETA * dts[i], T / dts[i]) - Math.exp(-THETA * T));
            final double e2 = X0 * (Math.pow(1 - THETA * dts[i + 1], T / dts[i + 1]) - Math.exp(-THETA * T));
            System.out.printf("OU weak error dt=%.3f: %.5f (se %.2g), ratio to dt/2: %.3f +- %.3f (EM closed form %.3f)%n",
                    dts[i], err[i], se[i], ratio, seRatio, e1 / e2);
            assertEquals(e1 / e2, ratio, 4 * seRatio);
            assertTrue(Math.abs(e1 / e2 - 2) < 0.2, "closed-form EM error is first order");
            assertTrue(ratio > 1.5 && ratio < 2.6, "measured weak error shrinks about linearly: ratio " + ratio);
        }
    }
}
