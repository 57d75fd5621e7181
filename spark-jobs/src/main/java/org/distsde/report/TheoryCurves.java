package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseType;
import org.distsde.config.Series;
import org.distsde.noise.NoiseModel;
import org.distsde.config.NormalizationKind;
import org.distsde.config.SdeModel;
import org.distsde.optim.Optimizers;
import org.distsde.optim.Theorem;
import org.distsde.schedule.Schedule;
import org.distsde.theory.QuadraticLimits;
import org.distsde.theory.QuadraticMoments;

/**
 * Closed-form theory drawn over a series, wherever one exists: SGD or SignSGD on a diagonal
 * quadratic f(x) = ½xᵀHx with homogeneous Gaussian (σ₁ = 0) or Student-t noise, no compression and
 * no normalization (seed 000, Section 3.1; any N, constant or power scheduler); for RMSprop(W)
 * and Adam(W) the closed forms of seed 000 Appendix C.6–C.8 ({@link AdaptiveTheory}).
 * <ul>
 * <li>Prediction (dotted): the exact moments of the SDE — SGD: Lemma 3.8; SignSGD: the Phase 1
 *     ODE (Eq. 4) until every coordinate has |Yⱼ| ≤ 1, then the Phase 3 SDE (Eq. 5 / Eq. 10 for
 *     Student-t) with the moments of Lemma 3.7 (integrated in time under a scheduler).</li>
 * <li>Bounds (dash-dot), single agent, Gaussian noise: Lemma 3.6 (SGD); Lemma 3.5 Phase 1 and
 *     Phase 3 (Eq. 7, from the Phase 3 entry) for SignSGD with a constant scheduler, drawn when the
 *     panel holds one series; Lemma 3.9's asymptote for SignSGD with a decaying scheduler.</li>
 * </ul>
 */
public final class TheoryCurves {
    /** A theory line over iterations k. */
    public record Curve(String name, double[] x, double[] y, Plots.Style style) { }

