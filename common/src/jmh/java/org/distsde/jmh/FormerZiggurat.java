package org.distsde.jmh;

import java.util.function.LongSupplier;

/**
 * The SDE engine's former Gaussian source, kept as a reference for the benchmarks (the engine now
 * draws from {@code org.distsde.rng.GaussianBlocks}): standard Gaussians from 64-bit words by the 256-layer ziggurat of Marsaglia and Tsang (2000;
 * r = 3.6541528853610088, v = 4.92867323399e-3), with the layer index and the uniform taken from
 * disjoint bits of one word (as Doornik's ZIGNOR): layer i = bits 0–7, U = odd 54-bit signed
 * value of bits 10–63 times 2⁻⁵³ ∈ (−1, 1). The candidate is x = U·xᵢ; it is accepted at once when
 * |U| &lt; xᵢ₊₁/xᵢ (probability ≈ 0.988); otherwise the wedge test (or, for layer 0, Marsaglia's
 * tail method beyond r) consumes further words of the same stream. The fast path is a table
 * lookup and a multiplication, so a caller can run it over a whole array of words ({@link #fast})
 * and fall back to {@link #slow} for the rare rejections. Tables and the slow path use
 * {@link StrictMath}: the numbers are the same on every JVM and CPU.
 */
public final class FormerZiggurat {
    static final double R = 3.6541528853610088;
    static final double V = 4.92867323399e-3;
    /** Layer widths: X[0] = v/f(r) (base strip with the tail), X[1] = r, …, X[256] = 0. */
    static final double[] X = new double[257];
    /** f(X[i]) = exp(−X[i]²/2). */
    static final double[] F = new double[257];
    /** X[i+1]/X[i]: |U| below it is under the density whatever the height. */
    static final double[] Q = new double[256];

    static {
        X[0] = V / StrictMath.exp(-0.5 * R * R);
        X[1] = R;
        for (int i = 1; i < 255; i++) {
            X[i + 1] = StrictMath.sqrt(-2 * StrictMath.log(StrictMath.exp(-0.5 * X[i] * X[i]) + V / X[i]));
        }
        X[256] = 0;
        for (int i = 0; i <= 256; i++) {
            F[i] = StrictMath.exp(-0.5 * X[i] * X[i]);
        }
        for (int i = 0; i < 256; i++) {
            Q[i] = X[i + 1] / X[i];
        }
    }

    private FormerZiggurat() { }

    /** The uniform U ∈ (−1, 1) of a word (bits 10–63, made odd: symmetric, never 0). */
    static double uniform(long w) {
        return ((w >> 10) | 1) * 0x1.0p-53;
    }

    /** The candidate of word w if it is accepted at once, else NaN (then call {@link #slow}). */
    static double fast(long w) {
        final int i = (int) w & 255;
        final double u = uniform(w);
        return Math.abs(u) < Q[i] ? u * X[i] : Double.NaN;
    }

    /**
     * The Gaussian of word w, drawing further words from {@code more} (positioned right after w)
     * when the candidate is rejected.
     */
    static double sample(long w, LongSupplier more) {
        final int i = (int) w & 255;
        final double u = uniform(w);
        if (Math.abs(u) < Q[i]) {
            return u * X[i];
        }
        return slow(w, more);
    }

    /** The rejection path for word w (its fast test failed); further words come from {@code more}. */
    static double slow(long w, LongSupplier more) {
        for (;;) {
            final int i = (int) w & 255;
            final double u = uniform(w);
            final double x = u * X[i];
            if (Math.abs(u) < Q[i]) {
                return x;
            }
            if (i == 0) { // beyond r: Marsaglia's tail method
                double xx, yy;
                do {
                    xx = -StrictMath.log(open(more.getAsLong())) / R;
                    yy = -StrictMath.log(open(more.getAsLong()));
                } while (yy + yy < xx * xx);
                return u < 0 ? -(R + xx) : R + xx;
            }
            // the wedge of layer i (heights F[i] … F[i+1]): accept under the density
            if (F[i] + open(more.getAsLong()) * (F[i + 1] - F[i]) < StrictMath.exp(-0.5 * x * x)) {
                return x;
            }
            w = more.getAsLong(); // rejected: a new candidate
        }
    }

    /** Uniform in (0, 1) from the top 53 bits. */
    private static double open(long w) {
        return ((w >>> 11) + 0.5) * 0x1.0p-53;
    }
}
