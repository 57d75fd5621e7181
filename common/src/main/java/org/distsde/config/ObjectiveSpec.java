package org.distsde.config;

import java.io.Serializable;
import org.distsde.objective.CoshSum;
import org.distsde.objective.DiagonalQuadratic;
import org.distsde.objective.EmbeddedSaddle;
import org.distsde.objective.Objective;
import org.distsde.objective.Quartic;

/**
 * {@code objective}: {@code type} quartic (Σxⱼ⁴/4, needs {@code dim}), quadratic (½xᵀdiag(h)x,
 * needs {@code h}), cosh (Σcosh xⱼ, needs {@code dim}) or embedded-saddle (seed 000 App. F;
 * {@code h}, {@code lambda}, {@code xi} default to (−1, 2), 1, 0.1).
 */
public record ObjectiveSpec(String type, Integer dim, double[] h, Double lambda, Double xi) implements Serializable {
    public ObjectiveSpec {
        Check.required("objective.type", type);
        switch (type) {
            case "quartic", "cosh" -> Check.atLeast("objective.dim", Check.required("objective.dim", dim), 1);
            case "quadratic" -> {
                Check.required("objective.h", h);
                for (int j = 0; j < h.length; j++) {
                    Check.positive("objective.h[" + j + "]", h[j]);
                }
                if (h.length == 0) {
                    throw new ConfigException("objective.h must not be empty");
                }
            }
            case "embedded-saddle" -> {
                if (h != null) {
                    Check.finiteArray("objective.h", h);
                }
                if (lambda != null) {
                    Check.positive("objective.lambda", lambda);
                }
                if (xi != null) {
                    Check.finite("objective.xi", xi);
                }
            }
            default -> throw new ConfigException(
                    "objective.type must be one of quartic, quadratic, cosh, embedded-saddle (got '" + type + "')");
        }
    }

    public Objective build() {
        return switch (type) {
            case "quartic" -> new Quartic(dim);
            case "cosh" -> new CoshSum(dim);
            case "quadratic" -> new DiagonalQuadratic(h);
            default -> new EmbeddedSaddle(h == null ? new double[] {-1, 2} : h,
                    lambda == null ? 1 : lambda, xi == null ? 0.1 : xi);
        };
    }
}
