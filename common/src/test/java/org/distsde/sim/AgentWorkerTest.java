package org.distsde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.statistics.distribution.TDistribution;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentWorkerTest {
    static ExperimentConfig cfg(String noise, String mode) {
        return ConfigLoader.parse("""
                {"name": "signs", "runs": 20000, "rounds": 1, "optimizer": "dsignsgd", "agents": 5, "eta": 0.1,
                 "objective": {"type": "quartic", "dim": 3}, "x0": [0], "noise": %s, "signSampling": "%s"}
                """.formatted(noise, mode), List.of()).first();
    }

    /**
     * The mean sign message of the agents equals E[sign(∂ⱼf + Zⱼ)]: erf(∂ⱼf/(√2 s)) for Gaussian
     * noise, 2F_ν(∂ⱼf/σ) − 1 for Student-t (seeds README), in both sampling modes. Tolerance: 5
     * binomial standard errors of a mean of R·N independent ±1 messages.
     */
    @ParameterizedTest
    @CsvSource({"gaussian,noise", "gaussian,cdf", "1,noise", "1,cdf", "2,noise", "2,cdf", "5,noise", "5,cdf"})
    void meanSignMatchesTheClosedForm(String law, String mode) {
        final double s = 0.8;
        final String noise = law.equals("gaussian")
                ? "{\"type\": \"gaussian\", \"sigma0\": " + s + "}"
                : "{\"type\": \"student-t\", \"nu\": " + law + ", \"sigma\": " + s + "}";
        final ExperimentConfig c = cfg(noise, mode);
        final int runs = c.runs(), n = c.agents(), d = 3;
        final double[] gj = {0.3, -1.1, 2.5};
        final double[] grads = new double[runs * d];
        final double[] gn2 = new double[runs];
        final boolean[] active = new boolean[runs];
        for (int r = 0; r < runs; r++) {
            System.arraycopy(gj, 0, grads, r * d, d);
            gn2[r] = 0.3 * 0.3 + 1.1 * 1.1 + 2.5 * 2.5;
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
            final double expected = law.equals("gaussian")
                    ? Erf.value(gj[j] / (Math.sqrt(2) * s))
                    : 2 * TDistribution.of(Double.parseDouble(law)).cumulativeProbability(gj[j] / s) - 1;
            final double tol = 5 * Math.sqrt((1 - expected * expected) / ((double) runs * n));
            assertEquals(expected, mean, tol, law + " " + mode + " coordinate " + j);
        }
    }
}
