package org.distsde.noise;

import java.util.Arrays;

/**
 * Noise sⱼ·T with per-coordinate scales sⱼ that do not depend on ‖∇f‖ (Student-t, symmetric
 * α-stable): the scales, their validation and the parts of {@link NoiseModel} that only need them.
 */
abstract class FixedScaleNoise extends NoiseModel {
    private static final long serialVersionUID = 1L;
    /** sⱼ: one value (every coordinate) or d values. */
    final double[] sigma;

    FixedScaleNoise(double[] sigma) {
        Validate.scales("noise.sigma", sigma);
        this.sigma = sigma.clone();
    }

    /** σ_max,ᵢ of Theorem 7: the largest per-coordinate scale. */
    public final double sigmaMax() {
        return Arrays.stream(sigma).max().orElse(0);
    }

    @Override
    public final double scale(int j, double gradNormSq) {
        return sigma.length == 1 ? sigma[0] : sigma[j];
    }

    @Override
    public final boolean uniformScale() {
        return sigma.length == 1;
    }

    /** "name(param=value, sigma=[…])". */
    final String describe(String name, String param, double value) {
        return name + "(" + param + "=" + value + ", sigma=" + Arrays.toString(sigma) + ")";
    }
}
