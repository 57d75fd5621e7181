package org.distsde.sde;

import org.distsde.config.ExperimentConfig;

/** Builds the SDE of a configuration's optimizer. */
public final class Sdes {
    private Sdes() { }

    /** DSGD: Eq. 8; DCSGD: Eq. 27–28; DSignSGD: Eq. 49–52, or a phase of it (seed 000 Eq. 4, 5, 10). */
    public static Sde of(ExperimentConfig cfg) {
        return switch (cfg.method()) {
            case DSGD -> new DsgdSde(cfg);
            case DCSGD -> new DcsgdSde(cfg);
            case DSIGNSGD -> new DsignSde(cfg);
        };
    }
}
