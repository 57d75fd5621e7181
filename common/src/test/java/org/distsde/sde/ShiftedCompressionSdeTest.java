package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shifted-compression SDE of EF21 and DIANA: one Euler–Maruyama step at Δt = η from a given
 * (X, H) has the mean and covariance of the method's step from (x, h), all written here from the
 * method's definition; the configurations it refuses.
 */
class ShiftedCompressionSdeTest {
    static final double ETA = 0.05, S0 = 0.5, S1 = 0.3;
    static final double[] HESS = {1, 2, 0.5};
    static final double[] X = {0.7, -0.4, 1.2};

    static ExperimentConfig cfg(String optimizer, String compression, int agents) {
        return ConfigLoader.parse("{\"name\":\"s\",\"runs\":1,\"rounds\":1,\"optimizer\":\"" + optimizer + "\","
                + "\"agents\":" + agents + ",\"eta\":" + ETA + ",\"objective\":{\"type\":\"quadratic\",\"h\":[1,2,0.5]},"
                + "\"x0\":[0.7,-0.4,1.2],\"noise\":{\"type\":\"gaussian\",\"sigma0\":" + S0 + ",\"sigma1\":" + S1 + "},"
                + "\"compression\":" + compression + ",\"sde\":{\"enabled\":true}}", List.of()).first();
    }

