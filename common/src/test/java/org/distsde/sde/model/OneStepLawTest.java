package org.distsde.sde.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.AverageCovariance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The curvature model's first-step predictions against closed forms. With w the step's effective
 * curvature (w = ηh on ½hx², w = ηx₀² on x⁴/4) and S² = Σ̃(x₀)/(N·f'(x₀)²) the relative variance of
 * the averaged message, written here from the noise's definition (σ0² + σ1²g² per agent, random
 * sparsification adding ω(g² + σ²)): no noise, w ≤ 2 gives η = 2/h (2/x₀²); mean square,
 * (1 − w)² + w²S² ≤ 1 gives w = 2/(1 + S²); first-step overshoot with probability p,
 * w(1 + Sξ) &gt; 2, gives w = 2/(1 + z₁₋ₚS). Bugs this catches: the Hessian 3x₀² used for w on x⁴/4,
 * a missing 1/N or (1 + ω) in S, p taken as 1 − p, the two-sided quantile.
 */
class OneStepLawTest {
    static OneStepLaw law(String objective, double x0, double s0, double s1, double omega, int n) {
        final String comp = omega > 0 ? ",\"compression\":{\"type\":\"random-sparsification\",\"omega\":" + omega + "}" : "";
        final ExperimentConfig c = ConfigLoader.parse(String.format(Locale.ROOT, "{\"name\":\"p\",\"runs\":1,\"rounds\":1,"
                + "\"optimizer\":\"%s\",\"agents\":%d,\"eta\":0.1,\"objective\":%s,\"x0\":[%s],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":%s,\"sigma1\":%s}%s}", omega > 0 ? "dcsgd" : "dsgd", n,
                objective, x0, s0, s1, comp), List.of()).first();
        final AverageCovariance cov = new AverageCovariance(c.noise().agentNoise(n), c.compression().agentCompressors(),
                c.buildObjective().dim());
        return new OneStepLaw(c.buildObjective(), cov.stepVariance(n), c.initialPoint());
    }

    @ParameterizedTest(name = "{0} x0={1} s0={2} s1={3} omega={4} N={5}")
    @CsvSource(delimiter = ';', value = {
        "{\"type\":\"quadratic\",\"h\":[2.5]}; 2.0; 0.8; 0.3; 0.0; 4",
        "{\"type\":\"quadratic\",\"h\":[0.5]}; -1.5; 0.2; 1.1; 3.0; 2",
        "{\"type\":\"quartic\",\"dim\":1}; 8.0; 0.0; 3.0; 0.0; 10",
        "{\"type\":\"quartic\",\"dim\":1}; 1.25; 0.1; 0.1; 4.0; 1",
    })
    void limitsMatchTheirClosedForms(String objective, double x0, double s0, double s1, double omega, int n) {
        final boolean quartic = objective.contains("quartic");
        final double h = quartic ? 0 : Double.parseDouble(objective.replaceAll(".*\\[(.*)\\].*", "$1"));
        final double g = quartic ? x0 * x0 * x0 : h * x0;
        final double perAgent = s0 * s0 + s1 * s1 * g * g;                        // Definition 2
        final double sq = ((1 + omega) * perAgent + omega * g * g) / (n * g * g); // S², Eq. 28's diagonal
        final double scale = quartic ? x0 * x0 : h;                              // η = w/scale
        final OneStepLaw law = law(objective, x0, s0, s1, omega, n);
        assertEquals(Math.sqrt(sq), law.relativeNoise()[0], 1e-12 * Math.sqrt(sq), "S");
        assertEquals(2 / scale, law.deterministicLimit(), 1e-9 * 2 / scale, "no noise");
        assertEquals(2 / (1 + sq) / scale, law.meanSquareLimit(), 1e-9 / scale, "mean square");
        for (double p : new double[] {0.05, 0.2}) {
            final double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - p);
            final double w = 2 / (1 + z * Math.sqrt(sq));
            assertEquals(w / scale, law.overshootLimit(p), 1e-9 * w / scale, "overshoot at p = " + p);
        }
    }
}
