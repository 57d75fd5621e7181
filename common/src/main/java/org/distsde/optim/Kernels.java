package org.distsde.optim;

import org.distsde.config.ExperimentConfig;
import org.distsde.sim.AgentKernel;

/** Which message kernel the agents of a series run: agents holding data, correlated noise, or the coordinate-wise kernels. */
final class Kernels {
    private Kernels() { }

    /** The gradient family (DSGD, DCSGD, the adaptive optimizers): mᵢ = C(∇f + Zᵢ) or a data gradient. */
    static AgentKernel gradient(ExperimentConfig cfg) {
        return DataMessages.applies(cfg) ? new DataMessages(cfg, false)
                : cfg.noise().correlated() ? new CorrelatedMessages(cfg, false) : new GradientMessages(cfg);
    }

    /** DSignSGD: mᵢ = sign(∇f + Zᵢ) or the sign of a data gradient. */
    static AgentKernel sign(ExperimentConfig cfg) {
        return DataMessages.applies(cfg) ? new DataMessages(cfg, true)
                : cfg.noise().correlated() ? new CorrelatedMessages(cfg, true) : new SignMessages(cfg);
    }
}
