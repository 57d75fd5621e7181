package org.distsde.fit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.TDistribution;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NormalizationKind;
import org.distsde.objective.Smoothness;
import org.distsde.optim.Optimizer;
import org.distsde.optim.Optimizers;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.Simulation;
import org.distsde.theory.DcsgdCheck;
import org.distsde.theory.DsgdCheck;
import org.distsde.theory.DsignSgdCheck;
import org.distsde.theory.TheoremCheck;

/**
 * The learning-rate condition of the config's optimizer evaluated with fitted constants: Eq. 1
 * (Theorem 4, DSGD), Eq. 5 (Theorem 6, DCSGD; Eq. 3 of Theorem 5 when σ̄1² = 0) and Theorem 7's
 * ηηₜ &lt; 2Nℓ_ν/(σ_H,1L1d) (DSignSGD), through the theorem checks' own ceilings
 * ({@link DsgdCheck}, {@link DcsgdCheck}, {@link DsignSgdCheck}) at ε of the config (its theorem
 * normalization's, else 0.5, as {@code TheoremChecker}).
 *
 * <p><b>Where.</b> At every round of the {@link Trajectory} at which one of its runs is alive, with
 * the learning rate the runs took (η·ηₜ and the config's normalization). The condition as stated
 * uses E‖∇f(Xₜ)‖, here the mean of ‖∇f‖ over the trajectory's alive runs, against the largest of
 * their rates; with a per-run normalization (grad-norm, or theorem with perRun) it is checked per
 * path (Eq. 21 / 43): each run's rate against the ceiling at its own ‖∇f‖.
 *
 * <p><b>With what.</b> (a) The estimates (σ̄² clamped at 0); (b) the pessimistic ends of their 95%
 * intervals: for Eq. 1 and 5, whose ceilings fall as every constant grows, the upper ends of
 * σ̄0², σ̄1², σ̄0²ω, σ̄1²ω, L0 and L1 (ω̄ is the config's); for Theorem 7 the smallest ceiling over
 * the corners of the intervals of the agents' tail indices ν̂ᵢ and robust scales, with L1's upper
 * end. Theorem 7's constants from the fit: σ̂_max,ᵢ = r̄ᵢ/median|T_ν̂ᵢ| (r̄ᵢ the agent's mean median
 * |Z|, T_ν Student-t), σ_H,1 their harmonic mean, ℓ_ν = (2F_ν(R) − 1)/R at the smallest ν̂ᵢ with
 * R = max(1, maxⱼ|∂ⱼf(x0)|/minᵢ σ̂_max,ᵢ), the secant rule of {@link DsignSgdCheck}.
 *
 * <p><b>Verdicts.</b> "holds for the whole interval": at every round with (b); "holds at the
 * estimate only": with (a) but not (b); "fails": not even with (a). "not applicable": the theorem
 * does not cover the fitted noise (a tail index interval below 2 for Theorems 4–6, a noise scale
 * growing with ‖∇f‖ for Theorem 7, an optimizer without a theorem); "undetermined": a constant is
 * not identified. For comparison the same rounds are checked with the config's own constants.
 */
public final class FittedConditions {
    public static final String HOLDS_INTERVAL = "holds for the whole interval";
    public static final String HOLDS_ESTIMATE = "holds at the estimate only";
    public static final String FAILS = "fails";
    public static final String NOT_APPLICABLE = "not applicable";
    public static final String UNDETERMINED = "undetermined";
    /** Median of |Z| for a standard Gaussian, Φ⁻¹(3/4). */
    static final double GAUSSIAN_MEDIAN_ABS = 0.6744897501960817;

    private FittedConditions() { }

    /** The constants a ceiling was evaluated with (NaN where the condition does not use one). */
    public record Constants(double l0, double l1, double sigma0Sq, double sigma1Sq, double omega,
                            double sigma0SqOmega, double sigma1SqOmega, double sigmaHarmonic, double nu, double ellNu)
            implements Serializable { }

