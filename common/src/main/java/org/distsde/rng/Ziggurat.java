package org.distsde.rng;

/**
 * A standard Gaussian from one 64-bit word by Marsaglia and Tsang's ziggurat (J. Stat. Softw. 5(8),
 * 2000) with 256 layers of equal area V under the unnormalised half-density f(x) = exp(−x²/2).
 * Layer j ∈ [0, 256) is the low 8 bits of the word, the sign bit 8, and u = ⌊w/2¹¹⌋·2⁻⁵³ ∈ [0, 1)
 * the top 53 bits, so the three never share a bit. The candidate is x = u·X[j]; when
 * x &lt; X[j+1] (the part of the layer's rectangle under the curve, about 99% of words) it is the
 * value, with the word's sign. Otherwise ({@link #slow}) the base layer j = 0 samples the tail
 * beyond R by Marsaglia's method, a wedge accepts x with probability
 * (f(x) − f(X[j]))/(f(X[j+1]) − f(X[j])), and a rejected candidate is replaced by a fresh word:
 * the extra words come from a SplitMix64 sequence started at the word itself, so every value is
 * a pure function of its word. The law is exactly the normal one (up to the tables' rounding).
 *
 * <p>The fast path is a multiplication, a comparison and a sign flip on the word's bits, and the
 * tables and the slow path use {@link StrictMath} only, so the numbers are the same on every JVM
 * and CPU, and {@code VectorKernel}'s lane-wise fast path reproduces them bit for bit.
 *
 * <p>Tables: X[0] = V/f(R) (the base layer's width, the tail folded in), X[1] = R,
 * X[i+1] = f⁻¹(f(X[i]) + V/X[i]), X[256] = 0, with R = 3.6541528853610088 and
 * V = 4.92867323399·10⁻³ (Marsaglia and Tsang's constants for 256 layers).
 */
public final class Ziggurat {
    /** Layers. */
    static final int LAYERS = 256;
    /** The start of the tail. */
    static final double R = 3.6541528853610088;
    /** The area of every layer. */
    static final double V = 4.92867323399e-3;
    /** Layer edges X[0 … 256], decreasing: X[0] = V/f(R), X[1] = R, X[256] = 0. */
    static final double[] X = new double[LAYERS + 1];
    /** X[j + 1], j &lt; 256: the rectangle test's bound, one table read per candidate. */
    static final double[] INNER = new double[LAYERS];
    /** f(X[j]) = exp(−X[j]²/2). */
    static final double[] F = new double[LAYERS + 1];
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    static {
        X[0] = V / StrictMath.exp(-0.5 * R * R);
        X[1] = R;
        for (int i = 1; i < LAYERS - 1; i++) {
            X[i + 1] = StrictMath.sqrt(-2 * StrictMath.log(V / X[i] + StrictMath.exp(-0.5 * X[i] * X[i])));
        }
        X[LAYERS] = 0;
        for (int i = 0; i <= LAYERS; i++) {
            F[i] = StrictMath.exp(-0.5 * X[i] * X[i]);
        }
        System.arraycopy(X, 1, INNER, 0, LAYERS);
    }

    private Ziggurat() { }

    /** The Gaussian of a word. */
    public static double gaussian(long w) {
        final int j = (int) w & 0xFF;
        final double x = (w >>> 11) * 0x1.0p-53 * X[j];
        if (x < INNER[j]) {
            return signed(x, w);
        }
        return slow(w);
    }

    /** x with the sign of the word's bit 8, by flipping the sign bit (no branch: the sign is a coin). */
    static double signed(double x, long w) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) ^ ((w & 0x100) << 55));
    }

    /** The Gaussian of a word whose candidate is not inside its rectangle: the tail, a wedge, or a retry. */
    static double slow(long w) {
        long s = w;
        while (true) {
            final int j = (int) w & 0xFF;
            final double x = (w >>> 11) * 0x1.0p-53 * X[j];
            if (x < INNER[j]) {
                return signed(x, w);
            }
            if (j == 0) { // the tail beyond R (Marsaglia 1964): R + a, a = −ln(u₁)/R, accepted when −2 ln u₂ > a²
                double a;
                double b;
                do {
                    s += GOLDEN;
                    a = -StrictMath.log(open(KeyedStream.mix(s))) / R;
                    s += GOLDEN;
                    b = -StrictMath.log(open(KeyedStream.mix(s)));
                } while (2 * b < a * a);
                return signed(R + a, w);
            }
            s += GOLDEN;
            final double v = open(KeyedStream.mix(s));
            if (F[j] + v * (F[j + 1] - F[j]) < StrictMath.exp(-0.5 * x * x)) { // a wedge: under the curve
                return signed(x, w);
            }
            s += GOLDEN;
            w = KeyedStream.mix(s); // rejected: a fresh candidate
        }
    }

    /** A uniform in (0, 1]: (⌊w/2¹¹⌋ + 1)·2⁻⁵³. */
    private static double open(long w) {
        return ((w >>> 11) + 1) * 0x1.0p-53;
    }
}
