package org.distsde.theory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NormalizationKind;
import org.distsde.objective.Objective;
import org.distsde.objective.Smoothness;
import org.distsde.optim.Optimizer;
import org.distsde.optim.Optimizers;
import org.distsde.optim.Theorem;
import org.distsde.schedule.RobbinsMonro;
import org.distsde.schedule.Schedule;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.RoundStats;

/**
 * Checks one recorded series (optimizer or SDE) against the theorem of its optimizer: the entry
 * point. The theorem itself is a {@link TheoremCheck} ({@link DsgdCheck}: Theorem 4;
 * {@link DcsgdCheck}: Theorems 5/6; {@link DsignSgdCheck}: Theorem 7), the time averages and
 * their Monte Carlo errors are {@link TimeAverages}, the decision is {@link Verdict}; the
 * plain-text rendering is spark-jobs' {@code report/ChecksText}. The report is made of records (JSON by Jackson).
 *
 * <p>Conventions: the SDE time is s = kη and the scheduler there is ηₛ = schedule.at(s/η); the
 * condition is checked in the form the step rule enforces ({@link Condition}); the bound is
 * claimed at a recorded time t &gt; 0 when the condition held at every recorded time ≤ t; each
 * claimed time contributes the excess e = measured − bound, its standard error SE (delta method
 * over the four recorded run means) and the discretisation error D = |e(rows) − e(coarser)| of an
 * SDE series (0 for the optimizer and without a coarser level), and {@link Verdict#over} decides
 * with k = {@link Verdict#K}. f(X₀) − f(X_*) = f(x0) − f* with the objective's minValue.
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
     * One recorded time. {@code ceiling}: the largest ηηₜ the condition allows here (at E‖∇f‖, or
     * at ‖∇f‖ = 0 for a per-path rule, see {@link Condition}); {@code claimed}: the condition held
     * at every recorded time up to this one; {@code measured}: the weighted E‖∇f(X_t̂)‖² up to this
     * time, {@code measuredSe} its Monte Carlo standard error (NaN when unknown), {@code
     * measuredDisc} its discretisation error (0 without a coarser level).
     */
    public record TimePoint(int round, double time, int runs, int diverged, double lrMax, double gradNormMean,
                            double ceiling, boolean conditionHolds, boolean claimed, double phi1, double phi2,
                            double measured, double measuredSe, double measuredDisc) implements Serializable { }

    /**
     * The learning-rate condition. {@code form}: which condition is checked — "expectation" (Eq. 1
     * / 3 / 5 at E‖∇f‖ over the runs, as stated, and as Eq. 26 / 45 enforce), "per path" (Eq. 21 /
     * 43: each run's own ‖∇f‖, enforced by construction by the per-run theorem normalization; the
     * recorded means cannot verify it per path, so only its necessary consequence lr_max ≤ ceiling
     * at ‖∇f‖ = 0 is tested) or "constant" (Theorem 7: no gradient dependence).
     */
    public record Condition(String equation, String form, boolean enforcedByConstruction, boolean applicable,
                            String note, int points, int held, double fraction) implements Serializable { }

    /** One bound at one claimed time: {@code excess} = measured − bound, {@code se}, {@code disc} = D. */
    public record BoundPoint(int round, double time, double bound, double excess, double se, double disc,
                             Verdict verdict) implements Serializable { }

    /**
     * One bound over the claimed times. {@code verdict}: {@link Verdict#over} of its points (renamed
     * by {@link Verdict#on} for a discrete source); {@code counterexample}: the verdict is VIOLATED
     * on the resolved SDE while the condition held; {@code settle}: for UNRESOLVED, what would
     * settle it; {@code maxExcess} / {@code maxRatio}: over the claimed times (+∞ when runs
     * diverged); {@code weightQuadratureError}: without recorded per-run sums, the relative error
     * of the trapezoid of the weight on the recorded times (large: record more often).
     */
    public record BoundCheck(String equation, String label, String formula, boolean primary, double noiseConstant,
                             String weighting, boolean applicable, String note, int evaluated, Verdict verdict,
                             boolean counterexample, double maxExcess, double maxRatio, double finalMeasured,
                             double finalBound, double weightQuadratureError, String settle, List<BoundPoint> values)
            implements Serializable { }

    /**
     * The full result for one series. {@code verdict}: the primary bound's; {@code k}: the number
     * of standard errors every decision uses; {@code counterexample}: some bound failed on the
     * resolved SDE while its condition held; {@code summary}: one line.
     */
    public record Report(String series, Source source, String sourceLabel, String optimizer, String theorem,
                         Constants constants, DefinitionOneCheck.Result definitionOne,
                         RobbinsMonroVerdict robbinsMonro, Condition condition, List<BoundCheck> bounds,
                         List<TimePoint> points, double k, Verdict verdict, boolean counterexample, String summary)
            implements Serializable {
        /** The primary bound (the verdict's). */
        public BoundCheck primaryBound() {
            return bounds.get(0);
        }

        /** The bound with this label (e.g. {@link DcsgdCheck#PRINTED}). */
        public BoundCheck boundLabelled(String label) {
            return bounds.stream().filter(b -> b.label().equals(label)).findFirst().orElseThrow();
        }
    }

    /**
     * Checks a series; {@code source} is the jobs' free-text kind ("optimizer", "sde"), mapped by
     * {@link Source#of}; no coarser level.
     */
    public static Report check(ExperimentConfig cfg, AgentAverages averages, List<RoundStats> rows, String source) {
        return check(cfg, averages, rows, Source.of(source, cfg), null);
    }

    /**
     * Checks a series.
     *
     * @param cfg      the series' configuration
     * @param averages its agent averages ({@code Simulation.averages(cfg)})
     * @param rows     its recorded statistics, in time order
     * @param source   what the series is
     * @param coarser  nullable: for an SDE series, the rows of the same series integrated at twice
     *                 the time step, recorded at the same times (the discretisation error of a
     *                 checked quantity is |value(rows) − value(coarser)|, weak order 1)
     */
    public static Report check(ExperimentConfig cfg, AgentAverages averages, List<RoundStats> rows, Source source,
                               List<RoundStats> coarser) {
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("rows must not be empty");
        }
        final Objective f = cfg.buildObjective();
        final Smoothness sm = cfg.smoothnessPair();
        final double[] x0 = cfg.initialPoint();
        final double gap = f.value(x0, 0) - f.minValue();
        final DefinitionOneCheck.Result def1 = sm == null ? null
                : DefinitionOneCheck.check(f, sm.l0(), sm.l1(), x0, DefinitionOneCheck.samplesFor(f), cfg.seed());
        final Schedule schedule = cfg.schedule().build();
        final RobbinsMonro rm = schedule.robbinsMonro();
        final RobbinsMonroVerdict rmv = new RobbinsMonroVerdict(schedule.describe(), rm.classical(), rm.paper(),
                rm.phi1Diverges(), rm.phi2Bounded(), rm.ratioToZero(), rm.analytic(), rm.reason());
        final List<String> assumptions = assumptions(cfg, rm);
        final TheoremCheck thm = theorem(cfg, averages, f, sm);
        assumptions.addAll(thm.notes());
        final boolean applicable = thm.notApplicable().isEmpty();
        final String naNote = applicable ? "" : thm.theorem() + " does not apply: " + thm.notApplicable();
        final boolean perPath = cfg.normalization().kind() == NormalizationKind.THEOREM
                && !cfg.normalization().couplesRuns() && cfg.optimizer().hasCeiling();
        final Series series = new Series(cfg, thm, schedule, gap, source,
                coarser != null && source != Source.OPTIMIZER ? coarser : null, perPath);
        series.evaluate(rows);

        String condNote = naNote;
        if (applicable && !Double.isNaN(series.unclaimedFrom)) {
            condNote = String.format(Locale.ROOT, "the condition fails from t = %.4g on: the bound is not claimed "
                    + "from there", series.unclaimedFrom);
        }
        final Condition cond = new Condition(thm.conditionEquation(), conditionForm(cfg, perPath), perPath, applicable,
                condNote, series.condPts, series.condHeld,
                series.condPts == 0 ? Double.NaN : (double) series.condHeld / series.condPts);
        final List<BoundCheck> bounds = new ArrayList<>();
        for (int b = 0; b < series.forms.size(); b++) {
            bounds.add(series.boundCheck(b, rows.get(rows.size() - 1)));
        }
        if (!applicable) {
            bounds.add(new BoundCheck(thm.bounds().isEmpty() ? "-" : thm.bound().equation(),
                    thm.bounds().isEmpty() ? "-" : thm.bound().label(), "", true, Double.NaN, thm.weighting(), false,
                    naNote, 0, Verdict.NOT_APPLICABLE, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, "",
                    List.of()));
        }
        final boolean counterexample = bounds.stream().anyMatch(BoundCheck::counterexample);
        final boolean theoremNorm = cfg.normalization().kind() == NormalizationKind.THEOREM;
        final Constants constants = new Constants(sm == null ? null : sm.l0(), sm == null ? null : sm.l1(),
                cfg.smoothness() != null ? "config" : sm != null ? "objective closed form" : "none",
                f.dim(), averages.agents(), cfg.eta(), epsilon(cfg),
                theoremNorm ? "config normalization.epsilon" : "default 0.5",
                averages.sigma0Sq(), averages.sigma1Sq(), averages.omega(), averages.sigma0SqOmega(),
                averages.sigma1SqOmega(), averages.finiteVariance(), averages.sigmaHarmonic(),
                thm instanceof DsignSgdCheck s ? s.ell() : Double.NaN, gap, List.copyOf(assumptions));
        final String summary = summary(thm.theorem(), source, cond, bounds, def1);
        return new Report(cfg.name(), source, source.label(), cfg.optimizer().id(), thm.theorem(), constants, def1, rmv,
                cond, List.copyOf(bounds), List.copyOf(series.points), Verdict.K, bounds.get(0).verdict(),
                counterexample, summary);
    }

    /** ε of the conditions: the config's theorem normalization, else 0.5. */
    static double epsilon(ExperimentConfig cfg) {
        return cfg.normalization().kind() == NormalizationKind.THEOREM ? cfg.normalization().epsilon() : 0.5;
    }

    /** The theorem of the config's optimizer, with why it does not apply (if so). */
    static TheoremCheck theorem(ExperimentConfig cfg, AgentAverages averages, Objective f, Smoothness sm) {
        final Optimizer method = Optimizers.of(cfg);
        final Theorem theorem = method.theorem();
        String na = sm == null ? "no (L0, L1) pair for objective " + f.describe() : "";
        final boolean finiteVarianceNeeded = switch (theorem) {
            case DSGD_4, DCSGD_5_6 -> true;   // (σ0², σ1²)-variance, Definition 2
            case DSIGNSGD_7 -> false;          // heavy tails allowed
            case ADAPTIVE, NONE -> false;
        };
        if (na.isEmpty() && finiteVarianceNeeded && !averages.finiteVariance()) {
            na = "the noise has infinite variance (Student-t with nu <= 2 or stable with alpha < 2)";
        }
        final TheoremCheck.Setting setting = new TheoremCheck.Setting(averages, sm == null ? Double.NaN : sm.l0(),
                sm == null ? Double.NaN : sm.l1(), f.dim(), averages.agents(), cfg.eta(), epsilon(cfg));
        return switch (theorem) {
            case DSGD_4 -> new DsgdCheck(setting, na);
            case DCSGD_5_6 -> new DcsgdCheck(setting, na);
            case DSIGNSGD_7 -> DsignSgdCheck.of(cfg, setting, na);
            case ADAPTIVE -> new NoTheorem(method.id(), "seed 002 has no theorem for " + method.id()
                    + "; its closed forms are seed 000's (Lemma 3.13, 3.14, C.45, C.50, C.57), drawn by the report on "
                    + "quadratics");
            case NONE -> new NoTheorem(method.id(), "neither seed has a theorem for " + method.id());
        };
    }

    /** The equations of a learning-rate ceiling's per-path form (Eq. 21 / 43) and of its enforcement over runs (Eq. 26 / 45). */
    private static String[] ceilingEquations(Theorem t) {
        return switch (t) {
            case DSGD_4 -> new String[] {"Eq. 21", "26"};
            case DCSGD_5_6 -> new String[] {"Eq. 43", "45"};
            case DSIGNSGD_7, ADAPTIVE, NONE -> throw new IllegalStateException(t + " has no learning-rate ceiling");
        };
    }

    /** The assumptions that come from the config and the schedule (the theorem adds its own). */
    private static List<String> assumptions(ExperimentConfig cfg, RobbinsMonro rm) {
        final List<String> a = new ArrayList<>();
        if (cfg.normalization().kind() != NormalizationKind.THEOREM) {
            a.add("epsilon = 0.5 (the config does not use normalization.type theorem)");
        }
        if (!rm.paper()) {
            a.add("the schedule is not Robbins-Monro in the paper's sense: the bound is checked at each finite t but "
                    + "need not tend to 0");
        }
        if (cfg.noise().correlated()) { // see AgentAverages: Definition 2's entrywise bound
            final var c = cfg.noise().correlationModel();
            a.add(String.format(Locale.ROOT, "correlated noise Sigma_i = s_i^2 C (%s): sigma0^2, sigma1^2 carry "
                    + "max_j C_jj = %.6g (Definition 2: |Sigma_i|_inf, the largest entry, as Theorem 10's "
                    + "max(Sigma_i)); the proofs' Ito term only needs tr(Sigma_i) <= d(sigma0^2 + sigma1^2 |grad f|^2), "
                    + "for which tr(C)/d = %.6g would do; a Loewner bound Sigma_i <= c I would need "
                    + "lambda_max(C) = %.6g", cfg.noise().correlationField(), c.maxDiagonal(), c.meanDiagonal(),
                    c.largestEigenvalue()));
        }
        if (cfg.normalization().kind() != NormalizationKind.NONE) {
            a.add("eta_t is the effective rate lr/eta of each run (scheduler x normalization, as in the paper's "
                    + "eta*eta_t parametrisation); phi1, phi2 and the time integrals are averaged over the runs "
                    + "(without recorded sums: the scheduler only)");
        }
        return a;
    }

    /** Which condition is checked: the one the step rule enforces. */
    private static String conditionForm(ExperimentConfig cfg, boolean perPath) {
        final Optimizer method = Optimizers.of(cfg);
        if (!cfg.optimizer().hasCeiling()) {
            return "constant (no gradient dependence)";
        }
        if (perPath) {
            return "per path (" + ceilingEquations(method.theorem())[0] + ", each run's own |grad f|): "
                    + "enforced by construction by the per-run theorem normalization; the recorded means cannot "
                    + "verify it per path, so only lr_max <= ceiling at |grad f| = 0 is tested";
        }
        return "expectation (lr_max <= ceiling at E|grad f| = grad_norm_mean"
                + (cfg.normalization().kind() == NormalizationKind.THEOREM
                ? ", as Eq. " + ceilingEquations(method.theorem())[1] + " enforces)" : ")");
    }

    /** The evaluation of one series, time by time: condition, measured side, each bound's points. */
    private static final class Series {
        final ExperimentConfig cfg;
        final TheoremCheck thm;
        final Schedule schedule;
        final double gap;
        final Source src;
        final List<RoundStats> coarser;
        final boolean perPath;
        final boolean applicable;
        final TimeAverages.Weight w;
        final List<TheoremCheck.BoundForm> forms;
        final List<TimePoint> points = new ArrayList<>();
        final List<List<BoundPoint>> values = new ArrayList<>();
        final double[] lastBound;
        final boolean[] vacuous;
        int condPts, condHeld, exactPoints, timedPoints;
        double quadErr;
        double unclaimedFrom = Double.NaN;

        Series(ExperimentConfig cfg, TheoremCheck thm, Schedule schedule, double gap, Source src,
               List<RoundStats> coarser, boolean perPath) {
            this.cfg = cfg;
            this.thm = thm;
            this.schedule = schedule;
            this.gap = gap;
            this.src = src;
            this.coarser = coarser;
            this.perPath = perPath;
            this.applicable = thm.notApplicable().isEmpty();
            this.w = applicable ? thm.weight() : new TimeAverages.Weight(1, 0);
            this.forms = applicable ? thm.bounds() : List.of();
            for (int b = 0; b < forms.size(); b++) {
                values.add(new ArrayList<>());
            }
            this.lastBound = new double[forms.size()];
            java.util.Arrays.fill(lastBound, Double.NaN);
            this.vacuous = new boolean[forms.size()];
        }

        void evaluate(List<RoundStats> rows) {
            final double eta = cfg.eta();
            final TimeAverages.Trapezoid trap = new TimeAverages.Trapezoid();
            double phi1s = 0, phi2s = 0, prevT = 0;
            boolean claimed = true;
            for (int i = 0; i < rows.size(); i++) {
                final RoundStats r = rows.get(i);
                final double t = r.time();
                if (i > 0) {
                    if (!(t >= prevT)) {
                        throw new IllegalArgumentException("rows must be in time order (row " + i + ")");
                    }
                    final double[] inc = TimeAverages.phiIncrements(schedule, eta, prevT, t);
                    phi1s += inc[0];
                    phi2s += inc[1];
                }
                prevT = t;
                // measured side: exact from the per-run sums, else the trapezoid (and its weight's error)
                final double trapMeasured = trap.add(t, w.at(schedule.at(t / eta)), r.grad().normSqMean());
                final boolean exact = i > 0 && TimeAverages.hasSums(r);
                exactPoints += exact ? 1 : 0;
                timedPoints += i > 0 ? 1 : 0;
                if (i > 0 && !exact && applicable && w.integral(phi1s, phi2s) > 0) {
                    final double ex = w.integral(phi1s, phi2s);
                    quadErr = Math.max(quadErr, Math.abs(trap.weightIntegral() - ex) / ex);
                }
                final double measured = i == 0 ? r.grad().normSqMean() : exact ? TimeAverages.measured(r, w) : trapMeasured;
                final double phi1 = exact ? r.integrals().phi1() : phi1s;
                final double phi2 = exact ? r.integrals().phi2() : phi2s;
                final RoundStats c = coarser != null && i > 0 ? matching(coarser, r) : null;

                // condition, in the form the step rule enforces; the bound is claimed while it held
                double ceiling = Double.NaN;
                boolean condOk = false;
                if (applicable) {
                    ceiling = thm.condition(perPath ? 0 : r.grad().normMean());
                    if (r.runs() > 0 && !Double.isNaN(r.lr().max()) && !Double.isNaN(ceiling)) {
                        condOk = thm.strictCondition() ? r.lr().max() < ceiling : r.lr().max() <= ceiling * (1 + 1e-12);
                        condPts++;
                        condHeld += condOk ? 1 : 0;
                    }
                }
                if (claimed && !condOk && (r.runs() > 0 || r.diverged() == 0)) {
                    claimed = false;
                    unclaimedFrom = t;
                }
                if (applicable && t > 0) {
                    for (int b = 0; b < forms.size(); b++) {
                        final double bound = forms.get(b).value(phi1, phi2, gap);
                        if (Double.isNaN(bound)) {
                            vacuous[b] = true;
                        } else {
                            lastBound[b] = bound;
                            if (claimed) {
                                values.get(b).add(point(forms.get(b), r, c, exact, measured, bound));
                            }
                        }
                    }
                }
                final double mSe = exact ? TimeAverages.standardError(r, TimeAverages.measuredGradient(
                        TimeAverages.means(r), w)) : Double.NaN;
                final double mDisc = c == null ? 0 : exact && TimeAverages.hasSums(c)
                        ? Math.abs(measured - TimeAverages.measured(c, w)) : Double.NaN;
                points.add(new TimePoint(r.round(), t, r.runs(), r.diverged(), r.lr().max(), r.grad().normMean(), ceiling,
                        condOk, claimed && applicable, phi1, phi2, measured, mSe, mDisc));
            }
            if (exactPoints > 0 && exactPoints >= timedPoints) {
                quadErr = 0; // every measured value came from the simulator's per-step sums
            }
        }

        /** One bound at one claimed time: excess, its SE (delta method) and D (against the coarser row c). */
        BoundPoint point(TheoremCheck.BoundForm form, RoundStats r, RoundStats c, boolean exact, double measured,
                         double bound) {
            if (r.diverged() > 0) { // E|grad f|^2 is unbounded: the bound is exceeded, whatever the errors
                return new BoundPoint(r.round(), r.time(), bound, Double.POSITIVE_INFINITY, 0, 0,
                        Verdict.VIOLATED.on(src));
            }
            final double e = measured - bound;
            double se = Double.NaN;
            if (exact) {
                final double[] m = TimeAverages.means(r);
                se = TimeAverages.standardError(r, TimeAverages.minus(TimeAverages.measuredGradient(m, w),
                        TimeAverages.boundGradient(m, form, gap)));
            }
            double disc = 0;
            if (c != null) {
                if (c.diverged() > 0) {
                    disc = Double.POSITIVE_INFINITY;
                } else if (!exact || !TimeAverages.hasSums(c)) {
                    disc = Double.NaN; // the coarser level cannot be evaluated the same way
                } else {
                    disc = Math.abs(e - (TimeAverages.measured(c, w) - form.value(c.integrals().phi1(), c.integrals().phi2(), gap)));
                }
            }
            return new BoundPoint(r.round(), r.time(), bound, e, se, disc, Verdict.at(e, se, disc).on(src));
        }

        /** The record of bound b over its claimed points. */
        BoundCheck boundCheck(int b, RoundStats last) {
            final TheoremCheck.BoundForm form = forms.get(b);
            final List<BoundPoint> v = values.get(b);
            final double[] ts = v.stream().mapToDouble(BoundPoint::time).toArray();
            final double[] es = v.stream().mapToDouble(BoundPoint::excess).toArray();
            final double[] ses = v.stream().mapToDouble(BoundPoint::se).toArray();
            final double[] ds = v.stream().mapToDouble(BoundPoint::disc).toArray();
            final List<String> notes = new ArrayList<>();
            final Verdict verdict;
            if (v.isEmpty()) {
                verdict = timedPoints == 0 || condPts == 0 ? Verdict.UNRESOLVED : Verdict.NOT_CLAIMED;
                notes.add(verdict == Verdict.NOT_CLAIMED ? "the condition fails at the first recorded times: the "
                        + "theorem claims no bound" : "no recorded time t > 0 to evaluate the bound at");
            } else {
                verdict = Verdict.over(es, ses, ds).on(src);
            }
            double maxE = Double.NEGATIVE_INFINITY, maxR = Double.NEGATIVE_INFINITY;
            for (BoundPoint p : v) {
                maxE = Math.max(maxE, p.excess());
                maxR = Math.max(maxR, (p.excess() + p.bound()) / p.bound());
            }
            if (vacuous[b]) {
                notes.add("the denominator " + form.d1() + " phi1 - " + form.d2() + " phi2 is <= 0 at some times: the "
                        + "bound is vacuous there");
            }
            if (last.diverged() > 0) {
                notes.add(last.diverged() + " run(s) diverged: E|grad f|^2 is unbounded, the bound is exceeded from "
                        + "their divergence on");
            }
            if (src == Source.SDE_RESOLVED && coarser == null) {
                notes.add("no coarser level: D = 0 assumed, the discretisation error is not accounted for");
            }
            if (quadErr > 0.05) {
                notes.add(String.format(Locale.ROOT, "recording too sparse: the trapezoid of the weight is off by "
                        + "%.0f%% from its exact integral, so the measured time average is unreliable (lower "
                        + "recordEvery, or record the per-run sums)", 100 * quadErr));
            }
            if (exactPoints < timedPoints) {
                notes.add("without the per-run sums the Monte Carlo error is unknown: the verdict cannot be HOLDS or "
                        + (src.aboutTheorem() ? "VIOLATED" : "EXCEEDED") + " unless runs diverged");
            }
            final BoundPoint fin = v.isEmpty() ? null : v.get(v.size() - 1);
            return new BoundCheck(form.equation(), form.label(), form.formula(), form.primary(), form.noise(),
                    thm.weighting(), true, String.join("; ", notes), v.size(), verdict,
                    verdict == Verdict.VIOLATED && src.aboutTheorem(), v.isEmpty() ? Double.NaN : maxE,
                    v.isEmpty() ? Double.NaN : maxR, fin == null ? Double.NaN : fin.excess() + fin.bound(),
                    fin == null ? lastBound[b] : fin.bound(), quadErr,
                    verdict == Verdict.UNRESOLVED ? Verdict.settle(ts, es, ses, ds) : "", List.copyOf(v));
        }
    }

    /** The coarser row recorded at the same time as {@code r}. */
    private static RoundStats matching(List<RoundStats> coarser, RoundStats r) {
        for (RoundStats c : coarser) {
            if (c.round() == r.round() && Math.abs(c.time() - r.time()) <= 1e-9 * Math.max(1, Math.abs(r.time()))) {
                return c;
            }
        }
        throw new IllegalArgumentException("the coarser level has no row at round " + r.round() + " (t = " + r.time()
                + "): it must be recorded at the same times");
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

    private static String summary(String theorem, Source src, Condition c, List<BoundCheck> bounds,
                                  DefinitionOneCheck.Result def1) {
        if (theorem.startsWith("no theorem")) { // NoTheorem: nothing to evaluate, only the reason
            return "not applicable - " + c.note().replaceFirst("^.* does not apply: ", "");
        }
        final StringBuilder sb = new StringBuilder(theorem).append(" [").append(src.label()).append("]: ");
        if (!c.applicable()) {
            return sb.append("not applicable - ").append(c.note()).toString();
        }
        sb.append(String.format(Locale.ROOT, "condition %s held at %d of %d recorded times", c.equation(), c.held(),
                c.points()));
        if (c.enforcedByConstruction()) {
            sb.append(" (per path, enforced by construction)");
        }
        final BoundCheck primary = bounds.get(0);
        for (BoundCheck b : bounds) {
            sb.append("; ").append(b.label()).append(": ").append(b.verdict().word());
            if (b.evaluated() > 0) {
                sb.append(String.format(Locale.ROOT, " (max excess %.3g, max measured/bound %.3g, k = %.0f)",
                        b.maxExcess(), b.maxRatio(), Verdict.K));
            }
            if (b.verdict().failed() && !src.aboutTheorem()) {
                sb.append(" - not a statement about the theorem");
            }
        }
        for (BoundCheck b : bounds) {
            if (b.counterexample()) {
                sb.append("; COUNTEREXAMPLE to ").append(counterexampleTo(theorem, b)).append(": ")
                        .append(b.label()).append(" VIOLATED while the condition holds");
                if (b != primary) {
                    sb.append(" (").append(primary.label()).append(": ").append(primary.verdict().word()).append(')');
                }
            }
        }
        if (def1 != null && !def1.holds()) {
            sb.append(String.format(Locale.ROOT, "; Definition 1 FAILS for (L0, L1) = (%g, %g) (ratio %.3g)",
                    def1.l0(), def1.l1(), def1.maxRatio()));
        }
        return sb.toString();
    }

    /** The statement a VIOLATED bound refutes. */
    public static String counterexampleTo(String theorem, BoundCheck b) {
        if (b.label().equals(DcsgdCheck.PRINTED)) {
            return "Theorem 6 as printed (Eq. 6)";
        }
        if (b.label().equals(DcsgdCheck.DERIVED)) {
            return b.equation().equals("Eq. 4") ? "Theorem 5 as printed (Eq. 4)" : "Theorem 6 with the derived Eq. 6";
        }
        final int p = theorem.indexOf(" (");
        return (p < 0 ? theorem : theorem.substring(0, p)) + " as printed (" + b.equation() + ")";
    }

}
