package org.distsde.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.statistics.distribution.TDistribution;
import org.distsde.config.CompressionSpec;
import org.distsde.theory.DcsgdCheck;
import org.distsde.theory.QuadraticLimits;
import org.distsde.theory.Verdict;
import org.distsde.verify.check.CompressorProperty;
import org.distsde.verify.check.Computed;
import org.distsde.verify.check.Decay;
import org.distsde.verify.check.Differs;
import org.distsde.verify.check.Divergence;
import org.distsde.verify.check.EarlyLate;
import org.distsde.verify.check.EtaOrder;
import org.distsde.verify.check.LossPath;
import org.distsde.verify.check.MomentsPath;
import org.distsde.verify.check.Phase1Gradient;
import org.distsde.verify.check.Quantity;
import org.distsde.verify.check.SameStationary;
import org.distsde.verify.check.SignGdPath;
import org.distsde.verify.check.Stationary;
import org.distsde.verify.check.TheoremBound;
import org.distsde.verify.check.Tracking;

/**
 * Every checkable statement of the two papers that {@code verify} decides, one entry each:
 * {@code add(id, paper, number, title, kind, config, series, check)}. The configs are the shipped
 * {@code conf/verify-*.json} (small: the whole catalogue runs in minutes); {@link #FULL} gives each
 * config's overrides for the papers' sizes ({@code verify --full}). To add a statement: write (or pick)
 * a config whose series show it, pick a check type of {@code org.distsde.verify.check} (or write one:
 * a {@link Check} is a pure function of the runs' {@link Evidence}), and add one line here.
 */
public final class Catalogue {
    private Catalogue() { }

    static final String S002 = "seed 002", S000 = "seed 000";
    static final String THEOREMS = "conf/verify-s002-theorems.json", ORDER002 = "conf/verify-s002-weak-order.json";
    static final String FIG1 = "conf/verify-s002-figure1.json", SIGN = "conf/verify-s000-signsgd.json";
    static final String ADAPTIVE = "conf/verify-s000-adaptive.json", ERRATA = "conf/verify-s000-errata.json";
    static final String EQ16 = "conf/verify-s000-eq16.json", SCALING = "conf/verify-s000-scaling.json";
    static final String ORDER000 = "conf/verify-s000-weak-order.json", C46 = "conf/verify-s000-remark-c46.json";

    /** Per config: the overrides of {@code verify --full} (the papers' sizes where the cases leave them). */
    public static final Map<String, List<String>> FULL = Map.of(
            THEOREMS, List.of("runs=10000", "sde.maxRefinements=5"),
            ORDER002, List.of("runs=1000000"),
            FIG1, List.of("runs=1000", "rounds=1000", "recordEvery=10"),
            SIGN, List.of("sde.paths=5000", "sde.maxRefinements=3"),
            ADAPTIVE, List.of("runs=2000"),
            ERRATA, List.of("runs=5000"),
            EQ16, List.of("runs=2000"),
            SCALING, List.of("runs=2000"),
            ORDER000, List.of("runs=200000"),
            C46, List.of("runs=2000", "sde.maxRefinements=4"));

    /** The statements, in order. */
    public static List<Statement> all() {
        final List<Statement> s = new ArrayList<>();
        seed002(s);
        seed000(s);
        final Map<String, Statement> ids = new LinkedHashMap<>();
        for (Statement st : s) {
            if (ids.put(st.id(), st) != null) {
                throw new IllegalStateException("duplicate statement id " + st.id());
            }
        }
        return List.copyOf(s);
    }

    private static void add(List<Statement> s, String id, String paper, String number, String title, Kind kind,
                            String config, List<String> series, Check check) {
        s.add(new Statement(id, paper, number, title, kind, config, series, check));
    }

