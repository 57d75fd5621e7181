package org.distsde.rng;

/**
 * Two standard Gaussians from two 64-bit words by the Box–Muller transform (Box and Muller 1958):
 * R = √(−2 ln u) with u = (⌊w₀/2¹¹⌋ + 1)·2⁻⁵³ ∈ (0, 1], θ = 2π·w₁/2⁶⁴ (w₁ signed, θ ∈ [−π, π)),
 * and the pair (R cos θ, R sin θ). Every operation is an IEEE-754 addition, multiplication,
 * division, square root, integer operation or sign flip, so the numbers are the same on every JVM
 * and CPU, and the vector kernel ({@code VectorKernel}), which runs exactly these operations lane
 * by lane, reproduces them bit for bit.
 *
 * <ul>
 * <li>ln u: u = m·2ᵉ with m ∈ [√½, √2), ln m = f − (f²/2 − s(f²/2 + R(s²))) with f = m − 1,
 *     s = f/(2 + f), and e·ln 2 in two parts — the algorithm and coefficients of fdlibm's
 *     {@code __ieee754_log} (Sun Microsystems 1993; error below 1 ulp), without its special cases
 *     (u is never 0, negative, subnormal or infinite here).</li>
 * <li>cos θ, sin θ: the quadrant q and the remainder φ = θ − qπ/2 ∈ [−π/4, π/4) come exactly from
 *     the integer w₁, then fdlibm's {@code __kernel_sin} and the {@code __kernel_cos} of FreeBSD's
 *     msun (degree 13 and 14 on [−π/4, π/4], error below 1 ulp), and the quadrant's rotation
 *     (a swap and sign flips, exact).</li>
 * </ul>
 * The Gaussians are within a few units of 10⁻¹⁶·max(1, R) of the exact transform (the tests
 * compare with {@link StrictMath}); R ≤ √(106 ln 2) ≈ 8.57, the transform's only truncation.
 */
final class BoxMuller {
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final double LG1 = 6.666666666666735130e-01;
    static final double LG2 = 3.999999999940941908e-01;
    static final double LG3 = 2.857142874366239149e-01;
    static final double LG4 = 2.222219843214978396e-01;
    static final double LG5 = 1.818357216161805012e-01;
    static final double LG6 = 1.531383769920937332e-01;
    static final double LG7 = 1.479819860511658591e-01;
    static final double S1 = -1.66666666666666324348e-01;
    static final double S2 = 8.33333333332248946124e-03;
    static final double S3 = -1.98412698298579493134e-04;
    static final double S4 = 2.75573137070700676789e-06;
    static final double S5 = -2.50507602534068634195e-08;
    static final double S6 = 1.58969099521155010221e-10;
    static final double C1 = 4.16666666666666019037e-02;
    static final double C2 = -1.38888888888741095749e-03;
    static final double C3 = 2.48015872894767294178e-05;
    static final double C4 = -2.75573143513906633035e-07;
    static final double C5 = 2.08757232129817482790e-09;
    static final double C6 = -1.13596475577881948265e-11;
    static final double SQRT2 = 1.4142135623730951;
    /** The fraction bits of {@link #SQRT2}: m = 1.f &gt; √2 exactly when f exceeds them. */
    static final long SQRT2_FRACTION = Double.doubleToRawLongBits(SQRT2) & 0x000F_FFFF_FFFF_FFFFL;
    /** 2π/2⁶⁴: radians per unit of a 64-bit angle word. */
    static final double TURN = 2 * Math.PI * 0x1.0p-64;
    static final long SIGN = Long.MIN_VALUE;
    static final long FRACTION = 0x000F_FFFF_FFFF_FFFFL;
    static final long ONE = 0x3FF0_0000_0000_0000L;

    private BoxMuller() { }

