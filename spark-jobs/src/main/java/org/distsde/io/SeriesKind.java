package org.distsde.io;

import java.util.Locale;

/**
 * What a series of a result is: the distributed optimizer, its SDE integrated by Euler–Maruyama at
 * Δt = η (the discrete model of the optimizer), or the SDE resolved in Δt (the object of the
 * theorems; seed 002 Theorems 4–7, seed 000 Section 3). {@link #id()} is the {@code kind} column of
 * metrics.csv and summary.json.
 */
public enum SeriesKind {
    OPTIMIZER("optimizer"),
    SDE("sde"),
    SDE_RESOLVED("sde-resolved");

    private final String id;

    SeriesKind(String id) {
        this.id = id;
    }

    /** The name in the result files. */
    public String id() {
        return id;
    }

    /** An SDE, at Δt = η or resolved. */
    public boolean sde() {
        return this != OPTIMIZER;
    }

    /** The kind of a result file's {@code kind} value. */
    public static SeriesKind of(String id) {
        for (SeriesKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown series kind '" + id + "' (expected optimizer, sde or sde-resolved)");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
