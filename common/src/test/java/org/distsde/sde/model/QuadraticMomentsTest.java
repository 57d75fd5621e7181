package org.distsde.sde.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Locale;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.MatrixSde;
import org.distsde.sde.Sdes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The curvature-corrected SDE reproduces the optimizer's first two moments on quadratics, step
 * after step, at every sub-step size Δt = η/2^L.
 *
 * <p>The reference is the optimizer's exact recursion, written here from its definition (Section
 * 3) and not from the model's {@link StepVariance}: x ← x − (η/N)Σᵢ C(h·x + Zᵢ) with
 * Zᵢ ~ N(0, σ0² + σ1²h²x²) and random sparsification C (E C(v)² = (1 + ω)v²), so
 * <pre>
 *   E x' = (1 − ηh)E x,    E x'² = (1 − ηh)²E x² + (η²/N)[ω h² E x² + (1 + ω)(σ0² + σ1²h²E x²)].
 * </pre>
 * The model's step is affine in its Gaussian (x' = μ(x) + σ(x)ξ), μ linear and σ² affine in x² on a
 * quadratic; both are read off the step itself (ξ = 0 and ξ = 1 at x = 0 and x = 1) and the
 * moments propagated exactly over 2^L·K sub-steps. They must agree with the recursion to
 * rounding (|mean| — the model's mean does not alternate in sign — and the second moment).
 * Bugs this catches: a missing (1 + ω) or 1/N in the step covariance, η for η² in a variance, the
 * own-noise factor applied with m and ρ swapped, a sub-step that reuses the full-step variance
 * (θ = 1 at every level), the fallback curvature at ∇f = 0 (x = 0) wrong.
 */
class QuadraticMomentsTest {
    static ExperimentConfig config(double h, double eta, double s0, double s1, double omega, int n) {
        final String comp = omega > 0 ? ",\"compression\":{\"type\":\"random-sparsification\",\"omega\":" + omega + "}" : "";
        return ConfigLoader.parse(String.format(Locale.ROOT, "{\"name\":\"q\",\"runs\":10,\"rounds\":10,"
                + "\"optimizer\":\"%s\",\"agents\":%d,\"eta\":%s,\"objective\":{\"type\":\"quadratic\",\"h\":[%s]},"
                + "\"x0\":[1.0],\"noise\":{\"type\":\"gaussian\",\"sigma0\":%s,\"sigma1\":%s}%s,"
                + "\"sde\":{\"enabled\":true,\"model\":\"curvature\"}}", omega > 0 ? "dcsgd" : "dsgd", n, eta, h, s0, s1,
                comp), List.of()).first();
    }

    /** μ(x) and σ(x) of one step of size dt at the 1-D point x. */
    static double[] stepMap(MatrixSde sde, double x, double dt) {
        final double[] drift = new double[1], state = new double[sde.stateDim()], gn2 = new double[1];
        final double[] fac = {1};
        sde.matrixCoefficients(new double[] {x}, 1, drift, state, gn2);
        final double[] a = {x};
        sde.step(a, 1, fac, drift, state, new double[] {0}, 0, dt);
        final double[] b = {x};
        sde.step(b, 1, fac, drift, state, new double[] {Math.sqrt(dt)}, 0, dt);
        return new double[] {a[0], b[0] - a[0]};
    }

    @ParameterizedTest(name = "h={0} eta={1} s0={2} s1={3} omega={4} N={5}")
    @CsvSource({
        "2.0, 0.1, 0.7, 0.0, 0.0, 1",    // z = 0.2, additive noise only
        "2.0, 0.1, 0.7, 0.4, 0.0, 5",    // affine variance (Definition 2)
        "1.5, 0.5, 0.3, 0.6, 2.0, 4",    // z = 0.75 with compression: far from the first-order regime
        "3.0, 0.5, 0.5, 0.2, 1.0, 10",   // z = 1.5: the optimizer's mean alternates in sign
        "1.0, 1.9, 0.2, 0.1, 0.0, 3",    // z = 1.9: near the limit 2/(1 + c1)
        "4.0, 0.3, 0.0, 0.5, 3.0, 2",    // z = 1.2, multiplicative noise only: E x² → 0 or ∞
    })
    void meanAndSecondMomentMatchTheOptimizerAtEveryLevel(double h, double eta, double s0, double s1, double omega,
                                                         int n) {
        final ExperimentConfig cfg = config(h, eta, s0, s1, omega, n);
        final MatrixSde sde = assertInstanceOf(MatrixSde.class, Sdes.of(cfg));
        final int k = 12;
        double mean = 1, second = 1; // the optimizer from x0 = 1 (deterministic start)
        for (int i = 0; i < k; i++) {
            final double m2 = second;
            second = (1 - eta * h) * (1 - eta * h) * m2
                    + eta * eta / n * (omega * h * h * m2 + (1 + omega) * (s0 * s0 + s1 * s1 * h * h * m2));
            mean *= 1 - eta * h;
        }
        for (int level = 0; level <= 4; level++) {
            final double dt = eta / (1 << level);
            final double[] at0 = stepMap(sde, 0, dt), at1 = stepMap(sde, 1, dt);
            final double c = at1[0];                        // μ(x) = c·x
            final double beta = at0[1] * at0[1];            // σ²(x) = α x² + β
            final double alpha = at1[1] * at1[1] - beta;
            assertEquals(0, at0[0], 1e-15, "the minimizer is a fixed point of the mean");
            double m = 1, s = 1;
            for (int i = 0; i < k << level; i++) {
                m *= c;
                s = c * c * s + alpha * s + beta;
            }
            assertEquals(Math.abs(mean), m, 1e-10 * Math.abs(mean) + 1e-300, "|E x_K| at level " + level);
            assertEquals(second, s, 1e-10 * second, "E x_K^2 at level " + level);
        }
    }
}
