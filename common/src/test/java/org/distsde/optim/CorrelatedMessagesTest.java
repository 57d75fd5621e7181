package org.distsde.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.objective.Objective;
import org.distsde.sim.AgentKernel;
import org.distsde.testing.Fixtures;
import org.distsde.testing.SampleCovariance;
import org.junit.jupiter.api.Test;

/**
 * The correlated kernels' messages at a fixed point against their closed-form covariance, within
 * 5 standard errors of the sample covariance (n = 200 000 sums of the N agents' messages):
 * <ul>
 * <li>DSGD: Cov(Σᵢmᵢ) = Σᵢ sᵢ²C, sᵢ² = fᵢ²(σ0² + σ1²‖∇f‖²), with heterogeneous agents and the
 *     full C of {@link Fixtures} (unequal variances, correlations −0.70 … 0.80);</li>
 * <li>DCSGD with random sparsification (p) after the noise, low-rank C:
 *     Cov(Σᵢmᵢ) = Σᵢ [sᵢ²C + ω·diag((∇f)² + sᵢ²C_jj)], ω = 1/p − 1 (Eq. 28).</li>
 * </ul>
 * The same criterion rejects the covariances of plausible bugs (σ for σ², Lᵀ for L, a missing
 * agent factor, sparsifying before the noise is added).
 */
class CorrelatedMessagesTest {
    static final int RUNS = 1000, ROUNDS = 200;
    static final double S0 = 0.7, S1 = 0.4;
    static final double[] FACTORS = {0.5, 1.0, 2.0};
    static final double[] X = {0.6, -0.4, 0.9, 0.2}; // f = ½Σhⱼxⱼ², h = (1, 2, 0.5, 1.5): ∇f = (0.6, −0.8, 0.45, 0.3)

    static String json(double[][] m) {
        return Arrays.deepToString(m);
    }

    static ExperimentConfig cfg(String optimizer, String corr, String extra) {
        return ConfigLoader.parse("{\"name\":\"k\",\"seed\":5,\"runs\":" + RUNS + ",\"rounds\":1,\"optimizer\":\""
                + optimizer + "\",\"agents\":3,\"eta\":0.1,\"objective\":{\"type\":\"quadratic\",\"h\":[1,2,0.5,1.5]},"
                + "\"x0\":[0],\"noise\":{\"type\":\"gaussian\",\"sigma0\":" + S0 + ",\"sigma1\":" + S1
                + ",\"agentFactors\":" + Arrays.toString(FACTORS) + "," + corr + "}" + extra + "}", List.of()).first();
    }

