package org.distsde.config;

/**
 * {@code sde.scheme}: how a resolved SDE series turns its Δt levels into one estimate.
 * <ul>
 * <li>{@code euler-maruyama} (default): the finest level reached, Algorithm 1 of seed 000 (weak
 *     order 1).</li>
 * <li>{@code talay-tubaro}: Richardson extrapolation of Euler–Maruyama over two coupled levels,
 *     2·E[φ(X^{Δt/2})] − E[φ(X^{Δt})], which cancels the leading Δt term of the weak-error expansion
 *     and is of weak order 2 for smooth coefficients (D. Talay and L. Tubaro, "Expansion of the global
 *     error for numerical schemes solving stochastic differential equations", Stochastic Analysis and
 *     Applications 8(4), 1990).</li>
 * </ul>
 */
public enum SdeScheme implements ConfigValue {
    EULER_MARUYAMA("euler-maruyama"),
    TALAY_TUBARO("talay-tubaro");

    private final String id;

    SdeScheme(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** Parses the config value; null gives the default. */
    public static SdeScheme parse(String s) {
        return s == null ? EULER_MARUYAMA : ConfigValue.parse(SdeScheme.class, s, "sde.scheme");
    }
}
