package org.distsde.config;

/**
 * {@code sde.model}: which SDE of the optimizer is integrated. Which models an optimizer has is
 * the optimizer's own business ({@code org.distsde.optim.Optimizer#sdeModels}).
 * <ul>
 * <li>{@code full}: the optimizer's SDE — Eq. 8 (DSGD), Eq. 27–28 (DCSGD), Eq. 49–52 (DSignSGD),
 *     seed 000's Eq. 131 / 158 (RMSprop(W)) and Eq. 169–171 / 219–221 (Adam(W)).</li>
 * <li>{@code phase3}, {@code phase1}: the DSignSGD phase SDEs of seed 000 Lemma 3.4.</li>
 * <li>{@code malladi}: Malladi et al.'s SDEs of RMSprop (Eq. 228–229) and Adam (Eq. 233–235).</li>
 * <li>{@code modified}: DSGD / DCSGD, Li–Tai–E's second-order modified equation (drift
 *     −∇(f + (η/4)‖∇f‖²)).</li>
 * <li>{@code curvature}: DSGD / DCSGD, the curvature-corrected SDE that knows the step-size limit
 *     ({@code org.distsde.sde.model.CurvatureCorrectedSde}).</li>
 * </ul>
 */
public enum SdeModel implements ConfigValue {
    FULL("full"),
    PHASE3("phase3"),
    PHASE1("phase1"),
    MALLADI("malladi"),
    MODIFIED("modified"),
    CURVATURE("curvature");

    private final String id;

    SdeModel(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** Parses the config value; null gives {@link #FULL}. */
    public static SdeModel parse(String s) {
        return s == null ? FULL : ConfigValue.parse(SdeModel.class, s, "sde.model");
    }
}