    private static void seed002(List<Statement> s) {
        add(s, "s002-thm4", S002, "Theorem 4", "DSGD: Eq. 2 bounds the weighted E|grad f|^2 while Eq. 1 holds",
                Kind.BOUND, THEOREMS, List.of("thm4"), new TheoremBound(null));
        add(s, "s002-thm5", S002, "Theorem 5", "DCSGD, bounded variance: Eq. 4 while Eq. 3 (read with eta eta_t) holds",
                Kind.BOUND, THEOREMS, List.of("thm5"), new TheoremBound(null));
        add(s, "s002-thm6", S002, "Theorem 6", "DCSGD: Eq. 6 with the derived constant eta(L0 + L1)d(s0^2 + s0^2w)/(2N) "
                + "while Eq. 5 holds", Kind.BOUND, THEOREMS, List.of("thm6"), new TheoremBound(DcsgdCheck.DERIVED));
        add(s, "s002-thm6-printed", S002, "Theorem 6, Eq. 6 as printed", "erratum: Eq. 6's printed constant (no eta, no "
                + "sigma0 term at L1 = 0) is exceeded while Eq. 5 holds (setting (a))", Kind.BOUND, THEOREMS,
                List.of("thm6-erratum"), new TheoremBound(DcsgdCheck.PRINTED));
        add(s, "s002-thm7", S002, "Theorem 7", "DSignSGD, Student-t noise: Eq. 7 while eta eta_t < 2N l_nu/(sigma_H1 L1 d)",
                Kind.BOUND, THEOREMS, List.of("thm7"), new TheoremBound(null));
        add(s, "s002-thm12-phase1", S002, "Theorem 12, Phase 1 (Eq. 54)", "DSignSGD in Phase 1: E|grad f(X_t1)|_1 <= "
                + "(f(X0) - f*)/phi1_t", Kind.BOUND, THEOREMS, List.of("phase1"), new Phase1Gradient());
        add(s, "s002-thm12-phase2", S002, "Theorem 12, Phase 2 (Eq. 55-56)", "DSignSGD in Phase 2: the bound with m_nu, "
                + "q_nu", Kind.BOUND, null, List.of(), new Computed(f -> Outcome.of(Verdict.UNRESOLVED, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, "not evaluable: m_nu, q_hat_nu and psi_nu are "
                + "defined in Proposition C.11 of [7], not in the paper")));
        add(s, "s002-thm12-phase3", S002, "Theorem 12, Phase 3 (Eq. 57)", "DSignSGD started in Phase 3: Eq. 57 (= Eq. 7)",
                Kind.BOUND, THEOREMS, List.of("phase3"), new TheoremBound(null));
        for (String o : List.of("dsgd", "dcsgd", "dsignsgd")) {
            final String name = o.equals("dsgd") ? "DSGD" : o.equals("dcsgd") ? "DCSGD" : "DSignSGD";
            add(s, "s002-def3-" + o, S002, "Definition 3 (" + name + ")",
                    "the SDE (Eq. " + (o.equals("dsgd") ? "8" : o.equals("dcsgd") ? "27-28" : "49-52") + ") is a weak "
                    + "order 1 approximation in eta of " + o, Kind.ORDER, ORDER002, List.of(o),
                    new EtaOrder(1, 0.25, 4, Double.NaN));
        }
        add(s, "s002-cor11", S002, "Corollary 11", "Xi_nu's closed form (Gamma(nu/2), 2F1) is the Student-t CDF minus 1/2",
                Kind.CLOSED_FORM, null, List.of(), new Computed(f -> xiCheck(1)));
        add(s, "s002-thm5-remark", S002, "Remark after Theorem 5, as printed", "DCSGD (sigma^2, omega) has Eq. 1's "
                + "requirement with sigma0^2 = omega, sigma1^2 = d(sigma^2 + omega)", Kind.CLOSED_FORM, null, List.of(),
                new Computed(f -> remark(true)));
        add(s, "s002-thm5-remark-derived", S002, "Remark after Theorem 5, what holds", "Eq. 3 is Eq. 1 with "
                + "sigma0^2 = sigma^2(1 + omega), sigma1^2 = omega/d", Kind.CLOSED_FORM, null, List.of(),
                new Computed(f -> remark(false)));
        final CompressionSpec rs = CompressionSpec.of("random-sparsification", org.distsde.compress.Arguments.of("compression", "omega", 3.0));
        add(s, "s002-compressor-unbiased", S002, "Section 3, compressor (i)", "E C(v) = v (random sparsification, "
                + "omega = 3)", Kind.CLOSED_FORM, null, List.of(), new CompressorProperty(rs, false, false, 400_000));
        add(s, "s002-compressor-variance", S002, "Section 3, compressor (ii)", "E|C(v) - v|^2 = omega |v|^2 (random "
                + "sparsification, omega = 3)", Kind.CLOSED_FORM, null, List.of(),
                new CompressorProperty(rs, true, true, 400_000));
        add(s, "s002-fig1-dsgd", S002, "Theorem 4 insight, Figure 1 left", "DSGD without the Eq. 1 normalization "
                + "diverges at large sigma1, with it it does not", Kind.QUALITATIVE, FIG1,
                List.of("dsgd-none", "dsgd-theorem"), new Divergence());
        add(s, "s002-fig1-dcsgd", S002, "Theorem 5 insight, Figure 1 center", "DCSGD without the Eq. 3 normalization "
                + "diverges at large omega, with it it does not", Kind.QUALITATIVE, FIG1,
                List.of("dcsgd-none", "dcsgd-theorem"), new Divergence());
        add(s, "s002-fig1-dsignsgd", S002, "Theorem 7 insight, Figure 1 right", "DSignSGD under Cauchy noise keeps "
                + "converging with eta_t = (t+1)^-1/2, not without a scheduler", Kind.QUALITATIVE, FIG1,
                List.of("dsignsgd-power", "dsignsgd-constant"), new Decay());
    }

