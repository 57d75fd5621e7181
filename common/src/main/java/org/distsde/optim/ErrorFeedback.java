package org.distsde.optim;

import org.distsde.config.ConfigException;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.OptimizerKind;
import org.distsde.sde.Sde;
import org.distsde.sim.AgentKernel;

/**
 * EF-SGD, error feedback (Seide et al. 2014; Karimireddy et al. 2019, Algorithm 2), distributed:
 * agent i sends mᵢ = C(eᵢ + gᵢ) and keeps eᵢ ← eᵢ + gᵢ − mᵢ ({@link ErrorFeedbackMessages}); the
 * server steps x ← x − (ηηₜ/N)Σᵢ mᵢ. C is the {@code compression} block's compressor, biased or
 * not: with {@code scaled-sign} this is EF-SignSGD, with none it is DSGD. Neither seed has a
 * theorem or an SDE for it.
 */
public final class ErrorFeedback implements Optimizer {
    private static final long serialVersionUID = 1L;
    public static final ErrorFeedback INSTANCE = new ErrorFeedback();

    private ErrorFeedback() { }

    @Override public OptimizerKind kind() { return OptimizerKind.EF_SGD; }

    @Override
    public AgentKernel kernel(ExperimentConfig cfg) {
        return Kernels.errorFeedback(cfg);
    }

    /** None: refused with one line (the {@code integrate} and {@code converge} verbs and {@code sde.enabled} need one). */
    @Override
    public Sde sde(ExperimentConfig cfg) {
        throw new ConfigException("optimizer: " + id() + " has no SDE here (integrate, converge and sde.enabled need one)");
    }

    @Override public Theorem theorem() { return Theorem.NONE; }

    private Object readResolve() { return INSTANCE; }
}