    /**
     * The condition over the trajectory. {@code rounds}: rounds evaluated; {@code heldEstimate},
     * {@code heldPessimistic}, {@code heldConfigured} (−1: the config's constants give no
     * ceiling): rounds at which it holds; {@code firstFail*}: the first round at which it fails (−1:
     * none); {@code margin*}: the smallest ceiling/rate over the rounds (&gt; 1 holds; for a per-path
     * check over runs too).
     */
    public record Check(String theorem, String condition, String form, boolean strict, double epsilon, String verdict,
                        String reason, int rounds, int heldEstimate, int heldPessimistic, int heldConfigured,
                        int firstFailEstimate, int firstFailPessimistic, double marginEstimate,
                        double marginPessimistic, double marginConfigured, Constants estimate, Constants pessimistic,
                        Constants configured, List<String> notes) implements Serializable {
        public Check {
            notes = List.copyOf(notes);
        }
    }

    /** ε of the conditions: the config's theorem normalization, else 0.5 (as the theorem checks). */
    static double epsilon(ExperimentConfig cfg) {
        return cfg.normalization().kind() == NormalizationKind.THEOREM ? cfg.normalization().epsilon() : 0.5;
    }

    /** Checks the condition of cfg's optimizer with the fitted constants along the trajectory. */
    public static Check check(ExperimentConfig cfg, Trajectory traj, List<NoiseFit.AgentFit> fits, PooledNoise pool,
                              SmoothnessFit.Result smooth) {
        final Optimizer method = Optimizers.of(cfg);
        final int d = cfg.buildObjective().dim();
        final long n = cfg.agents();
        final double eps = epsilon(cfg);
        final boolean perPath = cfg.normalization().kind() == NormalizationKind.GRAD_NORM
                || cfg.normalization().kind() == NormalizationKind.THEOREM && !cfg.normalization().couplesRuns();
        final String form = perPath ? "per path (each run's rate against the ceiling at its own |grad f|)"
                : "E|grad f| over the trajectory's runs, largest rate";
        final List<String> notes = new ArrayList<>();
        notes.add("the rates and gradients are those of the trajectory's " + traj.runs() + " run(s) of the config's "
                + "optimizer, rounds 0.." + (traj.length() - 1));
        return switch (method.theorem()) {
            case ADAPTIVE, NONE -> na(method.id(), "-", form, eps, "seed 002 has no theorem for " + method.id(), notes);
            case DSIGNSGD_7 -> sign(cfg, traj, fits, pool, smooth, d, n, eps, form, perPath, cfg.smoothnessPair(),
                    Simulation.averages(cfg), notes);
            case DSGD_4 -> ceiling(true, cfg, traj, fits, pool, smooth, d, n, eps, form, perPath, notes);
            case DCSGD_5_6 -> ceiling(false, cfg, traj, fits, pool, smooth, d, n, eps, form, perPath, notes);
        };
    }

