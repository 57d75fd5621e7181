package org.distsde.verify;

import org.distsde.config.ExperimentConfig;
import org.distsde.optim.Adaptive;
import org.distsde.theory.AdaptiveLimits;
import org.distsde.theory.QuadraticLimits;
import org.distsde.verify.check.ClosedForm;

/**
 * The closed forms of seed 000 evaluated at a series' config: f = ½xᵀHx with H = diag(h) from the
 * objective, σ = σ0/√N the noise of the server's averaged gradient (N agents average as a batch of N),
 * θ the config's decoupled weight decay, η the config's step. They delegate to
 * {@link AdaptiveLimits} / {@link QuadraticLimits}, which cite the equations.
 */
final class Closed {
    private Closed() { }

    static double sigma(ExperimentConfig c) {
        return c.noise().sigma0()[0] / Math.sqrt(c.agents());
    }

    static double theta(ExperimentConfig c) {
        return ((Adaptive) org.distsde.optim.Optimizers.of(c)).settings(c).theta();
    }

    static double[] h(ExperimentConfig c) {
        return c.objective().h();
    }

    /** Lemma C.39, Eq. 147. */
    static ClosedForm rmsprop() {
        return c -> AdaptiveLimits.rmsprop(c.eta(), h(c), sigma(c));
    }

    /** Lemma C.44, Eq. 162. */
    static ClosedForm rmspropW() {
        return c -> AdaptiveLimits.rmspropW(c.eta(), h(c), sigma(c), theta(c));
    }

    /** Lemma C.50, Eq. 201 (with 1/μ). */
    static ClosedForm adam() {
        return c -> AdaptiveLimits.adam(c.eta(), h(c), sigma(c));
    }

    /** Lemma C.50 as printed: ησL_τ/(4√B)·κ/√δ, without the 1/μ of Eq. 201. */
    static ClosedForm adamPrinted() {
        return c -> c.eta() * sigma(c) * QuadraticLimits.trace(h(c)) / 4;
    }

    /** Lemma C.51: ησd/4. */
    static ClosedForm adamQuadratic() {
        return c -> AdaptiveLimits.adamQuadratic(c.eta(), h(c), sigma(c));
    }

    /** Lemma C.56, Eq. 225 (Eq. 15 derived). */
    static ClosedForm adamW() {
        return c -> AdaptiveLimits.adamW(c.eta(), h(c), sigma(c), theta(c));
    }

    /** Lemma 3.13, Eq. 15 as printed. */
    static ClosedForm adamWPrinted() {
        return c -> AdaptiveLimits.adamWPrinted(c.eta(), h(c), sigma(c), theta(c));
    }

    /** Eq. 16 for f + θ‖x‖²/2 given the unregularised h and θ. */
    static ClosedForm adamL2(double[] h, double theta) {
        return c -> AdaptiveLimits.adamL2(c.eta(), h, sigma(c), theta);
    }

    /** The linearised SDE's exact stationary loss ½Σhⱼ(η/2)/(hⱼ/σ + θ) (θ = 0 without decay). */
    static ClosedForm stationaryLoss() {
        return c -> {
            final double th = ((Adaptive) org.distsde.optim.Optimizers.of(c)).decay() ? theta(c) : 0;
            return AdaptiveLimits.stationaryLoss(h(c), AdaptiveLimits.rmspropWCovariance(c.eta(), h(c),
                    new double[] {sigma(c)}, th));
        };
    }

    /** Var[xⱼ] of Lemma C.40 / C.45 / C.52 / C.57: (η/2)/(hⱼ/σ + θ) (θ = 0 without decay). */
    static ClosedForm variance(int j) {
        return c -> {
            final double th = ((Adaptive) org.distsde.optim.Optimizers.of(c)).decay() ? theta(c) : 0;
            return AdaptiveLimits.rmspropWCovariance(c.eta(), h(c), new double[] {sigma(c)}, th)[j];
        };
    }

    /** Var[xⱼ] of Lemma 3.14 as printed: (η/2)(I + θH⁻¹Σ^{1/2})⁻¹H⁻¹Σ^{1/2}. */
    static ClosedForm lemma314(int j) {
        return c -> AdaptiveLimits.lemma314Covariance(c.eta(), h(c), new double[] {sigma(c)}, theta(c))[j];
    }

    /** Eq. 16's exact linearised loss of f: Σⱼ hⱼ·ησ/(4(hⱼ + θ)). */
    static ClosedForm adamL2Loss(double[] h, double theta) {
        return c -> AdaptiveLimits.stationaryLoss(h, AdaptiveLimits.adamL2Covariance(c.eta(), h,
                new double[] {sigma(c)}, theta));
    }
}
