package org.distsde.frontier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.distsde.config.ConfigException;
import org.distsde.config.SdeModel;

/**
 * What a frontier bisects: the optimizer itself, or an SDE model of it integrated with step
 * Δt = η/k ({@code sde.model} = model, {@code sde.dt} = η/k, as many paths as runs, no Δt
 * refinement) under the same divergence rule over the same horizon. k = 1 is the model at the
 * optimizer's own step (kind {@code sde}); large k approaches the SDE itself (the continuous object
 * of the theorems). Written {@code optimizer} or {@code <model>:<k>}, e.g. {@code curvature:16}.
 *
 * @param model   the SDE model, null for the optimizer
 * @param divisor k, 0 for the optimizer
 */
public record FrontierProcess(SdeModel model, int divisor) {
    /** The optimizer. */
    public static final FrontierProcess OPTIMIZER = new FrontierProcess(null, 0);

    public FrontierProcess {
        if (model != null && !(divisor >= 1 && divisor <= 4096 && Integer.bitCount(divisor) == 1)) {
            throw new ConfigException("--sde " + model.id() + ":" + divisor + ": the step divisor k (dt = eta/k) must be a "
                    + "power of two from 1 to 4096");
        }
    }

    /** Parses {@code optimizer}, {@code <model>} (k = 1) or {@code <model>:<k>}. */
    public static FrontierProcess parse(String s) {
        final String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("optimizer")) {
            return OPTIMIZER;
        }
        final int colon = t.indexOf(':');
        final SdeModel m = SdeModel.parse(colon < 0 ? t : t.substring(0, colon));
        int k = 1;
        if (colon >= 0) {
            try {
                k = Integer.parseInt(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException("--sde " + s + ": expected <model>:<k> with k a whole number (dt = eta/k)");
            }
        }
        return new FrontierProcess(m, k);
    }

    /** True for the optimizer. */
    public boolean optimizer() {
        return model == null;
    }

    /** {@code optimizer} or {@code sde:<model> dt=eta/<k>}. */
    public String label() {
        return optimizer() ? "optimizer" : "sde:" + model.id() + (divisor == 1 ? " dt=eta" : " dt=eta/" + divisor);
    }

    /** The id as the CLI writes it. */
    public String id() {
        return optimizer() ? "optimizer" : model.id() + ":" + divisor;
    }

    /** Sets the SDE fields of a config tree whose η is {@code eta} (nothing for the optimizer). */
    void apply(ObjectNode tree, double eta, int runs) {
        if (optimizer()) {
            return;
        }
        final ObjectNode sde = tree.putObject("sde");
        sde.put("enabled", true);
        sde.put("model", model.id());
        sde.put("dt", eta / divisor);
        sde.put("paths", runs);
        sde.put("resolve", false);
    }
}
