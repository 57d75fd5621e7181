package org.distsde.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distsde.rng.KeyedStream;

/** Datasets for the tests: the shipped Breast Cancer CSV (read with plain Java) and random data. */
final class TestData {
    static final Path BREAST_CANCER = Path.of("..", "conf", "data", "breast-cancer", "breast-cancer.csv");

    private TestData() { }

    /** The shipped file: 30 features, label last. */
    static Dataset breastCancer() {
        try {
            final List<String> lines = Files.readAllLines(BREAST_CANCER);
            final int n = lines.size() - 1, p = lines.get(0).split(",").length - 1;
            final double[] x = new double[n * p], y = new double[n];
            for (int i = 0; i < n; i++) {
                final String[] f = lines.get(i + 1).split(",");
                for (int j = 0; j < p; j++) {
                    x[i * p + j] = Double.parseDouble(f[j]);
                }
                y[i] = Double.parseDouble(f[p]);
            }
            return new Dataset(x, y, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gaussian features; labels 0/1 from a noisy linear rule (not separable), or its logit when {@code regression}. */
    static Dataset random(int n, int p, long seed, boolean regression) {
        final KeyedStream rng = new KeyedStream(seed, KeyedStream.Purpose.CHECK);
        final org.apache.commons.rng.sampling.distribution.ContinuousSampler z =
                org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        final double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0.3;
            for (int j = 0; j < p; j++) {
                x[i * p + j] = z.sample() * (1 + j % 3);
                s += x[i * p + j] * (j % 2 == 0 ? 0.5 : -0.25);
            }
            final double noisy = s + 1.5 * z.sample();
            y[i] = regression ? noisy : (noisy > 0 ? 1 : 0);
        }
        return new Dataset(x, y, p);
    }
}