    /**
     * From X and shifts Hᵢ (two agents, per-agent compressors: rand-k with k = 2 and random
     * sparsification), the step's drift (X: −∇f·Δt; Hᵢ: α(∇f − Hᵢ)) and the covariance of the
     * increments of (X, H₁, H₂), read as GGᵀΔt from the step applied to unit Brownian increments,
     * against the method's: Cov ΔX = (η/N)²ΣSᵢ, Cov ΔHᵢ = α²Sᵢ, Cov(ΔX, ΔHᵢ) = −(η/N)αSᵢ, with
     * Sᵢ = diag(aᵢΣ + (aᵢ − bᵢ)uᵢ²) − (1 − bᵢ)uᵢuᵢᵀ, uᵢ = ∇f − Hᵢ. Catches: ρ = α instead of α/η,
     * X's noise √η instead of √η/N, the cross-covariance's sign (X and H moved by independent noise
     * or the same sign), Sᵢ taken at u = ∇f (DCSGD's) instead of ∇f − Hᵢ.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ef21", "diana"})
    void oneStepHasTheMethodsMoments(String optimizer) {
        final String comp = "{\"agents\":[{\"type\":\"rand-k\",\"k\":2},{\"type\":\"random-sparsification\",\"p\":0.8}]"
                + (optimizer.equals("diana") ? ",\"shiftRate\":0.3" : "") + "}";
        final ExperimentConfig c = cfg(optimizer, comp, 2);
        final ShiftedCompressionSde sde = assertInstanceOf(ShiftedCompressionSde.class, Sdes.of(c));
        final double alpha = optimizer.equals("diana") ? 0.3 : 1;
        final int d = 3, n = 2, m = sde.noiseDim(), dt = 1;
        final double[][] h = {{0.2, -0.9, 0.4}, {1.0, 0.3, -0.5}};
        final double[] aux = new double[sde.auxDim()];
        for (int i = 0; i < n; i++) {
            System.arraycopy(h[i], 0, aux, i * d, d);
        }
        final double[] g = new double[d];
        double g2 = 0;
        for (int j = 0; j < d; j++) {
            g[j] = HESS[j] * X[j];
            g2 += g[j] * g[j];
        }
        final double[] drift = new double[d], state = new double[sde.stateDim()], gn2 = new double[1],
                grad = new double[d];
        sde.coefficients(0, X.clone(), aux, 1, drift, state, gn2, grad);
        for (int j = 0; j < d; j++) {
            assertEquals(-g[j], drift[j], 1e-15);
        }
        // the drift of the shifts over Δt = η: α(∇f − Hᵢ)
        final double[] aux1 = aux.clone();
        sde.advance(0, aux1, grad, gn2, 1, new double[m], 0, ETA, new double[] {1});
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(h[i][j] + alpha * (g[j] - h[i][j]), aux1[i * d + j], 1e-12);
            }
        }
        // G: the increments of (X, H₁, H₂) for unit Brownian increments, Δt = 0
        final int rows = d + n * d;
        final double[] gm = new double[rows * m];
        for (int q = 0; q < m; q++) {
            final double[] inc = new double[m];
            inc[q] = 1;
            final double[] x = new double[d];
            sde.step(x, 1, new double[] {1}, drift, state, inc, 0, 0);
            final double[] a = aux.clone();
            sde.advance(0, a, grad, gn2, 1, inc, 0, 0, new double[] {1});
            for (int j = 0; j < d; j++) {
                gm[j * m + q] = x[j];
            }
            for (int k = 0; k < n * d; k++) {
                gm[(d + k) * m + q] = a[k] - aux[k];
            }
        }
        final double sigma = S0 * S0 + S1 * S1 * g2;
        final double[][] s = new double[n][];
        final double[][] ab = {{3 / 2.0, 3 * 1.0 / (2 * 2.0)}, {1 / 0.8, 1}}; // rand-k k = 2 of 3; p = 0.8
        for (int i = 0; i < n; i++) {
            s[i] = new double[d * d];
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < d; l++) {
                    final double uj = g[j] - h[i][j], ul = g[l] - h[i][l];
                    s[i][j * d + l] = (j == l ? ab[i][0] * sigma + (ab[i][0] - ab[i][1]) * uj * uj : 0)
                            - (1 - ab[i][1]) * uj * ul;
                }
            }
        }
        for (int r1 = 0; r1 < rows; r1++) {
            for (int r2 = 0; r2 < rows; r2++) {
                double got = 0;
                for (int q = 0; q < m; q++) {
                    got += gm[r1 * m + q] * gm[r2 * m + q];
                }
                got *= ETA; // over one step Δt = η
                final double expected = methodCovariance(r1, r2, d, n, s, alpha);
                assertEquals(expected, got, 1e-12 * (1 + Math.abs(expected)), optimizer + " Cov(" + r1 + ", " + r2 + ")");
            }
        }
    }

    /** The covariance of the method's one-step increments of (x, h₁, …, h_N), entries r1, r2. */
    static double methodCovariance(int r1, int r2, int d, int n, double[][] s, double alpha) {
        final int b1 = r1 / d, b2 = r2 / d, j = r1 % d, l = r2 % d; // block 0: x; block i + 1: hᵢ
        if (b1 == 0 && b2 == 0) {
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += s[i][j * d + l];
            }
            return ETA * ETA / (n * n) * v;          // x⁺ − x = −η∇f − (η/N)Σξᵢ
        }
        if (b1 == 0 || b2 == 0) {
            final int i = Math.max(b1, b2) - 1;
            return -ETA / n * alpha * s[i][j * d + l]; // h⁺ − h = α(∇f − h) + αξᵢ
        }
        return b1 == b2 ? alpha * alpha * s[b1 - 1][j * d + l] : 0;
    }

    /**
     * A biased compressor (top-k), one without a linear second moment (natural compression) and
     * full-covariance noise are refused with one line naming the field; EF-SGD still has no SDE.
     */
    @Test
    void refusals() {
        final ConfigException top = assertThrows(ConfigException.class,
                () -> cfg("ef21", "{\"type\":\"top-k\",\"k\":2}", 2));
        assertTrue(top.getMessage().contains("compression: ") && top.getMessage().contains("unbiased"), top.getMessage());
        final ConfigException nat = assertThrows(ConfigException.class,
                () -> cfg("diana", "{\"type\":\"natural\"}", 2));
        assertTrue(nat.getMessage().contains("no Gaussian model"), nat.getMessage());
        final ConfigException corr = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "{\"name\":\"s\",\"runs\":1,\"rounds\":1,\"optimizer\":\"diana\",\"agents\":2,\"eta\":0.1,"
                + "\"objective\":{\"type\":\"quadratic\",\"h\":[1,2]},\"x0\":[1.0],\"noise\":{\"type\":\"gaussian\","
                + "\"sigma0\":1.0,\"correlation\":[[1,0.5],[0.5,1]]},\"sde\":{\"enabled\":true}}", List.of()));
        assertTrue(corr.getMessage().contains("noise.correlation"), corr.getMessage());
    }
}
