package org.distsde.theory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.numbers.gamma.Erf;
import org.distsde.config.ExperimentConfig;
import org.distsde.noise.StudentTNoise;
import org.distsde.objective.Objective;
import org.distsde.objective.Smoothness;
import org.distsde.optim.Method;
import org.distsde.schedule.RobbinsMonro;
import org.distsde.schedule.Schedule;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.LearningRateConditions;
import org.distsde.sim.RoundStats;

/**
 * Checks one recorded series (optimizer or SDE) against the theorem of its optimizer:
 * Theorem 4 (DSGD: condition Eq. 1, bound Eq. 2), Theorem 6 (DCSGD: Eq. 5, Eq. 6; Eq. 5 is Eq. 3
 * when σ̄1² = 0), Theorem 7 (DSignSGD: its condition and Eq. 7).
 *
 * <p>Conventions: the SDE time is s = kη and the scheduler there is ηₛ = schedule.at(s/η);
 * φ¹ₜ = ∫₀ᵗ ηₛ ds and φ²ₜ = ∫₀ᵗ ηₛ² ds are computed by composite Simpson quadrature ({@link #phiIncrements}). The condition at a recorded time uses E‖∇f(Xₜ)‖ = {@code grad_norm_mean} and the
 * worst run's learning rate {@code lr_max}. The measured left side E‖∇f(X_t̂)‖² is the weighted
 * time average of ‖∇f‖² over the runs: from the per-step sums the simulators record
 * ({@code phi1, phi2, int_eta_grad_norm_sq, int_eta2_grad_norm_sq}) when present, else by
 * trapezoidal quadrature of {@code grad_norm_sq_mean} over the recorded times, normalized by the
 * same quadrature of the weight (so it is exact for constant data):
 * weight ηₛ (t̂ ~ ηₛ/φ¹ₜ, Theorems 4 and 6) or ηₛℓ_ν/σ_H,1 − ηₛ²ηL1d/(2N) (Theorem 7).
 * f(X₀) − f(X_*) = f(x0) − f* with the objective's minValue.
 */
public final class TheoremChecker {
    /** Points sampled by the Definition 1 check. */
    public static final int DEFINITION_ONE_SAMPLES = 2000;

    private TheoremChecker() { }

    /** Robbins–Monro verdict of the schedule (Section 4). */
    public record RobbinsMonroVerdict(String schedule, boolean classical, boolean paper, boolean phi1Diverges,
                                      boolean phi2Bounded, boolean ratioToZero, boolean analytic, String reason)
            implements Serializable { }

    /** The constants in force; {@code assumptions} names each one that is not in the paper. */
    public record Constants(Double l0, Double l1, String smoothnessSource, int d, long agents, double eta,
                            double epsilon, String epsilonSource, double sigma0Sq, double sigma1Sq, double omega,
                            double sigma0SqOmega, double sigma1SqOmega, boolean finiteVariance, double sigmaHarmonic,
                            double ellNu, double initialGap, List<String> assumptions) implements Serializable { }

    /**
     * One recorded time. {@code ceiling}: the theorem's largest ηηₜ at this time; {@code measured}:
     * the weighted E‖∇f(X_t̂)‖² up to this time; {@code bound}: the right side of the theorem's
     * bound (NaN where undefined, e.g. t = 0).
     */
    public record TimePoint(int round, double time, int runs, int diverged, double lrMax, double gradNormMean,
                            double ceiling, boolean conditionHolds, double phi1, double phi2, double measured,
                            double bound, boolean boundHolds) implements Serializable { }

    /** The learning-rate condition over the recorded times. */
    public record Condition(String equation, boolean applicable, String note, int points, int held, double fraction)
            implements Serializable { }

    /**
     * The bound over the recorded times t &gt; 0. {@code maxExcess}: max(measured − bound) (≤ 0 when it
     * held everywhere; +∞ when runs diverged); {@code maxRatio}: max measured/bound;
     * {@code weightQuadratureError}: max over t of |trapezoid of the weight on the recorded times −
     * its exact integral| / exact integral — large values mean the recording is too sparse for the
     * measured time average to be trusted (record more often, especially early).
     */
    public record Bound(String equation, String weighting, boolean applicable, String note, int points, int held,
                        double maxExcess, double maxRatio, double finalMeasured, double finalBound,
                        double weightQuadratureError)
            implements Serializable { }