    /** Theorem 4 (Eq. 1) or Theorems 5–6 (Eq. 5, Eq. 3 at σ1 = 0). */
    private static Check ceiling(boolean dsgd, ExperimentConfig cfg, Trajectory traj, List<NoiseFit.AgentFit> fits,
                                 PooledNoise pool, SmoothnessFit.Result smooth, int d, long n, double eps, String form,
                                 boolean perPath, List<String> notes) {
        final Smoothness conf = cfg.smoothnessPair();
        final AgentAverages confAvg = Simulation.averages(cfg);
        final String theorem = dsgd ? "Theorem 4" : "Theorem 6 (Theorem 5 at sigma1 = 0)";
        final String eq = dsgd ? "Eq. 1" : "Eq. 5 (Eq. 3 at sigma1 = 0)";
        final Estimated[] e = {pool.sigma0Sq(), pool.sigma1Sq(), pool.sigma0SqOmega(), pool.sigma1SqOmega()};
        for (Estimated x : e) {
            if (!x.present()) {
                return new Check(theorem, eq, form, false, eps, UNDETERMINED, x.method(), 0, 0, 0, -1, -1, -1,
                        Double.NaN, Double.NaN, Double.NaN, null, null, null, notes);
            }
        }
        for (NoiseFit.AgentFit f : fits) {
            final Estimated t = f.tailIndex();
            if (t.present() && t.hi() < 2) {
                return na(theorem, eq, form, eps, String.format(Locale.ROOT, "agent %d's tail index is estimated "
                        + "%.3g [%.3g, %.3g], below 2: its noise has no variance", f.agent(), t.estimate(), t.lo(),
                        t.hi()), notes);
            }
        }
        tailNotes(fits, notes);
        final double om = pool.omega();
        final Constants est = new Constants(smooth.l0().estimate(), smooth.l1().estimate(), pos(e[0].estimate()),
                pos(e[1].estimate()), om, pos(e[2].estimate()), pos(e[3].estimate()), Double.NaN, Double.NaN,
                Double.NaN);
        final Constants pes = new Constants(smooth.l0().hi(), smooth.l1().hi(), pos(e[0].hi()), pos(e[1].hi()), om,
                pos(e[2].hi()), pos(e[3].hi()), Double.NaN, Double.NaN, Double.NaN);
        final Constants cc = conf == null ? null : new Constants(conf.l0(), conf.l1(), confAvg.sigma0Sq(),
                confAvg.sigma1Sq(), confAvg.omega(), confAvg.sigma0SqOmega(), confAvg.sigma1SqOmega(), Double.NaN,
                Double.NaN, Double.NaN);
        final DoubleUnaryOperator ce = ceiling(dsgd, est, d, n, cfg.eta(), eps);
        final DoubleUnaryOperator cp = ceiling(dsgd, pes, d, n, cfg.eta(), eps);
        final DoubleUnaryOperator cc0 = cc == null || !confAvg.finiteVariance() ? null
                : ceiling(dsgd, cc, d, n, cfg.eta(), eps);
        return evaluate(theorem, eq, form, false, eps, traj, perPath, ce, cp, cc0, est, pes, cc, notes);
    }

    private static DoubleUnaryOperator ceiling(boolean dsgd, Constants c, int d, long n, double eta, double eps) {
        final AgentAverages a = AgentAverages.ofMeans(n, c.sigma0Sq(), c.sigma1Sq(), c.omega(), c.sigma0SqOmega(),
                c.sigma1SqOmega(), 1);
        final TheoremCheck.Setting s = new TheoremCheck.Setting(a, c.l0(), c.l1(), d, n, eta, eps);
        final TheoremCheck t = dsgd ? new DsgdCheck(s, "") : new DcsgdCheck(s, "");
        return t::condition;
    }

