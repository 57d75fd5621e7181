package org.distsde.verify;

/** What a statement's check needs run on its config's series. */
public enum Need {
    /** The optimizer (every round recorded as the config says). */
    OPTIMIZER,
    /** The SDE as configured: resolved in Δt ({@code sde.resolve}, all levels kept) or at {@code sde.dt}. */
    SDE,
    /** The optimizer and its resolved SDE at η, η/2, … over the same horizon (Definition 3). */
    ETA_STUDY
}
