package org.distsde.config;

import java.io.Serializable;

/**
 * {@code sde}: the Euler–Maruyama integration of the optimizer's SDE (Eq. 8, 27–28, 49–52).
 * {@code enabled} asks {@code simulate} to also integrate it into the same output;
 * {@code dt} defaults to η (Algorithm 1 of seed 000, Δt = η); {@code paths} defaults to runs.
 */
public record SdeSpec(Boolean enabled, Double dt, Integer paths) implements Serializable {
    public SdeSpec {
        enabled = enabled != null && enabled;
        if (dt != null) {
            Check.positive("sde.dt", dt);
        }
        if (paths != null) {
            Check.atLeast("sde.paths", paths, 1);
        }
    }

    public static SdeSpec disabled() {
        return new SdeSpec(false, null, null);
    }
}
