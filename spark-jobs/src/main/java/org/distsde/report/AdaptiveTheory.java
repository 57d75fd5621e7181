package org.distsde.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseType;
import org.distsde.config.NormalizationKind;
import org.distsde.optim.Adaptive;
import org.distsde.optim.Optimizers;
import org.distsde.optim.Theorem;
import org.distsde.theory.AdaptiveLimits;

/**
 * Seed 000's closed forms for RMSprop(W) and Adam(W) on a diagonal quadratic ½xᵀHx with
 * homogeneous Gaussian noise (σ₁ = 0), no compression; the noise the server sees has per-coordinate
 * standard deviation σⱼ = σ0ⱼ/√N (N agents average their gradients, as a batch of N).
 * <ul>
 * <li>Dotted: the stationary loss ½Σⱼhⱼ·Varⱼ with the stationary variances of Lemma C.40 / C.52
 *     (RMSprop, Adam: (η/2)σⱼ/hⱼ) or C.45 / C.57 (the W variants: (η/2)(hⱼ/σⱼ + θ)⁻¹), and those
 *     variances on the Var[xⱼ] charts.</li>
 * <li>Dash-dot, isotropic noise only (Σ = σ²I as the lemmas assume): the asymptotic bounds,
 *     Lemma C.39 Eq. 147 (RMSprop), C.50 Eq. 201 (Adam), C.44 Eq. 162 (RMSpropW), Lemma 3.13 Eq. 15
 *     (AdamW).</li>
 * </ul>
 */
final class AdaptiveTheory {
    private AdaptiveTheory() { }

    /** The effective σⱼ, or null when no closed form applies. */
    static double[] sigma(ExperimentConfig c) {
        if (c == null || Optimizers.of(c).theorem() != Theorem.ADAPTIVE || !c.objective().type().equals("quadratic")
                || !c.noise().homogeneous() || c.noise().kind() != NoiseType.GAUSSIAN
                || c.compression().compresses() || c.normalization().kind() != NormalizationKind.NONE
                || !c.schedule().type().equals("constant")) {
            return null;
        }
        for (double v : c.noise().sigma1()) {
            if (v != 0) {
                return null;
            }
        }
        final int d = c.objective().h().length;
        final double[] s0 = c.noise().sigma0();
        final double[] s = new double[d];
        for (int j = 0; j < d; j++) {
            s[j] = s0[s0.length == 1 ? 0 : j] / Math.sqrt(c.agents());
            if (!(s[j] > 0)) {
                return null;
            }
        }
        return s;
    }

    static boolean applies(ExperimentConfig c) {
        return sigma(c) != null;
    }

    private static double[] variances(ExperimentConfig c, double[] sigma) {
        final Adaptive a = (Adaptive) Optimizers.of(c);
        final double theta = a.settings(c).theta();
        final double[] h = c.objective().h();
        if (!a.decay()) {
            return a.momentum() ? AdaptiveLimits.adamCovariance(c.eta(), h, sigma)
                    : AdaptiveLimits.rmspropCovariance(c.eta(), h, sigma);
        }
        return a.momentum() ? AdaptiveLimits.adamWCovariance(c.eta(), h, sigma, theta)
                : AdaptiveLimits.rmspropWCovariance(c.eta(), h, sigma, theta);
    }

    private static String lemma(ExperimentConfig c) {
        final Adaptive a = (Adaptive) Optimizers.of(c);
        return a.decay() ? (a.momentum() ? "Lemma C.57" : "Lemma C.45") : (a.momentum() ? "Lemma C.52" : "Lemma C.40");
    }

    static String describe(ExperimentConfig c) {
        return "dotted: stationary loss and Var[x] of " + lemma(c);
    }

    static List<TheoryCurves.Curve> loss(ExperimentConfig c, double[] rounds) {
        final List<TheoryCurves.Curve> out = new ArrayList<>();
        final double[] sigma = sigma(c);
        if (sigma == null || rounds.length == 0) {
            return out;
        }
        final double[] h = c.objective().h();
        out.add(flat("stationary loss (" + lemma(c) + ")", rounds, AdaptiveLimits.stationaryLoss(h,
                variances(c, sigma)), Plots.Style.DOTTED));
        final boolean isotropic = Arrays.stream(sigma).allMatch(v -> v == sigma[0]);
        if (isotropic) {
            final Adaptive a = (Adaptive) Optimizers.of(c);
            final double theta = a.settings(c).theta();
            final double s = sigma[0];
            final double bound = a.decay()
                    ? (a.momentum() ? AdaptiveLimits.adamW(c.eta(), h, s, theta)
                    : AdaptiveLimits.rmspropW(c.eta(), h, s, theta))
                    : (a.momentum() ? AdaptiveLimits.adam(c.eta(), h, s) : AdaptiveLimits.rmsprop(c.eta(), h, s));
            final String eq = a.decay() ? (a.momentum() ? "Lemma 3.13, Eq. 15" : "Lemma C.44, Eq. 162")
                    : (a.momentum() ? "Lemma C.50, Eq. 201" : "Lemma C.39, Eq. 147");
            out.add(flat("asymptotic bound (" + eq + ")", rounds, bound, Plots.Style.DASHDOT));
        }
        return out;
    }

    static TheoryCurves.Curve moment(ExperimentConfig c, double[] rounds, int j, boolean variance) {
        final double[] sigma = sigma(c);
        if (sigma == null || !variance || j >= sigma.length || rounds.length == 0) {
            return null;
        }
        return flat(lemma(c) + " Var", rounds, variances(c, sigma)[j], Plots.Style.DOTTED);
    }

    private static TheoryCurves.Curve flat(String name, double[] rounds, double v, Plots.Style style) {
        final double[] y = new double[rounds.length];
        Arrays.fill(y, v);
        return new TheoryCurves.Curve(name, rounds.clone(), y, style);
    }
}
