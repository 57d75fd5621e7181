package org.distsde.config;

import java.io.Serializable;

/**
 * {@code sde}: the Euler–Maruyama integration of the optimizer's SDE (Eq. 8, 27–28, 49–52).
 * {@code enabled} asks {@code simulate} to also integrate it into the same output;
 * {@code dt} defaults to η (Algorithm 1 of seed 000, Δt = η); {@code paths} defaults to runs.
 * {@code model} picks the SDE: {@code full} (default) or, for dsignsgd, the phase SDEs of seed
 * 000 Lemma 3.4: {@code phase3} (Eq. 5, Eq. 10 for Student-t: the sign's mean linearised around
 * 0) or {@code phase1} (Eq. 4, the SignGD ODE, no diffusion).
 */
public record SdeSpec(Boolean enabled, Double dt, Integer paths, String model) implements Serializable {
    public SdeSpec {
        enabled = enabled != null && enabled;
        if (dt != null) {
            Check.positive("sde.dt", dt);
        }
        if (paths != null) {
            Check.atLeast("sde.paths", paths, 1);
        }
        model = model == null ? "full" : model;
        if (!model.equals("full") && !model.equals("phase3") && !model.equals("phase1")) {
            throw new ConfigException("sde.model must be full, phase3 or phase1 (got '" + model + "')");
        }
    }

    public SdeSpec(Boolean enabled, Double dt, Integer paths) {
        this(enabled, dt, paths, null);
    }

    public static SdeSpec disabled() {
        return new SdeSpec(false, null, null, null);
    }
}
