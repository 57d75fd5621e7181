package org.distsde.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.distsde.rng.KeyedStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a compressor promises beyond its map: the second moment it declares against a Monte Carlo
 * estimate of E[C(v)ⱼC(v)ₖ], its fused kernel entry ({@link Compressor#addCompressed}) against its
 * plain {@link Compressor#compress}, and the default entry for a compressor the kernels know
 * nothing about (it must be applied, never skipped as if it were the identity).
 */
class CompressorContractTest {
    static final double[] V = {1.5, -2.0, 0.25, 3.0, -0.7};

    /**
     * Random sparsification: E[C(v)ⱼ²] = vⱼ²/p and E[C(v)ⱼC(v)ₖ] = vⱼvₖ (independent masks), the
     * form {@link SecondMoment.Linear}(1/p, 1) declares. 200 000 draws, 5 standard errors per
     * entry. Catches a diagonal factor 1/p² (the scale squared without the keep probability) or
     * an off-diagonal factor 1/p (masks taken as shared), which would make Eq. 28 wrong.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.75})
    void randomSparsificationSecondMomentIsTheDeclaredLinearForm(double p) {
        final RandomSparsification c = new RandomSparsification(p);
        final SecondMoment.Linear m = assertInstanceOf(SecondMoment.Linear.class, c.secondMoment(V.length));
        final int d = V.length, n = 200_000;
        final double[] sum = new double[d * d], sumSq = new double[d * d], out = new double[d];
        final KeyedStream rng = new KeyedStream(5, KeyedStream.Purpose.CHECK);
        for (int i = 0; i < n; i++) {
            c.compress(V, 0, d, rng.at(i, 0, 0), out, 0);
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    final double x = out[j] * out[k];
                    sum[j * d + k] += x;
                    sumSq[j * d + k] += x * x;
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                final double mean = sum[j * d + k] / n;
                final double sd = Math.sqrt(Math.max(sumSq[j * d + k] / n - mean * mean, 0));
                final double expected = (j == k ? m.diagonal() : m.offDiagonal()) * V[j] * V[k];
                assertEquals(expected, mean, 5 * sd / Math.sqrt(n) + 1e-12, "E[C_j C_k], j=" + j + " k=" + k);
            }
        }
        assertEquals(1 / p - 1, m.diagonalExcess(), 1e-15);
        assertTrue(m.diagonalOnly());
    }

    /**
     * The sparsifier's fused entry (keep decisions by {@link KeyedStream#keep}, then the kept
     * coordinates) adds exactly what {@link Compressor#compress} returns from the same stream:
     * the same decisions (u &lt; p against m &lt; ⌈p·2⁵³⌉) and the same values. Catches an
     * off-by-one in the threshold or a kept coordinate added to the wrong index.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.9, 1.0})
    void fusedEntryAddsWhatCompressReturns(double p) {
        final RandomSparsification c = new RandomSparsification(p);
        final int d = V.length;
        final KeyedStream rng = new KeyedStream(9, KeyedStream.Purpose.CHECK);
        final Workspace w = new Workspace(d);
        final NoisyVector.Fixed v = new NoisyVector.Fixed(d);
        for (int i = 0; i < 2000; i++) {
            final double[] expected = new double[d];
            c.compress(V, 0, d, rng.at(i, 3, 1), expected, 0);
            final double[] got = new double[d];
            c.addCompressed(v.at(V, 0), d, rng.at(i, 3, 1), w, got, 0);
            assertArrayEquals(expected, got, 0.0, "draw " + i);
        }
    }

    /** A map the kernels know nothing of: halves every coordinate (biased, contractive δ = 3/4). */
    static final class Halving implements Compressor {
        @Override
        public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff) {
            for (int j = 0; j < d; j++) {
                out[outOff + j] = 0.5 * v[off + j];
            }
        }

        @Override public Compression compression(int d) { return new Compression.Contractive(0.75); }
        @Override public SecondMoment secondMoment(int d) { return new SecondMoment.None("biased"); }
        @Override public double expectedBits(int d) { return 64.0 * d; }
        @Override public String describe() { return "halving"; }
    }

    /**
     * The default entry draws the whole vector and applies the map: an unknown compressor is never
     * skipped (the sum is half of v, not v) and is not the identity. Catches a kernel shortcut that
     * adds v for any compressor it does not recognise.
     */
    @Test
    void anUnknownCompressorIsAppliedByTheDefaultEntry() {
        final Compressor c = new Halving();
        assertFalse(c.identity());
        final double[] acc = {1, 1, 1, 1, 1};
        c.addCompressed(new NoisyVector.Fixed(V.length).at(V, 0), V.length, new KeyedStream(1, 1), new Workspace(5),
                acc, 0);
        for (int j = 0; j < V.length; j++) {
            assertEquals(1 + 0.5 * V[j], acc[j], 0.0);
        }
        assertTrue(Double.isNaN(c.compression(5).omega()), "a biased compressor has no omega");
        assertEquals(0.75, c.compression(5).delta());
    }

    /** The identity: lossless (ω = 0, δ = 1), second moment vvᵀ, 64 bits a coordinate, skippable. */
    @Test
    void identityIsLosslessAndSkippable() {
        final Compressor c = Identity.INSTANCE;
        assertTrue(c.identity() && c.compression(3).lossless());
        assertEquals(1.0, c.compression(3).delta());
        assertEquals(new SecondMoment.Linear(1, 1), c.secondMoment(3));
        assertEquals(192.0, c.expectedBits(3));
        assertFalse(new RandomSparsification(1.0).identity(), "p = 1 still draws its decisions");
        assertTrue(new RandomSparsification(1.0).compression(3).lossless());
    }

    /** ⌈log₂ d⌉ index bits plus 64 value bits per kept coordinate, p·d kept on average. */
    @Test
    void sparsificationBitsCountValueAndIndex() {
        assertEquals(0.25 * 1000 * (64 + 10), new RandomSparsification(0.25).expectedBits(1000), 1e-9);
        assertEquals(0.5 * 1 * 64, new RandomSparsification(0.5).expectedBits(1), 1e-12);
    }
}