    /** The quadratic model of one series, or null when no closed form applies. */
    record Model(ExperimentConfig cfg, double[] lambda, double[] sigma, double kappa, boolean sign, boolean gaussian,
                 Schedule schedule) {
        double eta() { return cfg.eta(); }

        int agents() { return cfg.agents(); }

        double[] x0() { return cfg.initialPoint(); }

        DoubleUnaryOperator rho() {
            final double eta = cfg.eta();
            return t -> schedule.at(t / eta);
        }

        boolean constant() { return cfg.schedule().type().equals("constant"); }

        QuadraticMoments moments() {
            return sign ? QuadraticMoments.signPhase3(lambda, sigma, kappa, eta(), agents())
                    : QuadraticMoments.sgd(lambda, sigma, eta(), agents());
        }

        double mu() { return QuadraticLimits.min(lambda); }

        double trace() { return QuadraticLimits.trace(lambda); }

        double sigmaMax() {
            double s = 0;
            for (double v : sigma) {
                s = Math.max(s, v);
            }
            return s;
        }

        double loss(double[] x) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += lambda[j] * x[j] * x[j] / 2;
            }
            return s;
        }
    }

    private TheoryCurves() { }

    /** The series' resolved configurations, re-read from the summary (index → config); empty if unreadable. */
    public static List<ExperimentConfig> configs(JsonNode summary) {
        final List<ExperimentConfig> out = new ArrayList<>();
        try {
            for (Series s : ConfigLoader.parse(summary.path("config").toString(), List.of()).series()) {
                out.add(s.config());
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return out;
    }

    static Model model(ExperimentConfig c) {
        if (c == null || !c.objective().type().equals("quadratic") || !c.noise().homogeneous()
                || c.noise().correlated() // the closed forms are for coordinate-wise independent noise
                || c.compression().compresses() || c.normalization().kind() != NormalizationKind.NONE) {
            return null;
        }
        final Theorem thm = Optimizers.of(c).theorem();
        if (thm != Theorem.DSGD_4 && thm != Theorem.DSIGNSGD_7) {
            return null;
        }
        final boolean gaussian = c.noise().kind() == NoiseType.GAUSSIAN;
        final double[] sigma;
        if (gaussian) {
            for (double v : c.noise().sigma1()) {
                if (v != 0) {
                    return null;
                }
            }
            sigma = c.noise().sigma0();
        } else {
            if (thm == Theorem.DSGD_4) {
                return null;
            }
            sigma = c.noise().sigma();
        }
        for (double v : sigma) {
            if (!(v > 0)) {
                return null;
            }
        }
        final NoiseModel nm = c.noise().build(0, c.agents());
        final boolean sign = thm == Theorem.DSIGNSGD_7;
        if (sign && c.sde().modelKind() != SdeModel.FULL && c.sde().modelKind() != SdeModel.PHASE3) {
            return null;
        }
        return new Model(c, c.objective().h().clone(), sigma.clone(), 2 * nm.standardDensityAtZero(), sign, gaussian,
                c.schedule().build());
    }

    /** True when {@code c} has a closed form to draw. */
    public static boolean applies(ExperimentConfig c) {
        return model(c) != null || AdaptiveTheory.applies(c);
    }

    /** What the dotted prediction of this series is, for the chart's subtitle ("" when none). */
    public static String describe(ExperimentConfig c) {
        if (AdaptiveTheory.applies(c)) {
            return AdaptiveTheory.describe(c);
        }
        final Model m = model(c);
        if (m == null) {
            return "";
        }
        if (!m.sign()) {
            return "dotted: SDE moments (Lemma 3.8)";
        }
        return (c.sde().modelKind() == SdeModel.PHASE3 ? "dotted: Phase 3 SDE moments (Lemma 3.7"
                : "dotted: Phase 1 ODE then Phase 3 SDE moments (Lemma 3.4, 3.7")
                + (m.gaussian() ? "" : ", Cor. 3.11 κ = " + String.format(java.util.Locale.ROOT, "%.4f", m.kappa())) + ")";
    }

    /** Times t = k·η of rounds k. */
    private static double[] times(Model m, double[] rounds) {
        final double[] t = new double[rounds.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = rounds[i] * m.eta();
        }
        return t;
    }

    /**
     * The Phase 1 → Phase 3 composite for SignSGD (or the plain SDE moments for SGD) at the given
     * rounds: [3][d][n] = {mean, variance, second moment}, and the Phase 3 entry time at [3][0][0].
     */
    static double[][][] predict(Model m, double[] rounds) {
        final double[] t = times(m, rounds);
        final int d = m.lambda().length;
        final QuadraticMoments qm = m.moments();
        final double step = m.eta() / 4;
        final double[][][] out = new double[4][d][t.length];
        if (!m.sign()) {
            final double[][][] r = qm.integrate(m.x0(), 0, t, m.rho(), step);
            System.arraycopy(r, 0, out, 0, 3);
            out[3] = new double[][] {{0}};
            return out;
        }
        // Phase 1 (Eq. 4): x moves at speed rho(t) towards 0 until it enters Phase 3 (the Phase 3 SDE
        // itself, sde.model phase3, is linear from the start)
        final boolean linear = m.cfg().sde().modelKind() == SdeModel.PHASE3;
        final double entry = linear ? 0 : QuadraticLimits.phase3Entry(m.x0(), m.lambda(), m.sigma());
        final DoubleUnaryOperator rho = m.rho();
        final double tEnd = t.length == 0 ? 0 : t[t.length - 1];
        double s = 0, dist = 0;
        int i = 0;
        while (i < t.length && t[i] <= 0) {
            fill(out, i++, m.x0());
        }
        while (dist < entry && s < tEnd) {
            final double h = Math.min(step, tEnd - s);
            final double dd = rho.applyAsDouble(s + h / 2) * h;
            final boolean crosses = dist + dd >= entry;
            final double hEnd = crosses ? h * (entry - dist) / dd : h; // the crossing inside the substep
            while (i < t.length && t[i] <= s + hEnd) {
                fill(out, i, QuadraticLimits.signGd(m.x0(), dist + dd * (t[i] - s) / h));
                i++;
            }
            s += hEnd;
            dist = crosses ? entry : dist + dd;
        }
        final double t3 = dist >= entry ? s : Double.POSITIVE_INFINITY;
        while (i < t.length && t[i] < t3) { // only past the integration horizon
            fill(out, i, QuadraticLimits.signGd(m.x0(), dist));
            i++;
        }
        if (i < t.length) {
            final double[] rest = java.util.Arrays.copyOfRange(t, i, t.length);
            final double[][][] r = qm.integrate(QuadraticLimits.signGd(m.x0(), entry), t3, rest, rho, step);
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < d; j++) {
                    System.arraycopy(r[k][j], 0, out[k][j], i, rest.length);
                }
            }
        }
        out[3] = new double[][] {{t3}};
        return out;
    }

    private static void fill(double[][][] out, int i, double[] x) {
        for (int j = 0; j < x.length; j++) {
            out[0][j][i] = x[j];
            out[1][j][i] = 0;
            out[2][j][i] = x[j] * x[j];
        }
    }

    /** Loss lines of a series: the prediction and, where they apply, the bounds. */
    public static List<Curve> loss(ExperimentConfig c, double[] rounds, boolean singleSeries) {
        if (AdaptiveTheory.applies(c)) {
            return AdaptiveTheory.loss(c, rounds);
        }
        final Model m = model(c);
        final List<Curve> out = new ArrayList<>();
        if (m == null || rounds.length == 0) {
            return out;
        }
        final double[][][] p = predict(m, rounds);
        final double[] loss = m.moments().loss(new double[][][] {p[0], p[1], p[2]});
        out.add(new Curve(m.sign() ? "Phase 1 ODE → Phase 3 SDE (Lemma 3.7)" : "SDE (Lemma 3.8)", rounds.clone(), loss,
                Plots.Style.DOTTED));
        if (m.agents() != 1 || !m.gaussian()) {
            return out;
        }
        final double s0 = m.loss(m.x0());
        final double[] t = times(m, rounds);
        if (!m.sign()) {
            if (m.constant() && singleSeries) {
                final double[] y = new double[t.length];
                for (int i = 0; i < t.length; i++) {
                    y[i] = QuadraticLimits.sgdBound(s0, m.eta(), m.mu(), m.trace(), m.sigmaMax(), t[i]);
                }
                out.add(new Curve("Lemma 3.6 bound", rounds.clone(), y, Plots.Style.DASHDOT));
            }
            return out;
        }
        if (!m.constant()) {
            final double[] y = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                y[i] = QuadraticLimits.lemma39(m.eta(), m.trace(), m.mu(), m.sigmaMax(), m.rho().applyAsDouble(t[i]));
            }
            out.add(new Curve("Lemma 3.9 asymptote", rounds.clone(), y, Plots.Style.DASHDOT));
            return out;
        }
        if (!singleSeries) {
            return out;
        }
        final double t3 = p[3][0][0];
        final double tStar = QuadraticLimits.phase1Duration(s0, m.mu());
        final List<Double> x1 = new ArrayList<>(), y1 = new ArrayList<>(), x3 = new ArrayList<>(), y3 = new ArrayList<>();
        final double s3 = m.loss(QuadraticLimits.signGd(m.x0(), m.cfg().sde().modelKind() == SdeModel.PHASE3 ? 0
                : QuadraticLimits.phase3Entry(m.x0(), m.lambda(), m.sigma())));
        for (int i = 0; i < t.length; i++) {
            if (t[i] <= Math.min(tStar, t3)) {
                x1.add(rounds[i]);
                y1.add(QuadraticLimits.phase1Bound(s0, m.mu(), t[i]));
            }
            if (t[i] >= t3) {
                x3.add(rounds[i]);
                y3.add(QuadraticLimits.phase3Bound(s3, m.eta(), m.mu(), m.trace(), m.sigmaMax(), t[i] - t3));
            }
        }
        if (x1.size() > 1) {
            out.add(new Curve("Lemma 3.5 Phase 1 bound", unbox(x1), unbox(y1), Plots.Style.DASHDOT));
        }
        if (x3.size() > 1) {
            out.add(new Curve("Lemma 3.5 Phase 3 bound (Eq. 7)", unbox(x3), unbox(y3), Plots.Style.DASHDOT));
        }
        return out;
    }

    /** The predicted mean (or variance) of coordinate j (0-based) at the given rounds, or null. */
    public static Curve moment(ExperimentConfig c, double[] rounds, int j, boolean variance) {
        if (AdaptiveTheory.applies(c)) {
            return AdaptiveTheory.moment(c, rounds, j, variance);
        }
        final Model m = model(c);
        if (m == null || j >= m.lambda().length || rounds.length == 0) {
            return null;
        }
        final double[][][] p = predict(m, rounds);
        return new Curve((m.sign() ? "Lemma 3.7" : "Lemma 3.8") + (variance ? " Var" : " mean"), rounds.clone(),
                p[variance ? 1 : 0][j].clone(), Plots.Style.DOTTED);
    }

    private static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
