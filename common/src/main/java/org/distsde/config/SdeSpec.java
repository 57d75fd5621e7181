package org.distsde.config;

import java.io.Serializable;

/**
 * {@code sde}: the Euler–Maruyama integration of the optimizer's SDE (Eq. 8, 27–28, 49–52).
 * {@code enabled} asks {@code simulate} to also integrate it into the same output;
 * {@code dt} defaults to η (Algorithm 1 of seed 000, Δt = η); {@code paths} defaults to runs.
 * {@code model} picks the SDE ({@link SdeModel}): {@code full} (default) or, for dsignsgd, the phase SDEs of seed
 * 000 Lemma 3.4: {@code phase3} (Eq. 5, Eq. 10 for Student-t: the sign's mean linearised around
 * 0) or {@code phase1} (Eq. 4, the SignGD ODE, no diffusion), or, for the adaptive optimizers,
 * {@code malladi} (Malladi et al.'s SDEs, seed 000 Eq. 228 and 233).
 *
 * <p>The SDE plays two roles. As a <em>model of the optimizer</em> it is integrated at Δt = {@code dt}
 * (kind {@code sde}). As the <em>object of the theorems</em> ({@code resolve}, default true) it is
 * integrated at Δt, Δt/2, Δt/4, … with coupled Brownian paths until every statistic the checks use
 * (loss mean, ‖∇f‖² mean, φ¹, φ², ∫ηₛ‖∇f‖², ∫ηₛ²‖∇f‖² at every recorded time) changes by less than
 * {@code tolerance} (relative, default 0.05) between consecutive levels, or {@code maxRefinements}
 * halvings (default 5) are done (kind {@code sde-resolved}); {@code scheme} ({@link SdeScheme}) says
 * whether the resolved estimate is the finest level or its Talay–Tubaro extrapolation.
 */
public record SdeSpec(Boolean enabled, Double dt, Integer paths, String model, String scheme, Boolean resolve,
                      Double tolerance, Integer maxRefinements) implements Serializable {
    /** Default relative tolerance of the Δt refinement. */
    public static final double DEFAULT_TOLERANCE = 0.05;
    /** Default number of Δt halvings at most. */
    public static final int DEFAULT_MAX_REFINEMENTS = 5;

    public SdeSpec {
        enabled = enabled != null && enabled;
        if (dt != null) {
            Check.positive("sde.dt", dt);
        }
        if (paths != null) {
            Check.atLeast("sde.paths", paths, 1);
        }
        model = SdeModel.parse(model).id();
        scheme = SdeScheme.parse(scheme).id();
        resolve = resolve == null || resolve;
        if (tolerance != null) {
            Check.positive("sde.tolerance", tolerance);
        } else {
            tolerance = DEFAULT_TOLERANCE;
        }
        if (maxRefinements != null) {
            Check.atLeast("sde.maxRefinements", maxRefinements, 1);
            if (maxRefinements > 12) {
                throw new ConfigException("sde.maxRefinements must be at most 12 (Δt/4096; got " + maxRefinements + ")");
            }
        } else {
            maxRefinements = DEFAULT_MAX_REFINEMENTS;
        }
    }

    public SdeSpec(Boolean enabled, Double dt, Integer paths, String model) {
        this(enabled, dt, paths, model, null, null, null, null);
    }

    public SdeSpec(Boolean enabled, Double dt, Integer paths) {
        this(enabled, dt, paths, null);
    }

    public static SdeSpec disabled() {
        return new SdeSpec(false, null, null, null);
    }

    /** The parsed {@link #model}. */
    public SdeModel modelKind() {
        return SdeModel.parse(model);
    }

    /** The parsed {@link #scheme}. */
    public SdeScheme schemeKind() {
        return SdeScheme.parse(scheme);
    }
}