    /** R = √(−2 ln u) of the radius word w₀. */
    static double radius(long w0) {
        final double u = (double) ((w0 >>> 11) + 1); // u·2⁵³, an integer in [1, 2⁵³]: exact
        final long bits = Double.doubleToRawLongBits(u);
        // u·2⁵³ = m·2^(e+53) with m ∈ [√½, √2): the mantissa's fraction above √2's halves m (one
        // less in the exponent field) and adds one to e, in integers (no branch to mispredict)
        final long frac = bits & FRACTION;
        final long big = (SQRT2_FRACTION - frac) >>> 63;
        final double e = (double) ((bits >>> 52) - (1023 + 53) + big);
        final double m = Double.longBitsToDouble(frac | (ONE - (big << 52)));
        final double f = m - 1;
        final double s = f / (2 + f);
        final double z = s * s;
        final double w = z * z;
        final double t1 = w * (LG2 + w * (LG4 + w * LG6));
        final double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        final double r = t2 + t1;
        final double hfsq = 0.5 * f * f;
        final double lnu = e * LN2_HI - ((hfsq - (s * (hfsq + r) + e * LN2_LO)) - f);
        return Math.sqrt(-2 * lnu);
    }

    /** The quadrant q ∈ {0, 1, 2, 3} of the angle word: θ = qπ/2 + φ, φ ∈ [−π/4, π/4). */
    static long quadrant(long w1) {
        return (w1 + (1L << 61)) >>> 62;
    }

    /** φ = θ − qπ/2 of the angle word. */
    static double remainder(long w1, long q) {
        return (w1 - (q << 62)) * TURN;
    }

    /** sin φ, |φ| ≤ π/4 (fdlibm {@code __kernel_sin}). */
    static double sin(double x) {
        final double z = x * x;
        final double v = z * x;
        final double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
        return x + v * (S1 + z * r);
    }

    /** cos φ, |φ| ≤ π/4 (msun {@code __kernel_cos}). */
    static double cos(double x) {
        final double z = x * x;
        final double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        final double hz = 0.5 * z;
        final double w = 1 - hz;
        return w + (((1 - w) - hz) + z * r);
    }

    /** R cos θ (half 0) or R sin θ (half 1) of the words (w₀, w₁). */
    static double gaussian(long w0, long w1, int half) {
        final long q = quadrant(w1);
        final double phi = remainder(w1, q);
        final long cb = Double.doubleToRawLongBits(cos(phi));
        final long sb = Double.doubleToRawLongBits(sin(phi));
        return radius(w0) * Double.longBitsToDouble(half == 0 ? cosBits(cb, sb, q) : sinBits(cb, sb, q));
    }

    /** R cos θ into {@code out[cosAt]} and R sin θ into {@code out[sinAt]}. */
    static void pair(long w0, long w1, double[] out, int cosAt, int sinAt) {
        final double rad = radius(w0);
        final long q = quadrant(w1);
        final double phi = remainder(w1, q);
        final long cb = Double.doubleToRawLongBits(cos(phi));
        final long sb = Double.doubleToRawLongBits(sin(phi));
        out[cosAt] = rad * Double.longBitsToDouble(cosBits(cb, sb, q));
        out[sinAt] = rad * Double.longBitsToDouble(sinBits(cb, sb, q));
    }

    /**
     * cos θ from the bits of cos φ and sin φ and the quadrant (a rotation by q quarter turns: odd q
     * takes (cos, sin) to (−sin, cos), q ≥ 2 negates both), without a branch.
     */
    static long cosBits(long cb, long sb, long q) {
        final long odd = -(q & 1);
        return ((cb & ~odd) | ((sb ^ SIGN) & odd)) ^ ((q & 2) << 62);
    }

    /** sin θ from the bits of cos φ and sin φ and the quadrant (see {@link #cosBits}). */
    static long sinBits(long cb, long sb, long q) {
        final long odd = -(q & 1);
        return ((sb & ~odd) | (cb & odd)) ^ ((q & 2) << 62);
    }

    /** The uniform in (0, 1) of a word: (⌊w/2¹²⌋ + ½)·2⁻⁵², exact, never 0 or 1. */
    static double uniform(long w) {
        return ((w >>> 12) + 0.5) * 0x1.0p-52;
    }
}
