package org.distsde.objective;

import java.io.Serializable;

/** An (L0, L1) pair of Definition 1: ‖∇²f(x)‖ ≤ L0 + L1‖∇f(x)‖ for all x. */
public record Smoothness(double l0, double l1) implements Serializable {
    public Smoothness {
        if (!(l0 >= 0) || Double.isInfinite(l0)) {
            throw new IllegalArgumentException("L0 must be finite and >= 0 (got " + l0 + ")");
        }
        if (!(l1 >= 0) || Double.isInfinite(l1)) {
            throw new IllegalArgumentException("L1 must be finite and >= 0 (got " + l1 + ")");
        }
    }
}