    private static void seed000(List<Statement> s) {
        add(s, "s000-lem34-phase1", S000, "Lemma 3.4, Phase 1", "|Y| > 3/2: the SignSGD SDE is SignGD's ODE (Eq. 4)",
                Kind.CLOSED_FORM, SIGN, List.of("phases"), new SignGdPath(0.4));
        add(s, "s000-lem34-phase2", S000, "Lemma 3.4, Phase 2 (a)", "1 < |Y| < 3/2: -mY - q+ <= dE[X]/dt = -E Erf(Y) "
                + "<= -mY - q- (m, q1, q2 of Lemma C.21)", Kind.BOUND, null, List.of(), new Computed(f -> phase2()));
        add(s, "s000-lem34-phase3", S000, "Lemma 3.4, Phase 3", "|Y| < 1: the SignSGD SDE is the Phase 3 SDE (Eq. 5), "
                + "whose moments are Lemma 3.7's", Kind.CLOSED_FORM, SIGN, List.of("moments"),
                new MomentsPath(Math.sqrt(2 / Math.PI), true));
        add(s, "s000-lem35-phase1", S000, "Lemma 3.5, Phase 1", "S_t <= (sqrt(mu) t - 2 sqrt(S0))^2/4", Kind.BOUND, SIGN,
                List.of("phases"), new LossPath((c, t, t0, s0) -> QuadraticLimits.phase1Bound(s0,
                QuadraticLimits.min(c.objective().h()), t - t0), 0, 0.4, "Lemma 3.5 Phase 1", true));
        add(s, "s000-lem35-phase3", S000, "Lemma 3.5, Phase 3 (Eq. 7)", "E S_t <= S0 e^(-2 mu Delta t) + (eta/2) "
                + "L_tau/(2 mu Delta)(1 - e^(-2 mu Delta t))", Kind.BOUND, SIGN, List.of("phases"),
                new LossPath((c, t, t0, s0) -> QuadraticLimits.phase3Bound(s0, c.eta(), QuadraticLimits.min(c.objective()
                        .h()), QuadraticLimits.trace(c.objective().h()), c.noise().sigma0()[0], t - t0), 1.5,
                        Double.POSITIVE_INFINITY, "Lemma 3.5 Phase 3 from the measured S at t = 1.5", true));
        add(s, "s000-lem36", S000, "Lemma 3.6", "SGD: E S_t <= S0 e^(-2 mu t) + (eta/2) L_tau sigma^2/(2 mu)"
                + "(1 - e^(-2 mu t))", Kind.BOUND, SIGN, List.of("sgd"), new LossPath((c, t, t0, s0) ->
                QuadraticLimits.sgdBound(s0, c.eta(), QuadraticLimits.min(c.objective().h()), QuadraticLimits.trace(
                c.objective().h()), c.noise().sigma0()[0], t - t0), 0, Double.POSITIVE_INFINITY, "Lemma 3.6", true));
        add(s, "s000-lem37", S000, "Lemma 3.7", "SignSGD's E[X_t] and Cov[X_t] (Phase 3)", Kind.CLOSED_FORM, SIGN,
                List.of("moments"), new MomentsPath(Math.sqrt(2 / Math.PI), false));
        add(s, "s000-lem38", S000, "Lemma 3.8", "SGD's E[X_t] = e^(-Ht)X0, Cov[X_t] = (eta/2)H^-1 Sigma(1 - e^(-2Ht))",
                Kind.CLOSED_FORM, SIGN, List.of("sgd"), new MomentsPath(null, true));
        add(s, "s000-lem39", S000, "Lemma 3.9 (Eq. 8, with its factor eta)", "with eta_t -> 0, int eta_t = inf: "
                + "E S_t <~ L_tau sigma sqrt(pi/2) eta eta_t/(4 mu)", Kind.BOUND, SIGN, List.of("lem39"),
                new LossPath((c, t, t0, s0) -> QuadraticLimits.lemma39(c.eta(), QuadraticLimits.trace(c.objective().h()),
                        QuadraticLimits.min(c.objective().h()), c.noise().sigma0()[0],
                        c.schedule().build().at(t / c.eta())), 150, Double.POSITIVE_INFINITY,
                        "Lemma 3.9 at t >= 150 (asymptotic)", false));
        add(s, "s000-lem310-printed", S000, "Lemma 3.10, as printed", "erratum: Xi with Gamma(nu/2)^2 is the Student-t "
                + "CDF minus 1/2", Kind.CLOSED_FORM, null, List.of(), new Computed(f -> xiCheck(2)));
        add(s, "s000-cor311", S000, "Corollary 3.11", "nu = 2: Phase 3 drift sqrt(1/2) Sigma^-1/2 grad f (moments with "
                + "kappa = sqrt(1/2))", Kind.CLOSED_FORM, SIGN, List.of("cor311"), new MomentsPath(Math.sqrt(0.5), false));
        add(s, "s000-c39", S000, "Lemma C.39 (Eq. 147)", "RMSprop: E f <= eta sigma L_tau/(4 mu sqrt B)", Kind.BOUND,
                ADAPTIVE, List.of("rmsprop"), new Stationary(Quantity.loss(), Closed.rmsprop(), true, "Eq. 147"));
        add(s, "s000-c40", S000, "Lemma C.40", "RMSprop: Cov X_inf = (eta/2) Sigma^1/2 H^-1 (coordinate 2)",
                Kind.CLOSED_FORM, ADAPTIVE, List.of("rmsprop"), new Stationary(Quantity.variance(1), Closed.variance(1),
                false, "Lemma C.40"));
        add(s, "s000-c44", S000, "Lemma C.44 (Eq. 162)", "RMSpropW: E f <= (eta L_tau sigma L/2)/(2 mu sqrt(B) L + "
                + "sigma theta (L + mu))", Kind.BOUND, ADAPTIVE, List.of("rmspropw"), new Stationary(Quantity.loss(),
                Closed.rmspropW(), true, "Eq. 162"));
        add(s, "s000-c45", S000, "Lemma C.45", "RMSpropW: Cov X_inf = (eta/2)(H Sigma^-1/2 + theta I)^-1 (coordinate 2)",
                Kind.CLOSED_FORM, ADAPTIVE, List.of("rmspropw"), new Stationary(Quantity.variance(1), Closed.variance(1),
                false, "Lemma C.45"));
        add(s, "s000-c50", S000, "Lemma C.50 (Eq. 201)", "Adam: E f <= eta sigma L_tau/(4 mu sqrt B)", Kind.BOUND,
                ADAPTIVE, List.of("adam"), new Stationary(Quantity.loss(), Closed.adam(), true, "Eq. 201"));
        add(s, "s000-c50-printed", S000, "Lemma C.50, as printed", "erratum: E f <= eta sigma L_tau/(4 sqrt B) "
                + "(without the 1/mu of Eq. 201), on H = diag(0.1, 0.2)", Kind.BOUND, ERRATA, List.of("c50"),
                new Stationary(Quantity.loss(), Closed.adamPrinted(), true, "Lemma C.50 as printed"));
        add(s, "s000-c51", S000, "Lemma C.51", "Adam on a diagonal quadratic: f(X_t) -> eta sigma d/4",
                Kind.CLOSED_FORM, ADAPTIVE, List.of("adam"), new Stationary(Quantity.loss(), Closed.adamQuadratic(), false,
                "Lemma C.51"));
        add(s, "s000-c52", S000, "Lemma C.52", "Adam: Cov X_inf = (eta/2) Sigma^1/2 H^-1 (coordinate 2)",
                Kind.CLOSED_FORM, ADAPTIVE, List.of("adam"), new Stationary(Quantity.variance(1), Closed.variance(1),
                false, "Lemma C.52"));
        add(s, "s000-c57", S000, "Lemma C.57", "AdamW: Cov X_inf = (eta/2)(H Sigma^-1/2 + theta I)^-1 (coordinate 1)",
                Kind.CLOSED_FORM, ADAPTIVE, List.of("adamw"), new Stationary(Quantity.variance(0), Closed.variance(0),
                false, "Lemma C.57"));
        add(s, "s000-lem314", S000, "Lemma 3.14", "AdamW: Cov X_inf = (eta/2)(I + theta H^-1 Sigma^1/2)^-1 H^-1 "
                + "Sigma^1/2 as printed (coordinate 2)", Kind.CLOSED_FORM, ADAPTIVE, List.of("adamw"),
                new Stationary(Quantity.variance(1), Closed.lemma314(1), false, "Lemma 3.14 as printed"));
        add(s, "s000-eq15-derived", S000, "Lemma 3.13 / C.56, Eq. 15 as derived (Eq. 225)", "AdamW: E f <= "
                + "(eta L_tau sigma L/2)/(2 mu sqrt(B delta) L + sigma xi theta (L + mu))", Kind.BOUND, ADAPTIVE,
                List.of("adamw"), new Stationary(Quantity.loss(), Closed.adamW(), true, "Eq. 225"));
        add(s, "s000-eq15-printed", S000, "Lemma 3.13, Eq. 15 as printed", "erratum: 2 mu sqrt(B delta L) in the "
                + "denominator; counterexample L = 1/4 (34% apart from Eq. 225 on diag(1, 3))", Kind.BOUND, ERRATA,
                List.of("eq15"), new Stationary(Quantity.loss(), Closed.adamWPrinted(), true, "Eq. 15 as printed"));
        final double[] h16 = {1, 3};
        add(s, "s000-eq16", S000, "Eq. 16", "Adam on f + theta|x|^2/2: f (without the regulariser) <= "
                + "(eta L_tau sigma/2) L/(2 mu L + theta(L + mu))", Kind.BOUND, EQ16, List.of("sigma1"),
                new Stationary(Quantity.quadratic(h16), Closed.adamL2(h16, 1), true, "Eq. 16"));
        add(s, "s000-eq16-linear", S000, "Eq. 16, linear in sigma", "Adam on f + theta|x|^2/2: the asymptotic f grows "
                + "linearly in sigma (sigma = 1 against 10 x sigma = 0.1)", Kind.QUALITATIVE, EQ16,
                List.of("sigma1", "sigma0.1"), new SameStationary(Quantity.quadratic(h16), Closed.adamL2Loss(h16, 1),
                "the linearised SDE's f", 10));
        add(s, "s000-corC38", S000, "Corollary C.38 / Lemma C.39", "RMSprop: kappa = sqrt(delta), beta = 1 - kappa(1 - "
                + "beta) keeps the asymptotic loss", Kind.CLOSED_FORM, SCALING, List.of("rmsprop-scaled", "rmsprop-base"),
                new SameStationary(Quantity.loss(), Closed.stationaryLoss(), "the linearised SDE's E f"));
        add(s, "s000-corC43", S000, "Corollary C.43 / Lemma C.44", "RMSpropW: the novel rule kappa = xi = sqrt(delta) "
                + "keeps the asymptotic loss", Kind.CLOSED_FORM, SCALING, List.of("rmspropw-scaled", "rmspropw-base"),
                new SameStationary(Quantity.loss(), Closed.stationaryLoss(), "the linearised SDE's E f"));
        add(s, "s000-corC49", S000, "Corollary C.49 / Lemma C.50", "Adam: kappa = sqrt(delta), beta_i = 1 - kappa(1 - "
                + "beta_i) keeps the asymptotic loss", Kind.CLOSED_FORM, SCALING, List.of("adam-scaled", "adam-base"),
                new SameStationary(Quantity.loss(), Closed.stationaryLoss(), "the linearised SDE's E f"));
        add(s, "s000-corC55", S000, "Corollary C.55 / Lemma C.56", "AdamW: the novel rule kappa = xi = sqrt(delta) keeps "
                + "the asymptotic loss", Kind.CLOSED_FORM, SCALING, List.of("adamw-scaled", "adamw-base"),
                new SameStationary(Quantity.loss(), Closed.stationaryLoss(), "the linearised SDE's E f"));
        add(s, "s000-fig5-nr", S000, "Lemma 3.13 discussion, Figure 5 (AdamW NR)", "rescaling eta, B, beta but not "
                + "theta changes AdamW's asymptotic loss", Kind.QUALITATIVE, SCALING, List.of("adamw-nr", "adamw-base"),
                new Differs(Quantity.loss(), Closed.stationaryLoss(), "the linearised SDE's E f"));
        add(s, "s000-remE3", S000, "Remark E.3", "Malladi et al.'s RMSprop rule (beta = 1 - kappa^2(1 - beta)) keeps "
                + "the asymptotic loss, not the path", Kind.QUALITATIVE, SCALING,
                List.of("rmsprop-malladi", "rmsprop-base"), new EarlyLate(0.3));
        add(s, "s000-remC46", S000, "Remark C.46", "seed 000's Adam SDE tracks Adam in the first part of the dynamics "
                + "better than Malladi et al.'s", Kind.QUALITATIVE, C46, List.of("ours", "malladi"), new Tracking(0.5));
        final String[][] thms = {{"rmsprop", "C.34"}, {"rmspropw", "C.41"}, {"adam", "C.47"}, {"adamw", "C.53"}};
        for (String[] t : thms) {
            final boolean adam = t[0].startsWith("adam");
            add(s, "s000-thm" + t[1].replace(".", ""), S000, "Theorem " + t[1], "the " + t[0] + " SDE is a weak order 1 "
                    + "approximation in eta" + (adam ? " (rho1 = O(eta^-1/2))" : ""), Kind.ORDER, ORDER000,
                    List.of(t[0]), new EtaOrder(1, 0.25, 3, adam ? 0.5 : Double.NaN));
        }
    }