    /** The full, JSON-serializable result for one series. */
    public record Report(String series, String source, String optimizer, String theorem, Constants constants,
                         DefinitionOneCheck.Result definitionOne, RobbinsMonroVerdict robbinsMonro,
                         Condition condition, Bound bound, List<TimePoint> points, String verdict)
            implements Serializable { }

    /**
     * Checks a series.
     *
     * @param cfg      the series' configuration
     * @param averages its agent averages ({@code Simulation.averages(cfg)})
     * @param rows     its recorded statistics, in time order
     * @param source   "optimizer" or "sde" (free text, carried into the report)
     */
    public static Report check(ExperimentConfig cfg, AgentAverages averages, List<RoundStats> rows, String source) {
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("rows must not be empty");
        }
        final Objective f = cfg.buildObjective();
        final int d = f.dim();
        final Method method = cfg.method();
        final double eta = cfg.eta();
        final long n = averages.agents();
        final Smoothness sm = cfg.smoothnessPair();
        final List<String> assumptions = new ArrayList<>();
        final boolean theoremNorm = cfg.normalization().type().equals("theorem");
        final double eps = theoremNorm ? cfg.normalization().epsilon() : 0.5;
        if (!theoremNorm) {
            assumptions.add("epsilon = 0.5 (the config does not use normalization.type theorem)");
        }
        final double[] x0 = cfg.initialPoint();
        final double gap = f.value(x0, 0) - f.minValue();

        DefinitionOneCheck.Result def1 = null;
        if (sm != null) {
            def1 = DefinitionOneCheck.check(f, sm.l0(), sm.l1(), x0, DEFINITION_ONE_SAMPLES, cfg.seed());
        }
        final Schedule schedule = cfg.schedule().build();
        final RobbinsMonro rm = schedule.robbinsMonro();
        final RobbinsMonroVerdict rmv = new RobbinsMonroVerdict(schedule.describe(), rm.classical(), rm.paper(),
                rm.phi1Diverges(), rm.phi2Bounded(), rm.ratioToZero(), rm.analytic(), rm.reason());
        if (!rm.paper()) {
            assumptions.add("the schedule is not Robbins-Monro in the paper's sense: the bound is checked at each "
                    + "finite t but need not tend to 0");
        }
        if (!cfg.normalization().type().equals("none")) {
            assumptions.add("eta_t is the effective rate lr/eta of each run (scheduler x normalization, as in the "
                    + "paper's eta*eta_t parametrisation); phi1, phi2 and the time integrals are averaged over the runs "
                    + "(without recorded sums: the scheduler only)");
        }

        // Theorem 7 constants (not given in the paper; see class comment of LearningRateConditions).
        double ell = Double.NaN;
        double sigmaH = averages.sigmaHarmonic();
        String theorem;
        String condEq;
        String boundEq;
        String weighting;
        boolean applicable = sm != null;
        String note = sm == null ? "no (L0, L1) pair for objective " + f.describe() : "";
        String caveat = "";
        switch (method) {
            case DSGD -> {
                theorem = "Theorem 4";
                condEq = "Eq. 1";
                boundEq = "Eq. 2";
                weighting = "t_hat ~ eta_s / phi1_t";
            }
            case DCSGD -> {
                theorem = averages.sigma1Sq() == 0 ? "Theorem 6 (= Theorem 5, Eq. 3, since sigma1 = 0)" : "Theorem 6";
                condEq = averages.sigma1Sq() == 0 ? "Eq. 5 (= Eq. 3)" : "Eq. 5";
                boundEq = "Eq. 6";
                weighting = "t_hat ~ eta_s / phi1_t";
                assumptions.add("Eq. 6 is evaluated as printed: its noise term has no factor eta, unlike Eq. 2/4 "
                        + "and the Ito term of the proof (Eq. 32); the printed bound is the looser one for eta < 1");
            }
            default -> {
                theorem = "Theorem 7";
                condEq = "Theorem 7 condition";
                boundEq = "Eq. 7";
                weighting = "t_tilde ~ (eta_s l_nu/sigma_H1 - eta_s^2 eta L1 d/(2N)) / (phi1 l_nu/sigma_H1 - phi2 eta L1 d/(2N))";
                final var noise = cfg.noise();
                if (noise.type().equals("student-t")) {
                    ell = 2 * StudentTNoise.of(noise.nu(), 1).standardCdf(1) - 1; // 2Xi_nu(1), Eq. 51
                    assumptions.add(String.format(Locale.ROOT, "l_nu = 2 Xi_nu(1) = 2F_nu(1) - 1 = %.6g (nu = %s): secant "
                            + "of the Phase-3 drift 2Xi_nu(y) on [0, 1] (Xi_nu concave on [0, inf)); Prop. C.11 of [7] is "
                            + "not in the paper", ell, noise.nu()));
                } else if (averages.sigma1Sq() == 0) {
                    ell = Erf.value(1 / Math.sqrt(2));
                    assumptions.add(String.format(Locale.ROOT, "l_nu = erf(1/sqrt 2) = %.6g (Gaussian noise, the "
                            + "nu -> inf limit of the secant 2Xi_nu(1)); sigma_max,i = sigma0,i", ell));
                } else {
                    applicable = false;
                    note = "Theorem 7 needs a bounded noise scale (Sigma_i <= sigma_max,i^2); Gaussian noise with "
                            + "sigma1 > 0 has none";
                }
                assumptions.add("sigma_H,1 = harmonic mean of the agents' sigma_max,i (AgentAverages.sigmaHarmonic)");
                final double snr = secantRatio(cfg);
                if (snr > 1) {
                    caveat = String.format(Locale.ROOT, "; note: at x0 max_j |d_j f|/sigma = %.3g > 1, outside the "
                            + "secant regime where l_nu |g|^2/sigma bounds the sign drift from below (Phase 1/2 of "
                            + "seed 000 Lemma 3.4), so Eq. 7 as printed need not hold early on", snr);
                    assumptions.add(caveat.substring(8));
                }
                if (applicable && !(sigmaH > 0 && Double.isFinite(sigmaH))) {
                    applicable = false;
                    note = "Theorem 7 needs sigma_H,1 > 0 (got " + sigmaH + ")";
                }
            }
        }
        if (method != Method.DSIGNSGD && !averages.finiteVariance()) {
            applicable = false;
            note = theorem + " does not apply: the noise has infinite variance (Student-t with nu <= 2)";
        }

