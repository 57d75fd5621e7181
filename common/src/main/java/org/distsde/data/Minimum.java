package org.distsde.data;

import java.io.Serializable;

/**
 * The minimum value f* of a data-defined objective and what it is: {@link Kind#EXACT} (computed to
 * convergence, or the exact infimum of an unattained minimum) or {@link Kind#LOWER_BOUND} (a bound
 * below f*, e.g. 0 for a cross-entropy), so reports can say which.
 *
 * @param method how it was obtained, e.g. {@code normal equations (Cholesky)}
 */
public record Minimum(double value, Kind kind, String method) implements Serializable {
    public enum Kind { EXACT, LOWER_BOUND }

    public Minimum {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("minimum: value must be finite (got " + value + ")");
        }
    }

    public boolean exact() { return kind == Kind.EXACT; }

    @Override public String toString() {
        return value + " (" + (exact() ? "exact" : "lower bound") + ": " + method + ")";
    }
}