    /**
     * Ξ_ν (Corollary 11 with Γ(ν/2), or Lemma 3.10 with Γ(ν/2)²) against ∫₀ˣ of the Student-t density
     * (Gauss–Kronrod) and F_ν(x) − 1/2 (Commons Statistics) on ν ∈ {1, 3, 5, 2.5}, x ∈ {0.3, 1, 2.5, 6}
     * (Lemma 3.10 takes ν ∈ Z⁺: the integer ones). D: the quadrature's tolerance, 1e-10 relative.
     */
    static Outcome xiCheck(int gammaPower) {
        double worst = -1, m = Double.NaN, p = Double.NaN;
        String where = "";
        for (double nu : gammaPower == 1 ? new double[] {1, 3, 5, 2.5} : new double[] {1, 3, 5}) {
            for (double x : new double[] {0.3, 1, 2.5, 6}) {
                final double xi = Formulas.xi(nu, x, gammaPower), in = Formulas.xiIntegral(nu, x);
                final double cdf = TDistribution.of(nu).cumulativeProbability(x) - 0.5;
                if (Math.abs(in - cdf) > 1e-9) {
                    throw new IllegalStateException("the quadrature disagrees with the t CDF at nu " + nu + ", x " + x);
                }
                final double rel = Math.abs(xi - in) / in;
                if (rel > worst) {
                    worst = rel;
                    m = xi;
                    p = in;
                    where = String.format(Locale.ROOT, "nu = %g, x = %g", nu, x);
                }
            }
        }
        final double disc = 1e-10 * Math.abs(p);
        final Outcome o = Outcome.equal(m, p, 0, disc, 0, "Xi_nu(x) " + (gammaPower == 1 ? "with Gamma(nu/2)"
                : "with Gamma(nu/2)^2 as printed") + " against the integral of the t density (= F_nu - 1/2); largest "
                + String.format(Locale.ROOT, "relative difference %.3g at %s", worst, where));
        return gammaPower == 2 && o.verdict() == Verdict.VIOLATED ? o.withNote("the printed Gamma(nu/2)^2 is a typo "
                + "for Gamma(nu/2) (seed 002's Corollary 11 prints Gamma(nu/2))") : o;
    }

