package org.distsde.theory;

import org.distsde.config.ExperimentConfig;

/**
 * What a checked series is. Theorems 4–7 are statements about the SDEs (Eq. 8, 27–28, 49–52), so
 * only {@link #SDE_RESOLVED} verdicts say anything about a theorem; for the two other sources the
 * bound is the SDE bound evaluated on a discrete process (reported as within / EXCEEDED, never
 * as HOLDS / VIOLATED).
 */
public enum Source {
    /** The distributed optimizer itself (one step per round). */
    OPTIMIZER("SDE bound evaluated on the discrete optimizer"),
    /** Euler–Maruyama at Δt = η: a discrete model of the optimizer, not the SDE itself. */
    SDE_MODEL("SDE bound evaluated on the discrete model (Euler-Maruyama at dt = eta)"),
    /** Euler–Maruyama at Δt &lt; η (ideally with a coarser level for the discretisation error). */
    SDE_RESOLVED("theorem check on the resolved SDE (dt < eta)");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    /** How the report labels a result of this source. */
    public String label() {
        return label;
    }

    /** True when a verdict is a statement about the theorem (only {@link #SDE_RESOLVED}). */
    public boolean aboutTheorem() {
        return this == SDE_RESOLVED;
    }

    /**
     * The source of a series from the free-text kind the jobs use: "optimizer" is
     * {@link #OPTIMIZER}; "sde" is {@link #SDE_RESOLVED} when the config's sde.dt &lt; η, else
     * {@link #SDE_MODEL}; an enum name is taken as is; anything else is {@link #OPTIMIZER} (the
     * conservative choice: no theorem verdict).
     */
    public static Source of(String kind, ExperimentConfig cfg) {
        if (kind == null) {
            return OPTIMIZER;
        }
        for (Source s : values()) {
            if (s.name().equalsIgnoreCase(kind)) {
                return s;
            }
        }
        if (kind.toLowerCase(java.util.Locale.ROOT).startsWith("sde")) {
            final Double dt = cfg.sde() == null ? null : cfg.sde().dt();
            return dt != null && dt < cfg.eta() ? SDE_RESOLVED : SDE_MODEL;
        }
        return OPTIMIZER;
    }
}