        // Per recorded time.
        final double l0 = sm == null ? Double.NaN : sm.l0();
        final double l1 = sm == null ? Double.NaN : sm.l1();
        final double thm7Quad = eta * l1 * d / (2.0 * n);
        final List<TimePoint> points = new ArrayList<>(rows.size());
        double phi1s = 0, phi2s = 0, num = 0, den = 0;
        double prevT = 0, prevW = 0, prevWG = 0;
        int condPts = 0, condHeld = 0, boundPts = 0, boundHeld = 0;
        double maxExcess = Double.NEGATIVE_INFINITY, maxRatio = Double.NEGATIVE_INFINITY;
        double finalMeasured = Double.NaN, finalBound = Double.NaN;
        boolean vacuous = false;
        double quadErr = 0;
        int exactPoints = 0;
        for (int i = 0; i < rows.size(); i++) {
            final RoundStats r = rows.get(i);
            final double t = r.time();
            if (i > 0) {
                if (!(t >= prevT)) {
                    throw new IllegalArgumentException("rows must be in time order (row " + i + ")");
                }
                final double[] inc = phiIncrements(schedule, eta, prevT, t);
                phi1s += inc[0];
                phi2s += inc[1];
            }
            final double es = schedule.at(t / eta);
            final double w = method == Method.DSIGNSGD ? es * ell / sigmaH - es * es * thm7Quad : es;
            final double wg = w * r.gradNormSqMean();
            if (i > 0) {
                num += 0.5 * (prevWG + wg) * (t - prevT); // trapezoid
                den += 0.5 * (prevW + w) * (t - prevT);
            }
            prevT = t;
            prevW = w;
            prevWG = wg;
            double measured = i == 0 ? r.gradNormSqMean() : num / den;
            final boolean exact = i > 0 && Double.isFinite(r.intEtaGradNormSq()) && Double.isFinite(r.phi1())
                    && r.phi1() > 0;
            if (exact) {
                // per-step sums recorded by the simulator: E ∫w_s‖∇f(X_s)‖² ds / ∫w_s ds, no quadrature error
                final double a = method == Method.DSIGNSGD ? ell / sigmaH : 1;
                final double b = method == Method.DSIGNSGD ? thm7Quad : 0;
                measured = (a * r.intEtaGradNormSq() - b * r.intEta2GradNormSq()) / (a * r.phi1() - b * r.phi2());
                exactPoints++;
            }
            if (i > 0) {
                final double exactDen = method == Method.DSIGNSGD ? phi1s * ell / sigmaH - phi2s * thm7Quad : phi1s;
                if (exactDen > 0) {
                    quadErr = Math.max(quadErr, Math.abs(den - exactDen) / exactDen);
                }
            }

            double ceiling = Double.NaN;
            boolean condOk = false;
            if (applicable) {
                ceiling = switch (method) {
                    case DSGD -> LearningRateConditions.dsgd(averages, l0, l1, d, eps, r.gradNormMean());   // Eq. 1
                    case DCSGD -> LearningRateConditions.dcsgd(averages, l0, l1, d, eps, r.gradNormMean()); // Eq. 5
                    default -> LearningRateConditions.dsignsgd(averages, l1, d, ell);                     // Theorem 7
                };
                if (r.runs() > 0 && !Double.isNaN(r.lrMax()) && !Double.isNaN(ceiling)) {
                    condOk = method == Method.DSIGNSGD ? r.lrMax() < ceiling : r.lrMax() <= ceiling;
                    condPts++;
                    condHeld += condOk ? 1 : 0;
                }
            }

            // with recorded per-run sums, the bound uses the same effective phi's as the measured side:
            // taking expectations of the pathwise Ito inequality of the proofs, E int eta_s |grad f|^2 ds
            // <= (f(X0) - f* + E phi2 C) / (1 - eps); both sides are then divided by E phi1
            final double phi1 = exact ? r.phi1() : phi1s;
            final double phi2 = exact ? r.phi2() : phi2s;
            double bound = Double.NaN;
            boolean boundOk = false;
            if (applicable && t > 0) {
                bound = switch (method) {
                    // Eq. 2: (f(X0) − f* + φ² η d (L0+L1)(σ̄0²+σ̄1²)/(2N)) / (φ¹(1−ε))
                    case DSGD -> (gap + phi2 * eta * d * (l0 + l1) * (averages.sigma0Sq() + averages.sigma1Sq()) / (2.0 * n))
                            / (phi1 * (1 - eps));
                    // Eq. 6 (as printed): (f(X0) − f* + φ²[L0(ω̄ + d(σ̄1²ω + σ̄1²)) + L1 d(σ̄0² + σ̄0²ω)]/(2N)) / ((1−ε)φ¹)
                    case DCSGD -> (gap + phi2 * (l0 * (averages.omega() + d * (averages.sigma1SqOmega() + averages.sigma1Sq()))
                            + l1 * d * (averages.sigma0Sq() + averages.sigma0SqOmega())) / (2.0 * n)) / ((1 - eps) * phi1);
                    // Eq. 7: (f(X0) − f* + η(L0+L1)dφ²/(2N)) / (φ¹ℓ_ν/σ_H,1 − φ²ηL1d/(2N))
                    default -> {
                        final double dd = phi1 * ell / sigmaH - phi2 * thm7Quad;
                        if (!(dd > 0)) {
                            vacuous = true;
                            yield Double.NaN;
                        }
                        yield (gap + eta * (l0 + l1) * d * phi2 / (2.0 * n)) / dd;
                    }
                };
                if (!Double.isNaN(bound)) {
                    boundPts++;
                    if (r.diverged() > 0) {
                        boundOk = false;
                        maxExcess = Double.POSITIVE_INFINITY;
                        maxRatio = Double.POSITIVE_INFINITY;
                    } else if (Double.isNaN(measured)) {
                        boundOk = false;
                    } else {
                        boundOk = measured <= bound;
                        maxExcess = Math.max(maxExcess, measured - bound);
                        maxRatio = Math.max(maxRatio, measured / bound);
                    }
                    boundHeld += boundOk ? 1 : 0;
                    finalMeasured = r.diverged() > 0 ? Double.POSITIVE_INFINITY : measured;
                    finalBound = bound;
                }
            }
            points.add(new TimePoint(r.round(), t, r.runs(), r.diverged(), r.lrMax(), r.gradNormMean(), ceiling,
                    condOk, phi1, phi2, measured, bound, boundOk));
        }

