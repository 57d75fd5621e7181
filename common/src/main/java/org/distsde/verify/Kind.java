package org.distsde.verify;

/** How a statement is compared with what was measured. */
public enum Kind {
    /** A bound that must hold while its condition holds (HOLDS / VIOLATED / UNRESOLVED / NOT CLAIMED). */
    BOUND("bound while its condition holds"),
    /** A closed form that the measurement must match within its Monte Carlo and discretisation errors. */
    CLOSED_FORM("closed form within MC error"),
    /** A fitted order (in Δt or η) that must lie in an interval. */
    ORDER("fitted order in an interval"),
    /** A qualitative claim made measurable (e.g. "diverges without normalization"). */
    QUALITATIVE("qualitative claim made measurable");

    private final String description;

    Kind(String description) {
        this.description = description;
    }

    /** What the comparison is, in words. */
    public String description() {
        return description;
    }
}
