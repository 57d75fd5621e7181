package org.distsde.fit;

import java.io.Serializable;

/**
 * The K points x_t at which the agents' gradients are sampled, t = 0 … K−1 (in round order), with
 * the round each was visited at and ‖∇f(x_t)‖². Immutable (arrays are copied in and out).
 */
public record FitPoints(int[] rounds, double[][] x, double[] gradNormSq) implements Serializable {
    public FitPoints {
        if (rounds.length != x.length || rounds.length != gradNormSq.length) {
            throw new IllegalArgumentException("rounds, x and gradNormSq must have the same length");
        }
        rounds = rounds.clone();
        gradNormSq = gradNormSq.clone();
        final double[][] c = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            c[t] = x[t].clone();
        }
        x = c;
    }

    /** K. */
    public int size() {
        return rounds.length;
    }

    @Override public int[] rounds() { return rounds.clone(); }

    @Override public double[] gradNormSq() { return gradNormSq.clone(); }

    /** x_t, a copy. */
    public double[] point(int t) {
        return x[t].clone();
    }

    @Override
    public double[][] x() {
        final double[][] c = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            c[t] = x[t].clone();
        }
        return c;
    }
}
