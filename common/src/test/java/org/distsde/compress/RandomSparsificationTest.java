package org.distsde.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distsde.rng.KeyedStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RandomSparsificationTest {
    /** E[C(v)] = v and E‖C(v) − v‖² = ω‖v‖² with ω = 1/p − 1 (Section 3 (i), (ii); seeds README). */
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.5, 0.2})
    void unbiasedWithVarianceOmegaTimesNormSquared(double p) {
        final RandomSparsification c = new RandomSparsification(p);
        assertEquals(1 / p - 1, c.compression(4).omega(), 1e-15);
        final double[] v = {1.5, -2.0, 0.25, 3.0};
        final int d = v.length, n = 200_000;
        final double[] sum = new double[d], sumSq = new double[d];
        final double[] err = new double[n];
        final double[] out = new double[d];
        final KeyedStream rng = new KeyedStream(11, KeyedStream.Purpose.CHECK);
        double vn2 = 0;
        for (double x : v) {
            vn2 += x * x;
        }
        for (int i = 0; i < n; i++) {
            c.compress(v, 0, d, rng.at(i, 0, 0), out, 0);
            double e = 0;
            for (int j = 0; j < d; j++) {
                sum[j] += out[j];
                sumSq[j] += out[j] * out[j];
                e += (out[j] - v[j]) * (out[j] - v[j]);
            }
            err[i] = e;
        }
        for (int j = 0; j < d; j++) {
            final double mean = sum[j] / n;
            final double sd = Math.sqrt(Math.max(sumSq[j] / n - mean * mean, 0));
            final double tol = 5 * sd / Math.sqrt(n) + 1e-12;
            assertEquals(v[j], mean, tol, "E[C(v)]_" + j);
        }
        double m = 0, s2 = 0;
        for (double e : err) {
            m += e;
        }
        m /= n;
        for (double e : err) {
            s2 += (e - m) * (e - m);
        }
        final double tol = 5 * Math.sqrt(s2 / (n - 1)) / Math.sqrt(n) + 1e-12;
        assertEquals(c.compression(d).omega() * vn2, m, tol, "E||C(v) - v||^2");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.1, 1.5, Double.NaN})
    void rejectsPOutsideTheUnitIntervalNamingTheField(double p) {
        final var e = assertThrows(IllegalArgumentException.class, () -> new RandomSparsification(p));
        assertTrue(e.getMessage().contains("compression.p"), e.getMessage());
    }
}
