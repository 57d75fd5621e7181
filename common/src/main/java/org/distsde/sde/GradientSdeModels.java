package org.distsde.sde;

import org.distsde.config.ExperimentConfig;
import org.distsde.config.SdeModel;
import org.distsde.sde.model.CurvatureCorrectedSde;
import org.distsde.sde.model.ModifiedEquationSde;
import org.distsde.sde.model.StepVariance;

/**
 * The SDE models of DSGD and DCSGD ({@code sde.model}): the first-order SDE (Eq. 8, Eq. 27–28),
 * Li–Tai–E's second-order modified equation and the curvature-corrected model that knows the
 * step-size limit ({@link CurvatureCorrectedSde}), the last two built from the objective, η and
 * the step covariance of Eq. 8 / 28.
 */
public final class GradientSdeModels {
    private GradientSdeModels() { }

    /** The step covariance Σ̃ⱼⱼ = aⱼ + bⱼ‖∇f‖² + ω̄(∂ⱼf)² of a configuration (Eq. 8 / 28, diagonal). */
    public static StepVariance stepVariance(ExperimentConfig cfg) {
        final int d = cfg.buildObjective().dim();
        final AverageCovariance c = new AverageCovariance(cfg.noise(), cfg.agents(), d, cfg.compression());
        final double[] a = new double[d], b = new double[d];
        for (int j = 0; j < d; j++) {
            a[j] = c.a[j] + c.aOmega[j];
            b[j] = c.b[j] + c.bOmega[j];
        }
        return new StepVariance(a, b, c.omega, cfg.agents());
    }

    /**
     * The SDE of {@code cfg.sde().model()} for DSGD / DCSGD with diagonal noise when it is one of the
     * higher-order models: {@code modified}, the second-order modified equation, or
     * {@code curvature}, the curvature-corrected model.
     */
    public static Sde of(ExperimentConfig cfg) {
        final SdeModel m = cfg.sde().modelKind();
        return switch (m) {
            case MODIFIED -> new ModifiedEquationSde(DriftObjective.of(cfg), stepVariance(cfg), cfg.eta());
            case CURVATURE -> new CurvatureCorrectedSde(DriftObjective.of(cfg), stepVariance(cfg), cfg.eta());
            default -> throw new IllegalArgumentException("sde.model " + m.id() + " is not a model of this family");
        };
    }
}