    /**
     * The remark after Theorem 5 at a non-degenerate point (σ² = 0.5, ω = 2, d = 3, N = 4, ε = 0.3,
     * (L0, L1) = (2, 0.5), E‖∇f‖ = 0.8): Eq. 1's ceiling with the remark's (σ0², σ1²) against Eq. 3's.
     * As printed σ0² = ω, σ1² = d(σ² + ω); what holds: σ0² = σ²(1 + ω), σ1² = ω/d, term by term (the
     * denominators match: dσ1²L0 = ωL0, dσ0²L1 = d(σ² + σ²ω)L1, dL1σ1² = ωL1).
     */
    static Outcome remark(boolean printed) {
        final double s2 = 0.5, om = 2, eps = 0.3, l0 = 2, l1 = 0.5, g = 0.8;
        final int d = 3, n = 4;
        final double[] c = printed ? Formulas.remarkAfterTheorem5(om, d * (s2 + om), s2, om, d, n, eps, l0, l1, g)
                : Formulas.remarkAfterTheorem5(s2 * (1 + om), om / d, s2, om, d, n, eps, l0, l1, g);
        final String note = String.format(Locale.ROOT, "Eq. 1's ceiling with sigma0^2 = %s, sigma1^2 = %s (measured) "
                + "against Eq. 3's (predicted) at sigma^2 = 0.5, omega = 2, d = 3, N = 4, eps = 0.3, (L0, L1) = (2, 0.5), "
                + "E|grad f| = 0.8", printed ? "omega" : "sigma^2(1 + omega)", printed ? "d(sigma^2 + omega)" : "omega/d");
        final Outcome o = Outcome.equal(c[0], c[1], 0, 1e-12 * c[1], 0, note);
        return printed ? o.withNote("what holds: sigma0^2 = sigma^2(1 + omega), sigma1^2 = omega/d (statement "
                + "s002-thm5-remark-derived); the bounds then still differ: Eq. 2 adds eta(L0 + L1)omega/(2N) to "
                + "Eq. 4's constant") : o;
    }

