package org.distsde.verify;

import java.io.Serializable;
import org.apache.commons.statistics.distribution.TDistribution;
import org.distsde.theory.Verdict;

/**
 * The number of standard errors every decision of a {@code verify} run uses, family-wise over the
 * whole catalogue: a check that makes m comparisons decides each with k = Φ⁻¹(1 − α/(S·m)) (Bonferroni
 * over the S statements and their comparisons, α = {@link Verdict#ALPHA}, the one-sided level of a
 * single 3-SE decision), so that a catalogue whose every statement holds reads VIOLATED somewhere with
 * probability at most α. With a standard error estimated from B batch means the normal quantile is
 * replaced by Student's t with B − 1 degrees of freedom.
 *
 * @param statements S
 */
public record Family(int statements) implements Serializable {
    public Family {
        if (statements < 1) {
            throw new IllegalArgumentException("statements must be >= 1 (got " + statements + ")");
        }
    }

    /** k for m comparisons with normal errors. */
    public double k(int m) {
        return Verdict.familyK(statements * Math.max(1, m));
    }

    /** k for m comparisons whose standard errors come from batch means with df degrees of freedom. */
    public double kT(int m, int df) {
        if (df < 1) {
            return Double.NaN;
        }
        return TDistribution.of(df).inverseSurvivalProbability(Verdict.ALPHA / (statements * (double) Math.max(1, m)));
    }
}
