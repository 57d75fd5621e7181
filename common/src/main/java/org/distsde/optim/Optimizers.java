package org.distsde.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distsde.config.ConfigException;

/** The registry of optimizers by config id: the one place a new optimizer is listed. */
public final class Optimizers {
    private static final Map<String, Optimizer> BY_ID = new LinkedHashMap<>();

    static {
        for (Optimizer o : List.of(Dsgd.INSTANCE, Dcsgd.INSTANCE, DsignSgd.INSTANCE, Adaptive.RMSPROP,
                Adaptive.RMSPROPW, Adaptive.ADAM, Adaptive.ADAMW, ErrorFeedback.INSTANCE)) {
            BY_ID.put(o.id(), o);
        }
    }

    private Optimizers() { }

    /** The optimizer with config id {@code s} (case-insensitive). */
    public static Optimizer parse(String s) {
        final Optimizer o = s == null ? null : BY_ID.get(s.toLowerCase(Locale.ROOT));
        if (o == null) {
            throw new ConfigException("optimizer must be one of " + String.join(", ", BY_ID.keySet()) + " (got '" + s
                    + "')");
        }
        return o;
    }

    /** Every registered optimizer, in registration order. */
    public static List<Optimizer> all() {
        return List.copyOf(BY_ID.values());
    }
}