    /**
     * Lemma 3.4 Phase 2 (a) with Lemma C.21's constants: by the SDE dE[X]/dt = −E Erf(Y) (∂f &gt; 0),
     * so the claim is m·y + q₁ ≤ Erf(y) ≤ m·y + q₂ on 1 ≤ y ≤ 3/2 (secant below, parallel tangent above
     * the concave Erf). Measured: the largest violation of either side on a grid of 10⁴ points.
     */
    static Outcome phase2() {
        final double[] k = Formulas.phase2Constants();
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= 10_000; i++) {
            final double y = 1 + 0.5 * i / 10_000;
            final double e = Erf.value(y);
            worst = Math.max(worst, Math.max(k[0] * y + k[1] - e, e - k[0] * y - k[2]));
        }
        // the bounds are attained (secant at y = 1, 3/2; tangent at y*): predicted 0 up to a rounding allowance 1e-12
        return Outcome.bound(worst, 1e-12, 0, 0, 0, String.format(Locale.ROOT, "m = %.6f, q1 = %.6f, q2 = %.6f "
                + "(tangent at y = %.4f); measured: the largest of m y + q1 - Erf(y) and Erf(y) - m y - q2 on [1, 3/2] "
                + "(<= 0 where the bounds hold; predicted: 0 up to rounding, 1e-12)", k[0], k[1], k[2], k[3]));
    }
}
