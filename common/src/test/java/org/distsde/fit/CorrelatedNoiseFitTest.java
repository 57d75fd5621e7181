package org.distsde.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/**
 * A replica study of the fit's intervals under full-covariance noise: 1000 homogeneous agents are
 * 1000 independent fits of the same constants (each agent's draws are keyed by its index).
 */
class CorrelatedNoiseFitTest {
    /**
     * Σᵢ(x) = (σ0² + σ1²‖∇f‖²)C with C the equicorrelation matrix ρ = 0.8 in d = 8 (unit diagonal, so
     * (1/d)Tr Σ has the constants σ0² = 0.25, σ1² = 0.09), on Σxⱼ⁴/4 from x0 = 3.
     */
    static final String CORRELATED = """
            {"name": "corr", "seed": 21, "runs": 4, "rounds": 400, "optimizer": "dsgd", "agents": 1000, "eta": 0.01,
             "objective": {"type": "quartic", "dim": 8}, "x0": [3.0],
             "noise": {"type": "gaussian", "sigma0": 0.5, "sigma1": 0.3, "correlation": [
              [1.0, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8],
              [0.8, 1.0, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8],
              [0.8, 0.8, 1.0, 0.8, 0.8, 0.8, 0.8, 0.8],
              [0.8, 0.8, 0.8, 1.0, 0.8, 0.8, 0.8, 0.8],
              [0.8, 0.8, 0.8, 0.8, 1.0, 0.8, 0.8, 0.8],
              [0.8, 0.8, 0.8, 0.8, 0.8, 1.0, 0.8, 0.8],
              [0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 1.0, 0.8],
              [0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 1.0]]}}""";

    /**
     * The sandwich intervals cover σ0² and σ1² for a count of the 1000 agents inside the
     * Binomial(1000, 0.95) range of probability 1 − 1e-3; the independent-coordinate intervals
     * (φ(XᵀWX)⁻¹, the former SEs) cover far fewer. With ρ = 0.8 the variance of the coordinate
     * average is ‖C‖_F²/Σⱼ Cⱼⱼ² = (8 + 56·0.64)/8 = 5.48 times the independent one, which the fitted
     * correlation factor must show. Bugs caught: SEs that assume independent coordinates (coverage
     * ≈ 59% here), and a sampler that draws the marginals independently (the factor would be 1 and the
     * correlated configs' fits would be of other noise than the optimizer's).
     */
    @Test
    void sandwichIntervalsCoverUnderCorrelatedCoordinates() {
        final ExperimentConfig c = ConfigLoader.parse(CORRELATED, List.of()).first();
        final FitResult r = FitResult.local(0, "corr", c, new FitResult.Options(20, 200, 4));
        final double t0 = 0.25, t1 = 0.09;
        final double[] g = r.points().gradNormSq();
        int c0 = 0, c1 = 0, o0 = 0, o1 = 0;
        double factor = 0;
        for (NoiseFit.AgentFit a : r.agentFits()) {
            c0 += a.sigma0Sq().covers(t0) ? 1 : 0;
            c1 += a.sigma1Sq().covers(t1) ? 1 : 0;
            // the former intervals: ± 1.96 sqrt(φ (XᵀWX)⁻¹) with φ of independent coordinates
            final NoiseFit.Affine fit = NoiseFit.Affine.fit(g, a.variance());
            final double h0 = 1.959963984540054 * Math.sqrt(a.dispersion() * fit.varA);
            final double h1 = 1.959963984540054 * Math.sqrt(a.dispersion() * fit.varB);
            o0 += Math.abs(a.sigma0Sq().estimate() - t0) <= h0 ? 1 : 0;
            o1 += Math.abs(a.sigma1Sq().estimate() - t1) <= h1 ? 1 : 0;
            factor += a.correlationFactor() / 1000;
        }
        final int[] acc = NoiseFitTest.accepted(1000, 0.95);
        System.out.printf("correlated noise, 1000 replicas: sandwich coverage sigma0^2 %d, sigma1^2 %d (accepted %d..%d);"
                + " independent-coordinate SEs %d, %d; correlation factor %.3f (expected %.3f)%n", c0, c1, acc[0], acc[1],
                o0, o1, factor, (8 + 56 * 0.64) / 8);
        assertTrue(c0 >= acc[0] && c0 <= acc[1], "sigma0^2 coverage " + c0);
        assertTrue(c1 >= acc[0] && c1 <= acc[1], "sigma1^2 coverage " + c1);
        assertTrue(o0 < acc[0] && o1 < acc[0], "the independent-coordinate SEs must under-cover: " + o0 + ", " + o1);
        assertEquals((8 + 56 * 0.64) / 8, factor, 0.5);
    }
}
