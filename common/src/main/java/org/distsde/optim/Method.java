package org.distsde.optim;

/**
 * The three distributed optimizers of Section 3 ("Optimizers and SDEs"). Each agent i sends a
 * message mᵢ built from its stochastic gradient ∇f_{γᵢ}(x) = ∇f(x) + Zᵢ(x), and the server steps
 * x_{k+1} = x_k − (η ηₖ / N) Σᵢ mᵢ.
 */
public enum Method {
    /** mᵢ = ∇f_{γᵢ}(x). SDE: Eq. 8. */
    DSGD("dsgd"),
    /** mᵢ = C_{ξᵢ}(∇f_{γᵢ}(x)) with an unbiased compressor. SDE: Eq. 27–28. */
    DCSGD("dcsgd"),
    /** mᵢ = sign(∇f_{γᵢ}(x)). SDE: Eq. 49–52. */
    DSIGNSGD("dsignsgd");

    private final String id;

    Method(String id) { this.id = id; }

    public String id() { return id; }

    public static Method parse(String s) {
        for (Method m : values()) {
            if (m.id.equalsIgnoreCase(s) || m.name().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("optimizer must be one of dsgd, dcsgd, dsignsgd (got '" + s + "')");
    }
}