    /** RUNS·ROUNDS samples of Σᵢ mᵢ at x = X (every run at the same point, one round per batch). */
    static double[] sums(ExperimentConfig c, double[] g, double[] gradNormSq) {
        final Objective f = c.buildObjective();
        final int d = f.dim();
        final double[] grads = new double[RUNS * d], gn2 = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            gn2[r] = f.gradient(X, 0, grads, r * d);
        }
        System.arraycopy(grads, 0, g, 0, d);
        gradNormSq[0] = gn2[0];
        final boolean[] active = new boolean[RUNS];
        Arrays.fill(active, true);
        final AgentKernel k = Optimizers.of(c).kernel(c);
        assertInstanceOf(DrawnMessages.class, k);
        final double[] out = new double[RUNS * ROUNDS * d];
        final double[] acc = new double[RUNS * d];
        for (int round = 0; round < ROUNDS; round++) {
            Arrays.fill(acc, 0);
            k.accumulate(0, 3, round, 0, grads, gn2, active, acc);
            System.arraycopy(acc, 0, out, round * RUNS * d, RUNS * d);
        }
        return out;
    }

    @Test
    void dsgdMessagesHaveCovarianceSumOfAgentScalesTimesC() {
        final ExperimentConfig c = cfg("dsgd", "\"correlation\":" + json(Fixtures.C), "");
        final int d = 4;
        final double[] g = new double[d], g2 = new double[1];
        final double[] xs = sums(c, g, g2);
        final double s2 = S0 * S0 + S1 * S1 * g2[0];
        double f2 = 0, f1 = 0;
        for (double fi : FACTORS) {
            f2 += fi * fi;
            f1 += fi;
        }
        final double[] cm = Fixtures.flat(Fixtures.C);
        final double[] mean = Fixtures.scaled(g, FACTORS.length);
        final SampleCovariance s = SampleCovariance.of(xs, RUNS * ROUNDS, d, mean);
        final double z = s.maxZ(Fixtures.scaled(cm, f2 * s2));
        System.out.printf("dsgd correlated messages: max z = %.2f%n", z);
        assertTrue(z < 5, "Cov(sum m_i) vs sum_i s_i^2 C: max z = " + z);
        assertTrue(s.maxZ(Fixtures.scaled(cm, f2 * Math.sqrt(s2))) > 10, "s for s^2 would be detected");
        assertTrue(s.maxZ(Fixtures.scaled(cm, FACTORS.length * s2)) > 10, "a missing agent factor would be detected");
        assertTrue(s.maxZ(Fixtures.scaled(cm, f1 * f1 * s2 / FACTORS.length)) > 10, "(mean f)^2 for mean f^2 would be detected");
        final double[] lt = Fixtures.transposeProduct(
                org.distsde.noise.Correlation.full("c", Fixtures.C).factor(), d);
        assertTrue(s.maxZ(Fixtures.scaled(lt, f2 * s2)) > 10, "L^T for L would be detected");
    }

    @Test
    void dcsgdSparsifiesAfterTheCorrelatedNoise() {
        final double p = 0.6, omega = 1 / p - 1;
        final double[] dg = Fixtures.D;
        final double[][] u = Fixtures.U;
        final ExperimentConfig c = cfg("dcsgd", "\"lowRank\":{\"diag\":" + Arrays.toString(dg) + ",\"u\":" + json(u) + "}",
                ",\"compression\":{\"type\":\"random-sparsification\",\"p\":" + p + "}");
        final int d = 4;
        final double[] g = new double[d], g2 = new double[1];
        final double[] xs = sums(c, g, g2);
        final double s2 = S0 * S0 + S1 * S1 * g2[0];
        double f2 = 0;
        for (double fi : FACTORS) {
            f2 += fi * fi;
        }
        final double[] expected = new double[d * d], before = new double[d * d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                final double cjk = (j == k ? dg[j] : 0) + u[j][0] * u[k][0] + u[j][1] * u[k][1];
                expected[j * d + k] = f2 * s2 * cjk + (j == k ? omega * (3 * g[j] * g[j] + f2 * s2 * cjk) : 0); // Eq. 28
                before[j * d + k] = f2 * s2 * cjk + (j == k ? omega * 3 * g[j] * g[j] : 0); // noise added after sparsifying
            }
        }
        final SampleCovariance s = SampleCovariance.of(xs, RUNS * ROUNDS, d, Fixtures.scaled(g, 3));
        final double z = s.maxZ(expected);
        System.out.printf("dcsgd correlated low-rank messages: max z = %.2f%n", z);
        assertTrue(z < 5, "Cov(sum m_i) vs Eq. 28: max z = " + z);
        assertTrue(s.maxZ(before) > 10, "sparsifying before adding the noise would be detected");
    }

    /** Same key, same draws; a block of agents split in two gives the same sums. */
    @Test
    void drawsAreKeyedAndBlockingDoesNotMatter() {
        final ExperimentConfig c = cfg("dsignsgd", "\"correlation\":" + json(Fixtures.C), "");
        final int d = 4;
        final double[] grads = new double[RUNS * d], gn2 = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            gn2[r] = c.buildObjective().gradient(X, 0, grads, r * d);
        }
        final boolean[] active = new boolean[RUNS];
        Arrays.fill(active, true);
        active[7] = false;
        final double[] a = new double[RUNS * d], b = new double[RUNS * d], e = new double[RUNS * d];
        Optimizers.of(c).kernel(c).accumulate(0, 3, 4, 10, grads, gn2, active, a);
        final AgentKernel k2 = Optimizers.of(c).kernel(c);
        k2.accumulate(2, 3, 4, 10, grads, gn2, active, b); // another order of blocks, another instance
        k2.accumulate(0, 2, 4, 10, grads, gn2, active, b);
        final double[] b2 = new double[RUNS * d];
        k2.accumulate(0, 2, 4, 10, grads, gn2, active, b2);
        k2.accumulate(2, 3, 4, 10, grads, gn2, active, b2);
        assertArrayEquals(a, b2);
        for (int q = 0; q < a.length; q++) {
            assertTrue(Math.abs(a[q] - b[q]) < 1e-12); // sums of ±1: exact in any order
        }
        Optimizers.of(c).kernel(c).accumulate(0, 3, 5, 10, grads, gn2, active, e);
        assertTrue(!Arrays.equals(a, e), "another round draws other numbers");
        for (int j = 0; j < d; j++) {
            assertTrue(a[7 * d + j] == 0, "an inactive run gets no message");
        }
    }
}
