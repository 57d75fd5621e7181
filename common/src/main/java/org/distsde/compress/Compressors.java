package org.distsde.compress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of compressors by {@code compression.type}: the one place a new compressor is listed. */
public final class Compressors {
    private static final Map<String, CompressorFactory> BY_TYPE = new LinkedHashMap<>();

    static {
        for (CompressorFactory f : List.of(Identity.FACTORY, RandomSparsification.FACTORY, ScaledSign.FACTORY,
                RandK.FACTORY, TopK.FACTORY, Qsgd.FACTORY, Natural.FACTORY, Composition.RAND_K_NATURAL)) {
            BY_TYPE.put(f.type(), f);
        }
    }

    private Compressors() { }

    /** The factory of {@code type}; an {@link IllegalArgumentException} naming {@code field} and the types otherwise. */
    public static CompressorFactory of(String type, String field) {
        final CompressorFactory f = type == null ? null : BY_TYPE.get(type);
        if (f == null) {
            throw new IllegalArgumentException(field + " must be one of " + String.join(", ", BY_TYPE.keySet())
                    + " (got '" + type + "')");
        }
        return f;
    }

    /** Every registered type, in registration order. */
    public static List<String> types() {
        return List.copyOf(BY_TYPE.keySet());
    }
}
