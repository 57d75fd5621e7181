package org.distsde.sde;

import org.distsde.config.ExperimentConfig;
import org.distsde.optim.Optimizers;

/** The SDE of a configuration's optimizer, built by the optimizer from its parameters. */
public final class Sdes {
    private Sdes() { }

    /**
     * The optimizer's SDE of {@code sde.model}: DSGD Eq. 8; DCSGD Eq. 27–28; DSignSGD Eq. 49–52 or
     * a phase of it (seed 000 Eq. 4, 5, 10); RMSprop(W) / Adam(W) seed 000's or Malladi's.
     */
    public static Sde of(ExperimentConfig cfg) {
        return Optimizers.of(cfg).sde(cfg);
    }
}
