package org.distsde.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.distsde.config.ExperimentConfig;
import org.distsde.noise.SymmetricStable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The agents' DSignSGD messages under stable noise, homogeneous or with per-agent α. */
class AgentWorkerStableTest {
    /**
     * The mean sign message over R·N = 100,000 messages equals (1/N)Σᵢ(2F_αᵢ(∂ⱼf/σ) − 1) (Eq. 49),
     * in both sampling modes; 5 binomial standard errors, as {@code AgentWorkerTest}. The same
     * configuration gives the same sums (keyed streams).
     */
    @ParameterizedTest
    @CsvSource({"0.7,noise", "0.7,cdf", "1.5,noise", "1.5,cdf", "2,noise", "mixed,noise", "mixed,cdf"})
    void meanSignMatchesTheNumericalCdf(String law, String mode) {
        final double s = 0.8;
        final double[] alphas = law.equals("mixed") ? new double[] {0.7, 1, 1.5, 2, 1.2}
                : new double[] {Double.parseDouble(law)};
        final String noise = law.equals("mixed")
                ? "{\"type\": \"stable\", \"agentAlphas\": [0.7, 1, 1.5, 2, 1.2], \"sigma\": " + s + "}"
                : "{\"type\": \"stable\", \"alpha\": " + law + ", \"sigma\": " + s + "}";
        final ExperimentConfig c = AgentWorkerTest.cfg(noise, mode);
        final int runs = c.runs(), n = c.agents(), d = 3;
        final double[] gj = {0.3, -1.1, 2.5};
        final double[] grads = new double[runs * d];
        final double[] gn2 = new double[runs];
        final boolean[] active = new boolean[runs];
        for (int r = 0; r < runs; r++) {
            System.arraycopy(gj, 0, grads, r * d, d);
            active[r] = true;
        }
        final double[] acc = new double[runs * d];
        new AgentWorker(c).accumulate(0, n, 0, grads, gn2, active, acc);
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (int r = 0; r < runs; r++) {
                sum += acc[r * d + j];
            }
            final double mean = sum / ((double) runs * n);
            double expected = 0, var = 0;
            for (int i = 0; i < n; i++) {
                final double e = SymmetricStable.of(alphas[i % alphas.length]).meanSign(gj[j] / s);
                expected += e / n;
                var += (1 - e * e) / ((double) runs * n * n);
            }
            assertEquals(expected, mean, 5 * Math.sqrt(var), law + " " + mode + " coordinate " + j);
        }
        final double[] again = new double[runs * d];
        new AgentWorker(c).accumulate(0, n, 0, grads, gn2, active, again);
        assertArrayEquals(acc, again);
    }
}
