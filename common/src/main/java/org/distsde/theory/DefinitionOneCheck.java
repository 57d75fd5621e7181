package org.distsde.theory;

import java.io.Serializable;
import org.distsde.objective.Objective;
import org.distsde.rng.KeyedStream;

/**
 * Sampled check of Definition 1, ‖∇²f(x)‖ ≤ L0 + L1‖∇f(x)‖, on points drawn uniformly in the
 * boxes c + [−r, r]^d around c = x0 and c = 0, with r = max(1, ‖x0‖∞), plus the two centres.
 * A sample cannot prove the inequality; it can refute it.
 */
public final class DefinitionOneCheck {
    private DefinitionOneCheck() { }

    /**
     * @param samples   number of sampled points (besides the two centres), half around each centre
     * @param radius    half-width r of each box
     * @param maxRatio  max over the points of ‖∇²f‖ / (L0 + L1‖∇f‖) (+∞ if the right side is 0 and the left is not)
     * @param worstNorm ‖x‖∞ of the point attaining maxRatio
     * @param holds     maxRatio ≤ 1 (up to a relative 1e-9 for rounding)
     */
    public record Result(double l0, double l1, int samples, double radius, double maxRatio, double worstNorm,
                         boolean holds) implements Serializable { }

    /** Points sampled for an objective whose Hessian norm costs a power iteration (a model on data: ~1 s each for the MLP). */
    public static final int DATA_SAMPLES = 20;

    /** How many points to sample for f: {@link TheoremChecker#DEFINITION_ONE_SAMPLES}, or {@link #DATA_SAMPLES} for a model on data. */
    public static int samplesFor(Objective f) {
        return f instanceof org.distsde.objective.DataObjective ? DATA_SAMPLES : TheoremChecker.DEFINITION_ONE_SAMPLES;
    }

    /** Samples {@code samples} points with the {@link KeyedStream.Purpose#CHECK} stream of {@code seed}. */
    public static Result check(Objective f, double l0, double l1, double[] x0, int samples, long seed) {
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0 (got " + samples + ")");
        }
        if (!(l0 >= 0) || !(l1 >= 0)) {
            throw new IllegalArgumentException("L0 and L1 must be >= 0 (got " + l0 + ", " + l1 + ")");
        }
        final int d = f.dim();
        if (x0.length != d) {
            throw new IllegalArgumentException("x0 must have d = " + d + " values (got " + x0.length + ")");
        }
        double r = 1;
        for (double v : x0) {
            r = Math.max(r, Math.abs(v));
        }
        final KeyedStream rng = new KeyedStream(seed, KeyedStream.Purpose.CHECK);
        final double[] x = new double[d];
        final double[] g = new double[d];
        double worst = Double.NEGATIVE_INFINITY;
        double worstNorm = 0;
        for (int s = -2; s < samples; s++) {
            if (s == -2) {
                System.arraycopy(x0, 0, x, 0, d);
            } else if (s == -1) {
                java.util.Arrays.fill(x, 0);
            } else {
                rng.at(s, 0, 0);
                final boolean aroundX0 = (s & 1) == 0;
                for (int j = 0; j < d; j++) {
                    x[j] = (aroundX0 ? x0[j] : 0) + r * (2 * rng.nextDouble() - 1);
                }
            }
            final double gn = Math.sqrt(f.gradient(x, 0, g, 0));
            final double h = f.hessianNorm(x, 0);
            final double rhs = l0 + l1 * gn; // Definition 1
            final double ratio = rhs > 0 ? h / rhs : (h > 0 ? Double.POSITIVE_INFINITY : 0);
            if (ratio > worst) {
                worst = ratio;
                double m = 0;
                for (double v : x) {
                    m = Math.max(m, Math.abs(v));
                }
                worstNorm = m;
            }
        }
        return new Result(l0, l1, samples, r, worst, worstNorm, worst <= 1 + 1e-9);
    }
}