        final String condNote = applicable ? "" : note;
        final Condition cond = new Condition(condEq, applicable, condNote, condPts, condHeld,
                condPts == 0 ? Double.NaN : (double) condHeld / condPts);
        String boundNote = applicable ? "" : note;
        if (applicable && vacuous) {
            boundNote = "the Eq. 7 denominator phi1 l_nu/sigma_H1 - phi2 eta L1 d/(2N) is <= 0 at some times: "
                    + "the bound is vacuous there";
        }
        if (applicable && rows.get(rows.size() - 1).diverged() > 0) {
            boundNote = (boundNote.isEmpty() ? "" : boundNote + "; ") + rows.get(rows.size() - 1).diverged()
                    + " run(s) diverged: E|grad f|^2 is unbounded, the bound is violated from their divergence on";
        }
        if (exactPoints > 0 && exactPoints >= boundPts) {
            quadErr = 0; // every measured value came from the simulator's per-step sums
        }
        if (applicable && quadErr > 0.05) {
            boundNote = (boundNote.isEmpty() ? "" : boundNote + "; ") + String.format(Locale.ROOT,
                    "recording too sparse: the trapezoid of the weight is off by %.0f%% from its exact integral, "
                    + "so the measured time average is unreliable (lower recordEvery)", 100 * quadErr);
        }
        final Bound bnd = new Bound(boundEq, weighting, applicable, boundNote, boundPts, boundHeld,
                boundPts == 0 ? Double.NaN : maxExcess, boundPts == 0 ? Double.NaN : maxRatio, finalMeasured, finalBound,
                quadErr);
        final Constants constants = new Constants(sm == null ? null : sm.l0(), sm == null ? null : sm.l1(),
                cfg.smoothness() != null ? "config" : sm != null ? "objective closed form" : "none",
                d, n, eta, eps, theoremNorm ? "config normalization.epsilon" : "default 0.5",
                averages.sigma0Sq(), averages.sigma1Sq(), averages.omega(), averages.sigma0SqOmega(),
                averages.sigma1SqOmega(), averages.finiteVariance(), sigmaH, ell, gap, List.copyOf(assumptions));
        final String verdict = verdict(theorem, cond, bnd, def1) + caveat;
        return new Report(cfg.name(), source, method.id(), theorem, constants, def1, rmv, cond, bnd,
                List.copyOf(points), verdict);
    }

    /**
     * ∫ₐᵇ ηₛ ds and ∫ₐᵇ ηₛ² ds with ηₛ = schedule.at(s/η): composite Simpson in k = s/η on the
     * pieces [2ʲ − 1, 2ʲ⁺¹ − 1] (64 panels each), so the panels follow the (k + 1)-scale on which
     * power-law schedules vary.
     */
    static double[] phiIncrements(Schedule s, double eta, double a, double b) {
        double s1 = 0, s2 = 0;
        double u = a / eta;
        final double v = b / eta;
        while (u < v) {
            final double pieceEnd = Math.min(v, Math.max(u + 1e-300, 2 * (u + 1) - 1)); // doubles k + 1
            final int m = 64;
            final double h = (pieceEnd - u) / m;
            double p1 = 0, p2 = 0;
            for (int i = 0; i <= m; i++) {
                final double e = s.at(u + i * h);
                final double c = i == 0 || i == m ? 1 : (i & 1) == 1 ? 4 : 2;
                p1 += c * e;
                p2 += c * e * e;
            }
            s1 += p1 * h / 3;
            s2 += p2 * h / 3;
            u = pieceEnd;
        }
        return new double[] {s1 * eta, s2 * eta};
    }

    /**
     * maxⱼ |∂ⱼf(x₀)| / min over agents of sᵢⱼ: above 1 the secant bound E[sign(g + Z)]·g ≥ ℓ_ν g²/σ
     * behind Theorem 7 fails at the start (E[sign] saturates at 1 while ℓ_ν g/σ keeps growing).
     */
    static double secantRatio(ExperimentConfig cfg) {
        final var f = cfg.buildObjective();
        final double[] x0 = cfg.initialPoint();
        final double[] g = new double[x0.length];
        final double gn2 = f.gradient(x0, 0, g, 0);
        double worst = 0;
        final int n = cfg.noise().homogeneous() ? 1 : cfg.agents();
        for (int i = 0; i < n; i++) {
            final var m = cfg.noise().build(i, cfg.agents());
            for (int j = 0; j < g.length; j++) {
                final double sc = m.scale(j, gn2);
                worst = Math.max(worst, sc > 0 ? Math.abs(g[j]) / sc : g[j] == 0 ? 0 : Double.POSITIVE_INFINITY);
            }
        }
        return worst;
    }

    private static String verdict(String theorem, Condition c, Bound b, DefinitionOneCheck.Result def1) {
        final StringBuilder sb = new StringBuilder(theorem).append(": ");
        if (!c.applicable()) {
            return sb.append("not applicable - ").append(c.note()).toString();
        }
        sb.append(String.format(Locale.ROOT, "condition %s held at %d of %d recorded times (%.1f%%)", c.equation(),
                c.held(), c.points(), 100 * c.fraction()));
        if (b.points() == 0) {
            sb.append("; bound ").append(b.equation()).append(" not evaluated");
        } else if (b.held() == b.points()) {
            sb.append(String.format(Locale.ROOT, "; bound %s held at all %d times (max measured/bound %.3g)",
                    b.equation(), b.points(), b.maxRatio()));
        } else {
            sb.append(String.format(Locale.ROOT, "; bound %s VIOLATED at %d of %d times (max excess %.3g, max "
                    + "measured/bound %.3g)", b.equation(), b.points() - b.held(), b.points(), b.maxExcess(), b.maxRatio()));
        }
        if (def1 != null && !def1.holds()) {
            sb.append(String.format(Locale.ROOT, "; Definition 1 FAILS for (L0, L1) = (%g, %g) (ratio %.3g)",
                    def1.l0(), def1.l1(), def1.maxRatio()));
        }
        return sb.toString();
    }

    /** A one-screen plain-text rendering: constants, verdicts and up to {@code maxRows} evenly spaced times. */
    public static String render(Report r, int maxRows) {
        final StringBuilder sb = new StringBuilder();
        final Constants k = r.constants();
        sb.append(String.format(Locale.ROOT, "%s [%s, %s] - %s%n", r.series(), r.source(), r.optimizer(), r.theorem()));
        sb.append(String.format(Locale.ROOT, "  (L0, L1) = (%s, %s) from %s; d = %d, N = %d, eta = %g, eps = %g (%s)%n",
                k.l0(), k.l1(), k.smoothnessSource(), k.d(), k.agents(), k.eta(), k.epsilon(), k.epsilonSource()));
        sb.append(String.format(Locale.ROOT, "  s0^2 = %.4g, s1^2 = %.4g, omega = %.4g, s0^2w = %.4g, s1^2w = %.4g, "
                + "sigma_H1 = %.4g, l_nu = %.4g, f(x0) - f* = %.4g%n", k.sigma0Sq(), k.sigma1Sq(), k.omega(),
                k.sigma0SqOmega(), k.sigma1SqOmega(), k.sigmaHarmonic(), k.ellNu(), k.initialGap()));
        if (r.definitionOne() != null) {
            final var d1 = r.definitionOne();
            sb.append(String.format(Locale.ROOT, "  Definition 1: %s on %d samples (box radius %g), max ratio %.4g%n",
                    d1.holds() ? "holds" : "FAILS", d1.samples(), d1.radius(), d1.maxRatio()));
        }
        final var rm = r.robbinsMonro();
        sb.append(String.format(Locale.ROOT, "  Robbins-Monro (%s): classical %s, paper %s - %s%n", rm.schedule(),
                rm.classical() ? "yes" : "no", rm.paper() ? "yes" : "no", rm.reason()));
        for (String a : k.assumptions()) {
            sb.append("  assumed: ").append(a).append('\n');
        }
        sb.append("  weighting: ").append(r.bound().weighting()).append('\n');
        sb.append(String.format(Locale.ROOT, "  %8s %10s %5s %10s %10s %4s %11s %11s %4s%n", "round", "time", "alive",
                "lr_max", "ceiling", "cond", "E|g|^2(t^)", "bound", "ok"));
        final List<TimePoint> pts = r.points();
        final int rowsShown = Math.max(2, Math.min(maxRows, pts.size()));
        int last = -1;
        for (int i = 0; i < rowsShown; i++) {
            final int idx = pts.size() == 1 ? 0 : (int) Math.round((double) i * (pts.size() - 1) / (rowsShown - 1));
            if (idx == last || idx >= pts.size()) {
                continue;
            }
            last = idx;
            final TimePoint p = pts.get(idx);
            sb.append(String.format(Locale.ROOT, "  %8d %10.4g %5d %10.4g %10.4g %4s %11.4g %11.4g %4s%n", p.round(),
                    p.time(), p.runs(), p.lrMax(), p.ceiling(), p.conditionHolds() ? "yes" : "NO", p.measured(),
                    p.bound(), Double.isNaN(p.bound()) ? "-" : p.boundHolds() ? "yes" : "NO"));
        }
        if (!r.bound().note().isEmpty()) {
            sb.append("  note: ").append(r.bound().note()).append('\n');
        }
        sb.append("  verdict: ").append(r.verdict()).append('\n');
        return sb.toString();
    }
}