    /** Theorem 7. */
    private static Check sign(ExperimentConfig cfg, Trajectory traj, List<NoiseFit.AgentFit> fits, PooledNoise pool,
                              SmoothnessFit.Result smooth, int d, long n, double eps, String form, boolean perPath,
                              Smoothness conf, AgentAverages confAvg, List<String> notes) {
        final String theorem = "Theorem 7", eq = "Theorem 7 condition";
        for (NoiseFit.AgentFit f : fits) {
            if (!f.tailIndex().present() || !f.medianAbs().present() || !(f.medianAbs().estimate() > 0)) {
                return new Check(theorem, eq, form, true, eps, UNDETERMINED, "agent " + f.agent()
                        + " has no tail index or no positive scale estimate", 0, 0, 0, -1, -1, -1, Double.NaN,
                        Double.NaN, Double.NaN, null, null, null, notes);
            }
        }
        final Estimated tail = pool.tailIndex();
        if (tail.lo() > 4 && pool.sigma1Sq().present() && pool.sigma1Sq().lo() > 0) {
            return na(theorem, eq, form, eps, String.format(Locale.ROOT, "the noise scale grows with |grad f| "
                    + "(mean sigma1^2 %s): Theorem 7 needs bounded scales", pool.sigma1Sq().text()), notes);
        }
        notes.add("Theorem 7's noise is Student-t: sigma_max,i = mean median|Z_i| / median|T_nu_i| with nu_i the agent's "
                + "Hill estimate (for Gaussian noise Hill's estimate is finite and grows slowly with the sample)");
        final double[] g0 = new double[d];
        final var f = cfg.buildObjective();
        f.gradient(cfg.initialPoint(), 0, g0, 0);
        double g0max = 0;
        for (double v : g0) {
            g0max = Math.max(g0max, Math.abs(v));
        }
        final Constants est = signConstants(fits, smooth.l1().estimate(), 0, 0, g0max);
        Constants pes = null; // the smallest ceiling over the box's corners and its centre, at L1's upper end
        for (int[] c : new int[][] {{0, 0}, {-1, -1}, {-1, 1}, {1, -1}, {1, 1}}) {
            final Constants x = signConstants(fits, smooth.l1().hi(), c[0], c[1], g0max);
            if (pes == null || signCeiling(x, d, n) < signCeiling(pes, d, n)) {
                pes = x;
            }
        }
        Constants cc = null;
        DoubleUnaryOperator c0 = null;
        if (conf != null) {
            final TheoremCheck.Setting s = new TheoremCheck.Setting(confAvg, conf.l0(), conf.l1(), d, n, cfg.eta(), eps);
            final DsignSgdCheck chk = DsignSgdCheck.of(cfg, s, "");
            if (chk.notApplicable().isEmpty()) {
                cc = new Constants(conf.l0(), conf.l1(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        confAvg.sigmaHarmonic(), Double.NaN, chk.ell());
                c0 = chk::condition;
            }
        }
        final Constants e0 = est, p0 = pes;
        return evaluate(theorem, eq, form, true, eps, traj, perPath, g -> signCeiling(e0, d, n),
                g -> signCeiling(p0, d, n), c0, est, pes, cc, notes);
    }

    /**
     * Theorem 7's constants with every agent's tail index at its estimate (ne = 0), lower (−1) or upper
     * (+1) end and its robust scale at its estimate, lower or upper end (re).
     */
    private static Constants signConstants(List<NoiseFit.AgentFit> fits, double l1, int ne, int re, double g0max) {
        double inv = 0, minSigma = Double.POSITIVE_INFINITY, minNu = Double.POSITIVE_INFINITY;
        for (NoiseFit.AgentFit f : fits) {
            final Estimated t = f.tailIndex(), r = f.medianAbs();
            final double nu = ne < 0 ? t.lo() : ne > 0 ? t.hi() : t.estimate();
            final double rr = Math.max(re < 0 ? r.lo() : re > 0 ? r.hi() : r.estimate(), 1e-3 * r.estimate());
            final double sigma = rr / medianAbsT(nu);
            inv += 1 / sigma;
            minSigma = Math.min(minSigma, sigma);
            minNu = Math.min(minNu, nu);
        }
        final double sigmaH = fits.size() / inv;
        final double rr = Math.max(1, g0max / minSigma);
        final double ell = DsignSgdCheck.ellStudent(minNu, rr);
        return new Constants(Double.NaN, l1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, sigmaH, minNu,
                ell);
    }

    private static double signCeiling(Constants c, int d, long n) {
        final AgentAverages a = AgentAverages.ofMeans(n, 0, 0, 0, 0, 0, c.sigmaHarmonic());
        return org.distsde.sim.LearningRateConditions.dsignsgd(a, c.l1(), d, c.ellNu());
    }

    /** median |T| for Student-t with ν degrees of freedom, F_ν⁻¹(3/4) (Gaussian beyond ν = 10⁷). */
    static double medianAbsT(double nu) {
        return nu > 1e7 ? GAUSSIAN_MEDIAN_ABS : TDistribution.of(nu).inverseCumulativeProbability(0.75);
    }

    private static void tailNotes(List<NoiseFit.AgentFit> fits, List<String> notes) {
        int low = 0;
        for (NoiseFit.AgentFit f : fits) {
            if (f.tailIndex().present() && f.tailIndex().lo() < 4) {
                low++;
            }
        }
        if (low > 0) {
            notes.add(low + " agent(s) have a tail index interval reaching below 4: the sample variance may have no "
                    + "variance there, and the intervals of sigma0^2, sigma1^2 are then not reliable");
        }
    }

    private static double pos(double v) {
        return Math.max(0, v);
    }

    private static Check na(String theorem, String eq, String form, double eps, String why, List<String> notes) {
        return new Check(theorem, eq, form, false, eps, NOT_APPLICABLE, why, 0, 0, 0, -1, -1, -1, Double.NaN,
                Double.NaN, Double.NaN, null, null, null, notes);
    }

    private static Check evaluate(String theorem, String eq, String form, boolean strict, double eps, Trajectory traj,
                                  boolean perPath, DoubleUnaryOperator est, DoubleUnaryOperator pes,
                                  DoubleUnaryOperator conf, Constants ce, Constants cp, Constants cc,
                                  List<String> notes) {
        int rounds = 0, he = 0, hp = 0, hc = 0, fe = -1, fp = -1;
        double me = Double.POSITIVE_INFINITY, mp = Double.POSITIVE_INFINITY, mc = Double.POSITIVE_INFINITY;
        final int runs = traj.runs();
        final double[] g = new double[runs], lr = new double[runs];
        for (int k = 0; k < traj.length(); k++) {
            int alive = 0;
            for (int r = 0; r < runs; r++) {
                if (traj.alive(k, r)) {
                    g[alive] = Math.sqrt(traj.gradNormSq(k, r));
                    lr[alive] = traj.rate(k, r);
                    alive++;
                }
            }
            if (alive == 0) {
                continue;
            }
            rounds++;
            final double[] m = {margin(g, lr, alive, perPath, est), margin(g, lr, alive, perPath, pes),
                conf == null ? Double.NaN : margin(g, lr, alive, perPath, conf)};
            me = Math.min(me, m[0]);
            mp = Math.min(mp, m[1]);
            mc = Math.min(mc, m[2]);
            if (holds(m[0], strict)) {
                he++;
            } else if (fe < 0) {
                fe = k;
            }
            if (holds(m[1], strict)) {
                hp++;
            } else if (fp < 0) {
                fp = k;
            }
            if (conf != null && holds(m[2], strict)) {
                hc++;
            }
        }
        final String verdict = hp == rounds ? HOLDS_INTERVAL : he == rounds ? HOLDS_ESTIMATE : FAILS;
        String reason = "";
        if (verdict.equals(FAILS)) {
            reason = String.format(Locale.ROOT, "fails with the estimates from round %d on (held at %d of %d rounds)",
                    fe, he, rounds);
        } else if (verdict.equals(HOLDS_ESTIMATE)) {
            reason = String.format(Locale.ROOT, "fails with the pessimistic ends from round %d on (held at %d of %d "
                    + "rounds)", fp, hp, rounds);
        }
        return new Check(theorem, eq, form, strict, eps, verdict, reason, rounds, he, hp, conf == null ? -1 : hc, fe,
                fp, me, mp, conf == null ? Double.NaN : mc, ce, cp, cc, notes);
    }

    /** The smallest ceiling/rate at one round (per path: over the runs; else at the mean norm, largest rate). */
    private static double margin(double[] g, double[] lr, int n, boolean perPath, DoubleUnaryOperator ceiling) {
        if (perPath) {
            double m = Double.POSITIVE_INFINITY;
            for (int r = 0; r < n; r++) {
                m = Math.min(m, ceiling.applyAsDouble(g[r]) / lr[r]);
            }
            return m;
        }
        double gs = 0, lmax = 0;
        for (int r = 0; r < n; r++) {
            gs += g[r];
            lmax = Math.max(lmax, lr[r]);
        }
        return ceiling.applyAsDouble(gs / n) / lmax;
    }

    /**
     * ceiling/rate &gt; 1 for a strict condition (Theorem 7); ≥ 1 up to a relative 1e-9 otherwise (the
     * theorem normalization steps exactly at the ceiling).
     */
    private static boolean holds(double margin, boolean strict) {
        return strict ? margin > 1 : margin >= 1 - 1e-9;
    }
}
