package org.distsde.optim;

import java.util.Arrays;
import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.OptimizerKind;

/** The optimizer of each configuration constant: the one place a new optimizer's type is listed. */
public final class Optimizers {
    private Optimizers() { }

    /** The optimizer of {@code kind} (an exhaustive switch: a new constant does not compile without its type). */
    public static Optimizer of(OptimizerKind kind) {
        return switch (kind) {
            case DSGD -> Dsgd.INSTANCE;
            case DCSGD -> Dcsgd.INSTANCE;
            case DSIGNSGD -> DsignSgd.INSTANCE;
            case RMSPROP -> Adaptive.RMSPROP;
            case RMSPROPW -> Adaptive.RMSPROPW;
            case ADAM -> Adaptive.ADAM;
            case ADAMW -> Adaptive.ADAMW;
            case EF_SGD -> ErrorFeedback.INSTANCE;
            case EF21 -> Ef21.INSTANCE;
            case DIANA -> Diana.INSTANCE;
        };
    }

    /** The optimizer of a series. */
    public static Optimizer of(ExperimentConfig cfg) {
        return of(cfg.optimizer());
    }

    /** Every optimizer, in the order of {@link OptimizerKind}. */
    public static List<Optimizer> all() {
        return Arrays.stream(OptimizerKind.values()).map(Optimizers::of).toList();
    }
}
