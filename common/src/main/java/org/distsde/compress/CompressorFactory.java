package org.distsde.compress;

import java.io.Serializable;
import java.util.Map;

/**
 * Builds one kind of compressor from its config parameters ({@code compression.type} and the
 * fields beside it): the parameters it accepts and their shapes, their validation, and the
 * compressor of each agent. Errors are {@link IllegalArgumentException}s naming the field
 * ({@link Arguments#field}).
 */
public interface CompressorFactory extends Serializable {
    /** The shape of a parameter's JSON value. */
    enum Shape {
        /** One number. */
        NUMBER,
        /** One integer. */
        INTEGER,
        /** An array of numbers (a single number is taken as an array of one). */
        NUMBERS
    }

    /** The value of {@code compression.type}. */
    String type();

    /** The parameters this type accepts, by name (every other field is refused). */
    Map<String, Shape> parameters();

    /** Checks the parameters' values and combinations (not those that need N or d). */
    void check(Arguments a);

    /** Checks the parameters against the number of agents N (per-agent lists). */
    default void checkAgents(Arguments a, int agents) { }

    /** Checks the parameters against the dimension d (e.g. k ≤ d). */
    default void checkDimension(Arguments a, int d) { }

    /** True when every agent gets the same compressor. */
    default boolean homogeneous(Arguments a) {
        return true;
    }

    /** The compressor of agent {@code agent}. */
    Compressor build(Arguments a, int agent);

    /**
     * The parameters, under the same path, of a compressor of this type whose ω on d-dimensional
     * vectors is {@code omega}, or as near as its parameters allow (rand-k: the nearest integer k to
     * d/(1 + ω)); null when the type has no ω parameterisation (biased compressors, natural
     * compression's fixed ω = 1/8). The stability frontier over ω sets compressors by it.
     */
    default Arguments withOmega(Arguments a, double omega, int d) {
        return null;
    }
}
