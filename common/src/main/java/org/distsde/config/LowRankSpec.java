package org.distsde.config;

import java.io.Serializable;

/**
 * {@code noise.lowRank}: the correlation structure C = diag(D) + UUᵀ of full-covariance Gaussian
 * noise, {@code diag} = D (d values ≥ 0), {@code u} = U (d rows of k values). Sampled as
 * √D∘T₁ + U·T₂ without forming C ({@link org.distsde.noise.Correlation.LowRank}). C may be
 * singular. Lengths are checked against d by {@link NoiseSpec}.
 */
public record LowRankSpec(double[] diag, double[][] u) implements Serializable {
    public LowRankSpec {
        Check.required("noise.lowRank.diag", diag);
        Check.required("noise.lowRank.u", u);
        try {
            org.distsde.noise.Correlation.lowRank("noise.lowRank", diag, u);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
