package org.distsde.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.distsde.config.CompressionSpec;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.rng.KeyedStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compressor family against closed forms: unbiasedness and E‖C(v) − v‖² for the unbiased
 * ones (equal to ω‖v‖² where ω is exact, equal to the exact per-vector variance and at most
 * ω‖v‖² where ω is a bound), the contraction of top-k, the declared second moments against Monte
 * Carlo, the bits, the fused kernel entries against {@link Compressor#compress}, and the bad
 * parameters. Monte Carlo tolerances are 5 standard errors (σ̂/√n) of n = 200 000 draws.
 */
class CompressorFamilyTest {
    /** d = 7, magnitudes spread over three binades and both signs, one coordinate a power of two. */
    static final double[] V = {1.5, -2.0, 0.3, 3.7, -0.7, 4.0, -1.1};
    static final int N = 200_000;
    static final double K_SE = 5;

    static double normSq(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return s;
    }

    /** Sample mean of C(v) per coordinate, mean of ‖C(v) − v‖², and their standard errors. */
    record Moments(double[] mean, double[] meanSe, double err, double errSe, double[] second, double[] secondSe) { }

    static Moments moments(Compressor c, double[] v, long seed) {
        final int d = v.length;
        final double[] sum = new double[d], sumSq = new double[d], out = new double[d];
        final double[] m2 = new double[d * d], m2sq = new double[d * d];
        final Workspace w = new Workspace(d);
        final KeyedStream rng = new KeyedStream(seed, KeyedStream.Purpose.CHECK);
        double e1 = 0, e2 = 0;
        for (int i = 0; i < N; i++) {
            c.compress(v, 0, d, rng.at(i, 0, 0), out, 0, w);
            double e = 0;
            for (int j = 0; j < d; j++) {
                sum[j] += out[j];
                sumSq[j] += out[j] * out[j];
                e += (out[j] - v[j]) * (out[j] - v[j]);
                for (int l = 0; l < d; l++) {
                    final double x = out[j] * out[l];
                    m2[j * d + l] += x;
                    m2sq[j * d + l] += x * x;
                }
            }
            e1 += e;
            e2 += e * e;
        }
        final double[] mean = new double[d], se = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = sum[j] / N;
            se[j] = Math.sqrt(Math.max(sumSq[j] / N - mean[j] * mean[j], 0) / N);
        }
        final double[] sec = new double[d * d], secSe = new double[d * d];
        for (int q = 0; q < d * d; q++) {
            sec[q] = m2[q] / N;
            secSe[q] = Math.sqrt(Math.max(m2sq[q] / N - sec[q] * sec[q], 0) / N);
        }
        final double em = e1 / N;
        return new Moments(mean, se, em, Math.sqrt(Math.max(e2 / N - em * em, 0) / N), sec, secSe);
    }

    static Stream<Compressor> unbiased() {
        return Stream.of(new RandK(1), new RandK(3), new RandK(7), new Qsgd(1), new Qsgd(4), Natural.INSTANCE,
                new Composition(new RandK(3), Natural.INSTANCE));
    }

    /**
     * E[C(v)] = v coordinate by coordinate. Catches: rand-k scaled by 1/k instead of d/k or keeping
     * k − 1 coordinates; QSGD rounding up with probability 1 − (r − l) (the levels swapped) or
     * forgetting the norm; natural compression rounding up with (2ᵃ⁺¹ − |t|)/2ᵃ; a composition
     * dropping the inner scale.
     */
    @ParameterizedTest
    @MethodSource("unbiased")
    void unbiasedCompressorsAreUnbiased(Compressor c) {
        final Moments m = moments(c, V, 21);
        for (int j = 0; j < V.length; j++) {
            // plus the rounding of summing 200 000 equal values (rand-k with k = d has no variance)
            assertEquals(V[j], m.mean()[j], K_SE * m.meanSe()[j] + 1e-9 * Math.abs(V[j]), c.describe() + " E[C(v)]_" + j);
        }
        assertInstanceOf(Compression.Unbiased.class, c.compression(V.length));
    }

    /**
     * The exact E‖C(v) − v‖² of each map at V, computed here from its definition, against Monte
     * Carlo; and the declared ω bounds it (ω‖v‖² ≥ it, with equality for rand-k). Catches: rand-k's
     * ω = d/k (the second moment instead of the variance) or k/d − 1; QSGD's ω = d/s (a missing
     * square or root); natural compression's 1/4; a composition's ω₁ + ω₂ (missing the product
     * term ω₁ω₂), which the rand-k ∘ natural variance at V exceeds.
     */
    @ParameterizedTest
    @MethodSource("unbiased")
    void varianceIsTheExactFormAndAtMostOmega(Compressor c) {
        final int d = V.length;
        final double exact = exactVariance(c, V);
        final Moments m = moments(c, V, 22);
        assertEquals(exact, m.err(), K_SE * m.errSe() + 1e-12, c.describe() + " E|C(v) - v|^2");
        final double omega = c.compression(d).omega();
        assertTrue(exact <= omega * normSq(V) * (1 + 1e-12), c.describe() + ": " + exact + " > omega |v|^2 = "
                + omega * normSq(V));
        if (c instanceof RandK) {
            assertEquals(omega * normSq(V), exact, 1e-12 * exact, "rand-k: equality");
        }
    }

    /** E‖C(v) − v‖² from each definition (not from the code under test). */
    static double exactVariance(Compressor c, double[] v) {
        final int d = v.length;
        final double n2 = normSq(v);
        return switch (c.describe()) {
            case "rand-k(k=1)" -> (d / 1.0 - 1) * n2;
            case "rand-k(k=3)" -> (d / 3.0 - 1) * n2;
            case "rand-k(k=7)" -> 0;
            case "qsgd(s=1)" -> qsgdVariance(v, 1);
            case "qsgd(s=4)" -> qsgdVariance(v, 4);
            case "natural" -> naturalVariance(v);
            // E‖Q(Su) − v‖² = E‖Q(Su) − Su‖² + E‖Su − v‖²: each kept coordinate (prob. 3/d) is (d/3)vⱼ,
            // whose natural-compression variance adds to rand-k's (d/3 − 1)‖v‖²
            case "natural o rand-k(k=3)" -> {
                double q = 0;
                for (double x : v) {
                    q += 3.0 / d * naturalVariance(new double[] {x * d / 3.0});
                }
                yield (d / 3.0 - 1) * n2 + q;
            }
            default -> throw new IllegalArgumentException(c.describe());
        };
    }

    /** (‖v‖²/s²)Σⱼ τⱼ(1 − τⱼ), τⱼ the fractional part of s|vⱼ|/‖v‖ (Alistarh et al. 2017, Lemma 3.1's proof). */
    static double qsgdVariance(double[] v, int s) {
        final double n = Math.sqrt(normSq(v));
        double t = 0;
        for (double x : v) {
            final double r = s * Math.abs(x) / n;
            final double tau = r - Math.floor(r);
            t += tau * (1 - tau);
        }
        return n * n / (s * (double) s) * t;
    }

    /** Σⱼ (|vⱼ| − 2ᵃ)(2ᵃ⁺¹ − |vⱼ|), 2ᵃ the power of two at or below |vⱼ| (by repeated halving/doubling). */
    static double naturalVariance(double[] v) {
        double t = 0;
        for (double x : v) {
            final double a = Math.abs(x);
            double low = 1;
            while (low > a) {
                low /= 2;
            }
            while (2 * low <= a) {
                low *= 2;
            }
            t += (a - low) * (2 * low - a);
        }
        return t;
    }

    /**
     * Top-k: ‖C(v) − v‖² is the sum of the d − k smallest squares (sorted here), at most
     * (1 − k/d)‖v‖²; C keeps the k largest magnitudes unscaled; ties at the k-th magnitude go to
     * the lowest indices. Catches: keeping the k smallest, an off-by-one in the selected order
     * statistic (k + 1 or k − 1 kept), rescaling by d/k, a tie kept twice.
     */
    @Test
    void topKKeepsTheLargestAndContracts() {
        final int d = V.length;
        for (int k = 1; k <= d; k++) {
            final TopK c = new TopK(k);
            final double[] out = new double[d];
            c.compress(V, 0, d, null, out, 0);
            final double[] sq = Arrays.stream(V).map(x -> x * x).sorted().toArray();
            double rest = 0;
            for (int j = 0; j < d - k; j++) {
                rest += sq[j];
            }
            double err = 0;
            int kept = 0;
            for (int j = 0; j < d; j++) {
                err += (out[j] - V[j]) * (out[j] - V[j]);
                kept += out[j] != 0 ? 1 : 0;
                assertTrue(out[j] == 0 || out[j] == V[j], "unscaled");
            }
            assertEquals(k, kept, "k = " + k);
            assertEquals(rest, err, 1e-12, "k = " + k);
            assertTrue(err <= (1 - c.compression(d).delta()) * normSq(V) + 1e-12, "delta = k/d");
            assertEquals((double) k / d, c.compression(d).delta(), 0.0);
        }
        final double[] ties = {1, -2, 2, 2, 0.5};
        final double[] out = new double[5];
        new TopK(2).compress(ties, 0, 5, null, out, 0);
        assertArrayEquals(new double[] {0, -2, 2, 0, 0}, out, 0.0, "ties to the lowest indices");
    }

    /**
     * Rand-k's declared second moment Linear(d/k, d(k − 1)/(k(d − 1))) against the sample
     * E[C(v)ⱼC(v)ₗ]; and a composition's product form (with a Linear outer). Catches: the
     * off-diagonal factor 1 (independent masks, random sparsification's), (d/k)² (both always
     * kept) or k/d, which make Eq. 28's E[ΦΦᵀ] wrong.
     */
    @Test
    void randKSecondMomentIsTheDeclaredLinearForm() {
        final int d = V.length;
        for (Compressor c : List.<Compressor>of(new RandK(2), new RandK(5),
                new Composition(new RandK(3), new RandomSparsification(0.6)))) {
            final SecondMoment.Linear lin = assertInstanceOf(SecondMoment.Linear.class, c.secondMoment(d));
            final Moments m = moments(c, V, 23);
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < d; l++) {
                    final double expected = (j == l ? lin.diagonal() : lin.offDiagonal()) * V[j] * V[l];
                    assertEquals(expected, m.second()[j * d + l], K_SE * m.secondSe()[j * d + l] + 1e-12,
                            c.describe() + " E[C_j C_l], j=" + j + " l=" + l);
                }
            }
        }
        assertEquals(new SecondMoment.Linear(7 / 3.0, 7 * 2.0 / (3 * 6.0)), new RandK(3).secondMoment(7));
        for (Compressor c : List.of(new TopK(2), new Qsgd(2), Natural.INSTANCE,
                new Composition(new RandK(3), Natural.INSTANCE))) {
            assertInstanceOf(SecondMoment.None.class, c.secondMoment(d), c.describe());
        }
    }

    /**
     * The fused kernel entries (rand-k: set first, then the kept values; the composition: the
     * inner's entry, then the quantizer in place) add what compress returns from the same stream.
     * Catches: a set drawn with another order of draws, or a kept value added at the wrong index.
     */
    @Test
    void fusedEntriesAddWhatCompressReturns() {
        final int d = V.length;
        final NoisyVector.Fixed v = new NoisyVector.Fixed(d);
        final Workspace w = new Workspace(d);
        final KeyedStream rng = new KeyedStream(9, KeyedStream.Purpose.CHECK);
        for (Compressor c : List.of(new RandK(1), new RandK(4), new RandK(7), new Composition(new RandK(3),
                Natural.INSTANCE))) {
            for (int i = 0; i < 2000; i++) {
                final double[] expected = new double[d];
                c.compress(V, 0, d, rng.at(i, 3, 1), expected, 0, new Workspace(d));
                final double[] got = new double[d];
                c.addCompressed(v.at(V, 0), d, rng.at(i, 3, 1), w, got, 0);
                assertArrayEquals(expected, got, 0.0, c.describe() + " draw " + i);
            }
        }
    }

    /**
     * The bits each sends on d = 1000: catches the index bits left out or counted as log₂ of k, a
     * QSGD level code of ⌈log₂ s⌉ bits (without the sign and zero), natural compression's 32-bit
     * float exponent.
     */
    @Test
    void bits() {
        assertEquals(10 * (64 + 10), new RandK(10).expectedBits(1000), 0.0);
        assertEquals(10 * (64 + 10), new TopK(10).expectedBits(1000), 0.0);
        assertEquals(64 + 1000 * 2, new Qsgd(1).expectedBits(1000), 0.0);  // 3 symbols: -1, 0, +1
        assertEquals(64 + 1000 * 4, new Qsgd(4).expectedBits(1000), 0.0);  // 9 symbols
        assertEquals(12 * 1000, Natural.INSTANCE.expectedBits(1000), 0.0);
        assertEquals(10 * (12 + 10), new Composition(new RandK(10), Natural.INSTANCE).expectedBits(1000), 0.0);
    }

    /** ω of each: rand-k d/k − 1, QSGD min(d/s², √d/s), natural 1/8, the composition (1 + ω₁)(1 + ω₂) − 1. */
    @Test
    void omegas() {
        assertEquals(99, new RandK(10).compression(1000).omega(), 1e-12);
        assertEquals(Math.sqrt(1000) / 4, new Qsgd(4).compression(1000).omega(), 1e-12);   // √d/s < d/s²
        assertEquals(1000.0 / (40 * 40), new Qsgd(40).compression(1000).omega(), 1e-12); // d/s² < √d/s
        assertEquals(0.125, Natural.INSTANCE.compression(5).omega(), 0.0);
        assertEquals(100 * 1.125 - 1, new Composition(new RandK(10), Natural.INSTANCE).compression(1000).omega(),
                1e-12);
    }

    /**
     * Each factory's ω parameterisation (the frontier over ω) inverts its ω: the returned parameter
     * gives the nearest attainable ω. Catches: k = d/ω (dropping the 1), s from the wrong branch of
     * the min.
     */
    @Test
    void omegaParameterisations() {
        final int d = 100;
        final Arguments none = Arguments.none("compression");
        assertEquals(25, RandK.FACTORY.withOmega(none, 3.0, d).integer("k"));
        assertEquals(1, RandK.FACTORY.withOmega(none, 1e9, d).integer("k"));
        assertEquals(d, RandK.FACTORY.withOmega(none, 0, d).integer("k"));
        assertEquals(5, Qsgd.FACTORY.withOmega(none, 2.0, d).integer("s"));   // √100/5 = 2
        assertEquals(20, Qsgd.FACTORY.withOmega(none, 0.25, d).integer("s")); // 100/400
        final int k = Composition.RAND_K_NATURAL.withOmega(none, 1.25, d).integer("k");
        assertEquals(50, k); // (9/8)(100/50) − 1 = 1.25
        assertTrue(Qsgd.FACTORY.withOmega(none, 0, d).integer("s") > 1_000_000, "omega 0: many levels");
        assertEquals(d, Composition.RAND_K_NATURAL.withOmega(none, 0.05, d).integer("k"), "below 1/8: k = d");
        assertEquals(null, TopK.FACTORY.withOmega(none, 1.0, d), "biased: no omega");
        assertEquals(null, Natural.FACTORY.withOmega(none, 1.0, d), "natural: fixed omega");
    }

    static String refusal(String compression, int dim) {
        final String json = "{\"name\":\"c\",\"runs\":1,\"rounds\":1,\"optimizer\":\"dcsgd\",\"agents\":2,\"eta\":0.1,"
                + "\"objective\":{\"type\":\"quartic\",\"dim\":" + dim + "},\"x0\":[1.0],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":1.0},\"compression\":" + compression + "}";
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(json, List.of())).getMessage();
    }

    /** k ∉ [1, d] and s &lt; 1 are refused naming the field; k is an integer. */
    @Test
    void badParametersNameTheirField() {
        assertTrue(refusal("{\"type\":\"rand-k\",\"k\":0}", 5).contains("compression.k"));
        assertTrue(refusal("{\"type\":\"rand-k\",\"k\":6}", 5).contains("compression.k"));
        assertTrue(refusal("{\"type\":\"top-k\",\"k\":6}", 5).contains("compression.k"));
        assertTrue(refusal("{\"type\":\"rand-k\",\"k\":2.5}", 5).contains("compression.k"));
        assertTrue(refusal("{\"type\":\"rand-k-natural\",\"k\":-1}", 5).contains("compression.k"));
        assertTrue(refusal("{\"type\":\"qsgd\",\"s\":0}", 5).contains("compression.s"));
        assertTrue(refusal("{\"type\":\"qsgd\"}", 5).contains("compression.s"));
        assertTrue(refusal("{\"agents\":[{\"type\":\"rand-k\",\"k\":1},{\"type\":\"rand-k\",\"k\":9}]}", 5)
                .contains("compression.agents[1].k"));
        assertTrue(refusal("{\"type\":\"top-k\",\"k\":2}", 5).contains("unbiased"), "dcsgd refuses top-k");
        assertEquals("rand-k", CompressionSpec.of("rand-k", Arguments.of("compression", "k", 2)).type());
    }
}
