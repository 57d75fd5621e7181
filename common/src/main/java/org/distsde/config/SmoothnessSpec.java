package org.distsde.config;

import java.io.Serializable;

/** {@code smoothness}: the (L0, L1) pair of Definition 1 to use instead of the objective's own. */
public record SmoothnessSpec(Double l0, Double l1) implements Serializable {
    public SmoothnessSpec {
        Check.nonNegative("smoothness.l0", Check.required("smoothness.l0", l0));
        Check.nonNegative("smoothness.l1", Check.required("smoothness.l1", l1));
    }
}
