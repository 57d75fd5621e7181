package org.distsde.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.distsde.rng.KeyedStream;
import org.junit.jupiter.api.Test;

/**
 * Analytic gradients against central finite differences, and the MLP's batched passes against a
 * naive per-row reference written independently here.
 */
class ModelGradientTest {
    private static final Dataset BC = TestData.breastCancer().standardized();

    /** Rows 0 … m−1 of the Breast Cancer data. */
    private static Dataset head(int m) {
        final int[] r = new int[m];
        Arrays.setAll(r, i -> i * 7 % BC.rows()); // spread over both classes
        return BC.select(r);
    }

    private static double[] randomPoint(int d, double scale, long key) {
        final KeyedStream rng = new KeyedStream(11, KeyedStream.Purpose.CHECK).at(key, 0, 0);
        final ContinuousSampler z = ZigguratSampler.NormalizedGaussian.of(rng);
        final double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = scale * z.sample();
        }
        return w;
    }

    /** Every coordinate of the gradient against (f(w + h eⱼ) − f(w − h eⱼ))/(2h). */
    private static void checkAllCoordinates(Model m, Dataset data, double[] w, double relTol) {
        final int d = m.dim(data.features()), n = data.rows();
        final Model.Workspace ws = m.workspace(data.features());
        final double[] g = new double[d + 3];
        final double f = m.lossAndGradient(w, 0, data, null, 0, n, g, 3, ws); // an output offset
        assertEquals(m.loss(w, 0, data, null, 0, n, ws), f, 1e-14 * (1 + Math.abs(f)), "loss of lossAndGradient");
        double gmax = 0;
        for (int j = 0; j < d; j++) {
            gmax = Math.max(gmax, Math.abs(g[3 + j]));
        }
        final double h = 1e-6;
        for (int j = 0; j < d; j++) {
            final double[] wp = w.clone(), wm = w.clone();
            wp[j] += h;
            wm[j] -= h;
            final double fd = (m.loss(wp, 0, data, null, 0, n, ws) - m.loss(wm, 0, data, null, 0, n, ws)) / (2 * h);
            assertEquals(fd, g[3 + j], relTol * (Math.abs(fd) + 1e-3 * gmax) + 1e-9, m.describe() + " d/dw" + j);
        }
    }

    @Test
    void logisticRegressionGradientMatchesFiniteDifferences() {
        final Model m = new LogisticRegression();
        for (int t = 0; t < 3; t++) {
            checkAllCoordinates(m, BC, randomPoint(31, 0.5, t), 1e-6);
        }
    }

    @Test
    void leastSquaresGradientMatchesFiniteDifferences() {
        final Model m = new LeastSquares();
        final Dataset reg = TestData.random(200, 6, 3, true);
        for (int t = 0; t < 3; t++) {
            checkAllCoordinates(m, BC, randomPoint(31, 0.5, t), 1e-6);
            checkAllCoordinates(m, reg, randomPoint(7, 1, 10 + t), 1e-6);
        }
    }

    @Test
    void logisticLossIsStableForHugeLogits() {
        // z = ±800: exp(z) overflows, the log1p(exp) form must not
        final Dataset one = new Dataset(new double[] {1, 1}, new double[] {1, 0}, 1);
        final LogisticRegression m = new LogisticRegression();
        final double[] g = new double[2];
        assertEquals(0.5 * 800, m.lossAndGradient(new double[] {800, 0}, 0, one, null, 0, 2, g, 0, null), 1e-9);
        assertArrayEquals(new double[] {0.5, 0.5}, g, 1e-12);
        assertEquals(0.5 * 800, m.loss(new double[] {-800, 0}, 0, one, null, 0, 2, null), 1e-9);
    }

    /** Central differences where the ReLU pattern is the same at w ± h eⱼ (a generic point); counts the rest. */
    private static int checkMlp(Mlp m, Dataset data, double[] w, int[] coords, double relTol) {
        final int p = data.features(), n = data.rows(), d = m.dim(p);
        final Model.Workspace ws = m.workspace(p);
        final double[] g = new double[d];
        final double f = m.lossAndGradient(w, 0, data, null, 0, n, g, 0, ws);
        final NaiveMlp ref = new NaiveMlp(m.hidden(), p);
        assertEquals(ref.loss(w, data, null), f, 1e-12 * (1 + f), "batched loss = naive per-row loss");
        double gmax = 0;
        for (double v : g) {
            gmax = Math.max(gmax, Math.abs(v));
        }
        final String pattern = ref.pattern(w, data);
        final double h = 1e-6;
        int skipped = 0;
        for (int j : coords) {
            final double[] wp = w.clone(), wm = w.clone();
            wp[j] += h;
            wm[j] -= h;
            if (!ref.pattern(wp, data).equals(pattern) || !ref.pattern(wm, data).equals(pattern)) {
                skipped++; // a kink within ±h: the difference quotient is not a derivative there
                continue;
            }
            final double fd = (m.loss(wp, 0, data, null, 0, n, ws) - m.loss(wm, 0, data, null, 0, n, ws)) / (2 * h);
            assertEquals(fd, g[j], relTol * (Math.abs(fd) + 1e-3 * gmax) + 1e-9, m.describe() + " d/dw" + j);
        }
        return skipped;
    }

    @Test
    void smallMlpGradientMatchesFiniteDifferencesAcrossBlocks() {
        final Mlp m = new Mlp(7, 5);
        final Dataset data = head(150); // three blocks of the batched passes (64 + 64 + 22)
        final int d = m.dim(30);
        assertEquals(7 * 31 + 5 * 8 + 6, d);
        final int[] all = new int[d];
        Arrays.setAll(all, j -> j);
        int skipped = 0;
        for (int t = 0; t < 3; t++) {
            final double[] w = new double[d];
            m.initialize(new KeyedStream(5, KeyedStream.Purpose.MODEL_INIT).at(t, 0, 0), 30, w);
            for (int j = 0; j < d; j++) {
                w[j] += 0.05 * Math.sin(3.7 * j + t); // non-zero biases too
            }
            skipped += checkMlp(m, data, w, all, 1e-5);
        }
        assertTrue(skipped <= 3 * d / 20, "too many coordinates next to a ReLU kink: " + skipped);
    }

    @Test
    void seed000MlpGradientMatchesFiniteDifferences() {
        final Mlp m = new Mlp();
        final Dataset data = head(12);
        final int d = m.dim(30);
        assertEquals(20 * 31 + 9 * 20 * 21 + 21, d); // 4421 parameters
        // coordinates from every layer: 12 weights and 3 biases each, and the output layer's all
        final KeyedStream pick = new KeyedStream(6, KeyedStream.Purpose.CHECK).at(0, 0, 0);
        final int[] coords = new int[11 * 15 + 21];
        int c = 0, o = 0;
        for (int l = 0; l < 10; l++) {
            final int in = l == 0 ? 30 : 20;
            for (int k = 0; k < 12; k++) {
                coords[c++] = o + pick.nextInt(20 * in);
            }
            for (int k = 0; k < 3; k++) {
                coords[c++] = o + 20 * in + pick.nextInt(20);
            }
            o += 20 * in + 20;
        }
        for (int k = 0; k < 21; k++) {
            coords[c++] = o + k;
        }
        final int[] used = Arrays.copyOf(coords, c);
        final double[] w = new double[d];
        m.initialize(new KeyedStream(7, KeyedStream.Purpose.MODEL_INIT).at(0, 0, 0), 30, w);
        for (int j = 0; j < d; j++) {
            w[j] += 0.02 * Math.cos(1.3 * j);
        }
        final int skipped = checkMlp(m, data, w, used, 1e-5);
        assertTrue(skipped <= used.length / 10, "too many coordinates next to a ReLU kink: " + skipped);
    }

    @Test
    void mlpWithoutHiddenLayersIsLogisticRegression() {
        final Mlp m = new Mlp(new int[0]);
        final LogisticRegression lr = new LogisticRegression();
        assertEquals(lr.dim(30), m.dim(30));
        final double[] w = randomPoint(31, 0.3, 4);
        final double[] g1 = new double[31], g2 = new double[31];
        final int[] rows = {5, 5, 17, 400, 3}; // with a repeat
        final double f1 = m.lossAndGradient(w, 0, BC, rows, 0, 5, g1, 0, m.workspace(30));
        final double f2 = lr.lossAndGradient(w, 0, BC, rows, 0, 5, g2, 0, null);
        assertEquals(f2, f1, 1e-13);
        assertArrayEquals(g2, g1, 1e-13);
    }

    @Test
    void heNormalInitialisationHasVariance2OverFanInAndZeroBiases() {
        final Mlp m = new Mlp(40, 40);
        final int p = 30, d = m.dim(p);
        final double[] w = new double[d];
        m.initialize(new KeyedStream(8, KeyedStream.Purpose.MODEL_INIT).at(0, 0, 0), p, w);
        // layer 0: 40×30 weights with variance 2/30, then 40 zero biases; layer 1: 40×40 with 2/40
        assertVariance(w, 0, 1200, 2.0 / 30);
        for (int j = 1200; j < 1240; j++) {
            assertEquals(0, w[j]);
        }
        assertVariance(w, 1240, 1600, 2.0 / 40);
    }

    /** Sample second moment of w[from .. from+n) against σ² (mean 0): 5 standard errors, SE = σ²√(2/n). */
    private static void assertVariance(double[] w, int from, int n, double var) {
        double s = 0;
        for (int j = from; j < from + n; j++) {
            s += w[j] * w[j];
        }
        assertEquals(var, s / n, 5 * var * Math.sqrt(2.0 / n), "He-normal variance");
    }

    @Test
    void minibatchAverageIsTheMeanOfPerRowGradients() {
        // the block loop and the 1/m must give the mean over an arbitrary row list with repeats
        final Mlp m = new Mlp(6);
        final double[] w = new double[m.dim(30)];
        m.initialize(new KeyedStream(9, KeyedStream.Purpose.MODEL_INIT).at(0, 0, 0), 30, w);
        final int[] rows = new int[100];
        Arrays.setAll(rows, k -> (k * 37) % 50);
        final Model.Workspace ws = m.workspace(30);
        final double[] g = new double[w.length], one = new double[w.length], sum = new double[w.length];
        final double f = m.lossAndGradient(w, 0, BC, rows, 0, 100, g, 0, ws);
        double fs = 0;
        for (int k = 0; k < 100; k++) {
            fs += m.lossAndGradient(w, 0, BC, rows, k, k + 1, one, 0, ws);
            for (int j = 0; j < w.length; j++) {
                sum[j] += one[j] / 100;
            }
        }
        assertEquals(fs / 100, f, 1e-13);
        assertArrayEquals(sum, g, 1e-13);
    }

    @Test
    void binaryModelsRejectOtherLabels() {
        final Dataset three = new Dataset(new double[] {1, 2, 3}, new double[] {0, 1, 2}, 1);
        final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new LogisticRegression().check(three));
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Mlp().check(three));
    }
}
