package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.numbers.gamma.Erfc;
import org.distsde.rng.KeyedStream;
import org.junit.jupiter.api.Test;

/** The ziggurat Gaussians against Φ, and the bulk first words against the positioned stream. */
class ZigguratTest {
    private static double phi(double t) {
        return 0.5 * Erfc.value(-t / Math.sqrt(2));
    }

    @Test
    void tablesCloseTheLayers() {
        // every layer has area v; the last one (up to f(0) = 1) closes to 1e-9 relative
        for (int i = 1; i < 255; i++) {
            assertEquals(Ziggurat.V, Ziggurat.X[i] * (Ziggurat.F[i + 1] - Ziggurat.F[i]), 1e-12, "layer " + i);
        }
        assertEquals(Ziggurat.V, Ziggurat.X[255] * (1 - Ziggurat.F[255]), 1e-9 * Ziggurat.V);
        // the base strip: rectangle up to r plus the tail beyond r
        final double tail = Math.sqrt(2 * Math.PI) * (1 - phi(Ziggurat.R));
        assertEquals(Ziggurat.V, Ziggurat.R * Ziggurat.F[1] + tail, 1e-9 * Ziggurat.V);
    }

    @Test
    void samplesFollowTheStandardNormalWithinMonteCarloError() {
        final int n = 4_000_000;
        final KeyedStream s = new KeyedStream(99, KeyedStream.Purpose.SDE);
        final double[] ts = {-3.9, -3.0, -2.0, -1.3, -0.8, -0.25, 0, 0.2, 0.6, 1.1, 1.7, 2.6, 3.3, 3.66, 4.0};
        final long[] below = new long[ts.length];
        double m1 = 0, m2 = 0, m4 = 0;
        long tail = 0;
        for (int k = 0; k < n / 4; k++) {
            s.at(k, 0, 3);
            for (int r = 0; r < 4; r++) {
                final double z = Ziggurat.sample(s.nextLong(), s::nextLong);
                m1 += z;
                m2 += z * z;
                m4 += z * z * z * z;
                tail += Math.abs(z) > Ziggurat.R ? 1 : 0;
                for (int i = 0; i < ts.length; i++) {
                    below[i] += z <= ts[i] ? 1 : 0;
                }
            }
        }
        for (int i = 0; i < ts.length; i++) {
            final double p = phi(ts[i]);
            final double se = Math.sqrt(p * (1 - p) / n);
            assertEquals(p, below[i] / (double) n, 4 * se + 1e-12, "P(Z <= " + ts[i] + ")");
        }
        final double pt = 2 * (1 - phi(Ziggurat.R));
        assertEquals(pt, tail / (double) n, 4 * Math.sqrt(pt / n), "tail beyond r");
        assertEquals(0, m1 / n, 4 / Math.sqrt(n), "mean");
        assertEquals(1, m2 / n, 4 * Math.sqrt(2.0 / n), "variance");
        assertEquals(3, m4 / n, 4 * Math.sqrt(96.0 / n), "fourth moment");
        // power (checked by mutation): accepting every wedge candidate fails at P(Z <= -3) by ~8 SE, a tail
        // of half the right scale at P(Z <= -3.9) by ~9 SE
    }

    @Test
    void firstWordsAreTheFirstDrawOfEachStream() {
        final KeyedStream s = new KeyedStream(5, KeyedStream.Purpose.SDE);
        final long[] w = new long[50];
        s.firstWords(1000, 50, 0, 77, w);
        for (int i = 0; i < 50; i++) {
            assertEquals(s.at(1000 + i, 0, 77).nextLong(), w[i]);
        }
    }

    @Test
    void nextLongsAreSuccessiveDraws() {
        final KeyedStream a = new KeyedStream(5, KeyedStream.Purpose.SDE);
        final KeyedStream b = new KeyedStream(5, KeyedStream.Purpose.SDE);
        final long[] w = new long[40];
        for (int first = 0; first <= 2; first++) { // from a fresh key, after h1, after the state is built
            a.at(3, 0, 9);
            b.at(3, 0, 9);
            for (int f = 0; f < first; f++) {
                assertEquals(a.nextLong(), b.nextLong());
            }
            a.nextLongs(w, 0, 40);
            for (int i = 0; i < 40; i++) {
                assertEquals(b.nextLong(), w[i], "draw " + i + " after " + first);
            }
            assertEquals(b.nextLong(), a.nextLong(), "the stream continues after the bulk draws");
        }
    }
}
