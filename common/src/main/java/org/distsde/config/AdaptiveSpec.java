package org.distsde.config;

import java.io.Serializable;

/**
 * {@code adaptive}: the hyperparameters of RMSprop(W) and Adam(W) (seed 000, Eq. 11):
 * {@code beta1} (momentum, Adam only; default 0.9), {@code beta2} (second moment; default 0.999),
 * {@code epsilon} (default 1e-8) and {@code theta} (decoupled weight decay, the W variants; default
 * 0.01) and {@code v0}, the initial second moment v₀ = V₀ (1 or d values, default 0; seed 000's
 * Eq. 133 starts from any (x₀, v₀)). βᵢ = 1 − ηρᵢ gives the SDEs' rates ρᵢ = (1 − βᵢ)/η.
 */
public record AdaptiveSpec(Double beta1, Double beta2, Double epsilon, Double theta, double[] v0)
        implements Serializable {
    public AdaptiveSpec {
        if (v0 != null) {
            Check.nonNegativeArray("adaptive.v0", v0);
            Check.finiteArray("adaptive.v0", v0);
        }
        if (beta1 != null) {
            unitInterval("adaptive.beta1", beta1);
        }
        if (beta2 != null) {
            unitInterval("adaptive.beta2", beta2);
        }
        if (epsilon != null && !(epsilon > 0 && Double.isFinite(epsilon))) {
            throw new ConfigException("adaptive.epsilon must be positive and finite (got " + epsilon + ")");
        }
        if (theta != null && !(theta >= 0 && Double.isFinite(theta))) {
            throw new ConfigException("adaptive.theta must be >= 0 and finite (got " + theta + ")");
        }
    }

    private static void unitInterval(String field, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new ConfigException(field + " must be in [0, 1) (got " + v + ")");
        }
    }

    public static AdaptiveSpec defaults() {
        return new AdaptiveSpec(null, null, null, null, null);
    }

    public double beta1OrDefault() { return beta1 == null ? 0.9 : beta1; }
    public double beta2OrDefault() { return beta2 == null ? 0.999 : beta2; }
    public double epsilonOrDefault() { return epsilon == null ? 1e-8 : epsilon; }
    public double thetaOrDefault() { return theta == null ? 0.01 : theta; }

    /** The settings in force for optimizer {@code kind} in dimension d: β₁ = 0 without momentum, θ = 0 without decay. */
    public AdaptiveSettings settings(OptimizerKind kind, int d) {
        return new AdaptiveSettings(kind.momentum() ? beta1OrDefault() : 0, beta2OrDefault(), epsilonOrDefault(),
                kind.decay() ? thetaOrDefault() : 0, kind.momentum(), v0(d));
    }

    /** v₀ expanded to d values (0 by default). */
    public double[] v0(int d) {
        final double[] r = new double[d];
        if (v0 != null) {
            if (v0.length != 1 && v0.length != d) {
                throw new ConfigException("adaptive.v0 must have 1 or d = " + d + " values (got " + v0.length + ")");
            }
            for (int j = 0; j < d; j++) {
                r[j] = v0[v0.length == 1 ? 0 : j];
            }
        }
        return r;
    }
}
