package org.distsde.frontier;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.distsde.compress.Arguments;
import org.distsde.compress.CompressorFactory;
import org.distsde.compress.Compressors;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseType;
import org.distsde.config.NormalizationKind;
import org.distsde.objective.Objective;
import org.distsde.objective.Smoothness;
import org.distsde.optim.Optimizer;
import org.distsde.optim.Optimizers;
import org.distsde.optim.Theorem;
import org.distsde.sde.AverageCovariance;
import org.distsde.sde.model.OneStepLaw;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.Simulation;

/**
 * What the stability frontier bisects: the bisected parameter ({@link #PARAMS}), the grid of the
 * other parameters (the config's {@code sweep}, with {@code --grid} axes replacing or adding keys;
 * the cartesian product, last axis fastest, as a sweep) and, per grid point and parameter value, the
 * validated configuration. Only DSGD and DCSGD without normalization (the optimizers whose
 * learning-rate ceilings Eq. 1, 3 and 5 bound). The configurations record only rounds 0 and K (the
 * frontier needs the diverged count at K) and keep the config's seed at every value (common random
 * numbers across the bisection).
 *
 * <p>The theorem ceiling of a grid point: Eq. 1 (DSGD) or Eq. 5 (DCSGD; Eq. 3 when σ̄1² = 0) at
 * ε = {@link #EPSILON}, with E‖∇f(Xₜ)‖ replaced by ‖∇f(x₀)‖ (the runs start at x₀). For the
 * parameter η it is directly the largest η the theorem allows; for σ1 or ω, whose ceiling-η falls
 * as they grow, it is the value at which the ceiling equals the config's η, found numerically
 * ({@link #invert}).
 */
public final class FrontierPlan {
    /** The parameters the frontier can bisect, as config paths. */
    public static final List<String> PARAMS = List.of("eta", "noise.sigma1", "compression.omega",
            "normalization.power");
    /** The parameter that stabilises as it grows: its frontier is the smallest stable value. */
    public static final String POWER = "normalization.power";
    /** ε of the theorems' conditions. */
    public static final double EPSILON = 0.5;

    /** One grid axis: a config path and its values. */
    public record Axis(String path, List<JsonNode> values) {
        public Axis {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new ConfigException("grid " + path + ": no values");
            }
        }

        /** A value as text (strings unquoted). */
        public static String text(JsonNode v) {
            return v.isTextual() ? v.asText() : v.toString();
        }
    }

    /** One grid point: its axis values and its configuration at the config's own parameter value. */
    public record Point(int index, String label, List<JsonNode> values, ExperimentConfig config) { }

    private final String param;
    private final List<Axis> axes;
    private final List<Point> points = new ArrayList<>();
    private final List<ObjectNode> trees = new ArrayList<>();

    private FrontierPlan(String param, List<Axis> axes) {
        this.param = param;
        this.axes = List.copyOf(axes);
    }

    /**
     * @param tree  an experiment's resolved tree ({@link ConfigLoader.Experiment#tree()}: overrides
     *              applied, sweep kept)
     * @param grid  {@code --grid} axes: each replaces the sweep key of its path, or is added
     * @param param one of {@link #PARAMS}
     * @throws ConfigException naming the field or option at fault
     */
    public static FrontierPlan of(ObjectNode tree, List<Axis> grid, String param) {
        if (!PARAMS.contains(param)) {
            throw new ConfigException("--param must be one of " + String.join(", ", PARAMS) + " (got '" + param + "')");
        }
        final ObjectNode base = tree.deepCopy();
        final JsonNode sweep = base.remove("sweep");
        final List<Axis> axes = new ArrayList<>();
        if (sweep != null && sweep.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sweep.fields(); it.hasNext(); ) {
                final Map.Entry<String, JsonNode> e = it.next();
                final List<JsonNode> vs = new ArrayList<>();
                e.getValue().forEach(vs::add);
                axes.add(new Axis(e.getKey(), vs));
            }
        }
        for (Axis a : grid) {
            int at = -1;
            for (int i = 0; i < axes.size(); i++) {
                if (axes.get(i).path().equals(a.path())) {
                    at = i;
                }
            }
            if (at >= 0) {
                axes.set(at, a);
            } else {
                axes.add(a);
            }
        }
        for (Axis a : axes) {
            if (a.path().equals(param) || param.startsWith(a.path() + ".")) {
                throw new ConfigException("--grid " + a.path() + ": the grid (--grid or the config's sweep) must not vary "
                        + "the bisected --param " + param + " (a --set " + a.path() + "=<value> takes it out of the sweep)");
            }
        }
        // the frontier needs only the diverged count at round K: record rounds 0 and K only
        base.put("recordEvery", Integer.MAX_VALUE);
        base.put("recordCoordinates", 0);
        final FrontierPlan plan = new FrontierPlan(param, axes);
        final int[] idx = new int[axes.size()];
        while (true) {
            final ObjectNode t = base.deepCopy();
            final List<JsonNode> vs = new ArrayList<>();
            final StringBuilder label = new StringBuilder();
            for (int k = 0; k < axes.size(); k++) {
                final JsonNode v = axes.get(k).values().get(idx[k]);
                set(t, axes.get(k).path(), v);
                vs.add(v);
                label.append(k == 0 ? "" : " ").append(axes.get(k).path()).append('=').append(Axis.text(v));
            }
            final String lab = axes.isEmpty() ? "base" : label.toString();
            final ExperimentConfig c = bind(t, " (frontier grid point " + lab + ")");
            plan.check(c, lab);
            plan.trees.add(t);
            plan.points.add(new Point(plan.points.size(), lab, vs, c));
            int k = axes.size() - 1;
            while (k >= 0 && ++idx[k] == axes.get(k).values().size()) {
                idx[k] = 0;
                k--;
            }
            if (k < 0) {
                break;
            }
        }
        return plan;
    }

    /** The frontier is for the unnormalized DSGD and DCSGD, and the parameter must exist in the config. */
    private void check(ExperimentConfig c, String label) {
        final String where = " (frontier grid point " + label + ")";
        final Optimizer m = Optimizers.of(c);
        if (!ceilingTheorem(m.theorem())) {
            throw new ConfigException("optimizer must be dsgd or dcsgd for the frontier (got " + c.optimizer()
                    + "): it bisects the unnormalized optimizers against their ceilings Eq. 1, 3, 5" + where);
        }
        if (param.equals(POWER)) {
            if (c.normalization().kind() != NormalizationKind.GRAD_NORM) {
                throw new ConfigException("--param normalization.power needs normalization.type grad-norm (got "
                        + c.normalization().type() + ")" + where);
            }
        } else if (c.normalization().kind() != NormalizationKind.NONE) {
            throw new ConfigException("normalization.type must be none for the frontier (got "
                    + c.normalization().type() + "): it is the stability frontier of the unnormalized optimizers" + where);
        }
        switch (param) {
            case "noise.sigma1" -> {
                if (c.noise().kind() != NoiseType.GAUSSIAN) {
                    throw new ConfigException("--param noise.sigma1 needs noise.type gaussian (got " + c.noise().type()
                            + ")" + where);
                }
                if (c.noise().sigma1().length != 1) {
                    throw new ConfigException("--param noise.sigma1 sets one value for every coordinate; the config has "
                            + c.noise().sigma1().length + " values of noise.sigma1" + where);
                }
            }
            case "compression.omega" -> {
                if (m.theorem() != Theorem.DCSGD_5_6 || !c.compression().homogeneous() || c.compression().type() == null
                        || omegaArguments(c, 1.0) == null) {
                    throw new ConfigException("--param compression.omega needs optimizer dcsgd with a compressor "
                            + "parametrised by omega (compression.type random-sparsification, rand-k, qsgd, "
                            + "rand-k-natural) and one for all agents (got optimizer " + c.optimizer()
                            + ", compression.type " + c.compression().type() + ")" + where);
                }
            }
            default -> { }
        }
    }

    public String param() {
        return param;
    }

    public List<Axis> axes() {
        return axes;
    }

    public List<Point> points() {
        return points;
    }

    /**
     * The configuration of grid point {@code point} with the parameter set to {@code value}. For
     * {@code compression.omega} the compressor's own parameters are set to give that ω, or the
     * nearest ω they can ({@link CompressorFactory#withOmega}: random sparsification's omega itself,
     * rand-k's integer k, QSGD's integer s); {@link #value} is then the ω actually in force.
     */
    public ExperimentConfig config(int point, double value) {
        return config(point, value, FrontierProcess.OPTIMIZER);
    }

    /**
     * The configuration of grid point {@code point} with the parameter set to {@code value}, for
     * the optimizer or, with its SDE fields set, for an SDE model ({@link FrontierProcess}).
     */
    public ExperimentConfig config(int point, double value, FrontierProcess process) {
        final ObjectNode t = trees.get(point).deepCopy();
        final ExperimentConfig base = points.get(point).config();
        final String where = " (frontier grid point " + points.get(point).label() + ", " + param + " = " + value
                + (process.optimizer() ? "" : ", " + process.label()) + ")";
        if (param.equals("compression.omega")) {
            final ExperimentConfig c = points.get(point).config();
            final Arguments a = omegaArguments(c, value);
            final CompressorFactory f = Compressors.of(c.compression().type(), "compression.type");
            final ObjectNode comp = (ObjectNode) t.get("compression");
            comp.removeAll();
            comp.put("type", c.compression().type());
            for (String name : a.names()) {
                comp.set(name, f.parameters().get(name) == CompressorFactory.Shape.INTEGER
                        ? LongNode.valueOf(a.integer(name)) : DoubleNode.valueOf(a.number(name)));
            }
            process.apply(t, base.eta(), base.runs());
            return bind(t, where);
        }
        set(t, param, DoubleNode.valueOf(value));
        process.apply(t, param.equals("eta") ? value : base.eta(), base.runs());
        return bind(t, where);
    }

    /** The compressor parameters of a configuration's (homogeneous) compression at ω, or null when it has no ω parameterisation. */
    private static Arguments omegaArguments(ExperimentConfig c, double omega) {
        final CompressorFactory f = Compressors.of(c.compression().type(), "compression.type");
        try {
            return f.withOmega(c.compression().arguments(), omega, c.buildObjective().dim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The parameter's value in a configuration. */
    public double value(ExperimentConfig c) {
        return switch (param) {
            case "eta" -> c.eta();
            case "noise.sigma1" -> c.noise().sigma1()[0];
            case POWER -> c.normalization().power();
            default -> c.compression().build().compression(c.buildObjective().dim()).omega();
        };
    }

    /**
     * True when the parameter stabilises as it grows ({@link #POWER}, the degree of normalization):
     * the frontier is then the smallest stable value.
     */
    public boolean stableAbove() {
        return param.equals(POWER);
    }

    /**
     * The smallest degree of normalization α at which the first step's learning rate η/G^α,
     * G = max(floor, ‖∇f(x₀)‖), is at most {@code limit} (a largest stable learning rate): 0 when η
     * already is, +∞ when normalization cannot lower the step (G ≤ 1) and η is not.
     */
    private double powerFor(ExperimentConfig c, double limit) {
        if (Double.isNaN(limit)) {
            return Double.NaN;
        }
        final Objective f = c.buildObjective();
        final int d = f.dim();
        final double g = Math.max(c.normalization().floor(), Math.sqrt(f.gradient(c.initialPoint(), 0, new double[d], 0)));
        if (c.eta() <= limit) {
            return 0;
        }
        return g > 1 ? Math.log(c.eta() / limit) / Math.log(g) : Double.POSITIVE_INFINITY;
    }

    /** Which condition the ceiling of a grid point is: Eq. 1 (DSGD), Eq. 5 (DCSGD) or Eq. 3 (DCSGD, σ̄1² = 0). */
    public String theorem(int point) {
        final ExperimentConfig c = points.get(point).config();
        return switch (Optimizers.of(c).theorem()) {
            case DSGD_4 -> "Eq. 1";
            case DCSGD_5_6 -> !param.equals("noise.sigma1") && Simulation.averages(c).sigma1Sq() == 0 ? "Eq. 3" : "Eq. 5";
            case DSIGNSGD_7, ADAPTIVE, NONE -> throw new IllegalStateException("no ceiling for " + c.optimizer());
        };
    }

    /**
     * The theorem ceiling of a grid point in the units of the parameter: for η the ceiling itself
     * ({@link #etaCeiling}); for σ1 or ω the value at which the ceiling equals the config's η (0 when
     * even the value 0 gives a ceiling below η, +∞ when no value up to 10¹² brings it down to η); for
     * a compressor whose ω takes discrete values, the largest ω in force whose ceiling is at least η.
     */
    public double ceiling(int point) {
        if (param.equals("eta")) {
            return etaCeiling(points.get(point).config());
        }
        if (param.equals(POWER)) {
            final ExperimentConfig c = points.get(point).config();
            return powerFor(c, etaCeiling(c));
        }
        final double eta = points.get(point).config().eta();
        final double v = invert(v1 -> etaCeiling(config(point, v1)), eta);
        if (!param.equals("compression.omega") || !(v > 0 && Double.isFinite(v))
                || Math.abs(value(config(point, v)) - v) <= 1e-9 * v) {
            return v;
        }
        // ω in discrete steps (rand-k's k, QSGD's s): v is where the step changes; the largest ω in
        // force whose ceiling is still at least η is the one just below it
        return value(config(point, v * (1 - 1e-9)));
    }

    /**
     * Eq. 1 (DSGD) or Eq. 5 (DCSGD) at ε = {@link #EPSILON} with E‖∇f(Xₜ)‖ = ‖∇f(x₀)‖: the largest
     * η·η₀ the theorem allows at the start. NaN without a known (L0, L1) or with infinite variance.
     */
    public static double etaCeiling(ExperimentConfig c) {
        final Smoothness s = c.smoothnessPair();
        final AgentAverages a = Simulation.averages(c);
        if (s == null || !a.finiteVariance()) {
            return Double.NaN;
        }
        final Objective f = c.buildObjective();
        final int d = f.dim();
        final double g0 = Math.sqrt(f.gradient(c.initialPoint(), 0, new double[d], 0));
        return Optimizers.of(c).ceiling(a, s.l0(), s.l1(), d, EPSILON, g0); // Eq. 1 or Eq. 5
    }

    /** The theorems whose learning-rate ceiling the frontier bisects against (Eq. 1, 3, 5). */
    private static boolean ceilingTheorem(Theorem t) {
        return switch (t) {
            case DSGD_4, DCSGD_5_6 -> true;
            case DSIGNSGD_7, ADAPTIVE, NONE -> false;
        };
    }

    /**
     * The curvature-corrected model's three predictions of a grid point's frontier, in the
     * parameter's units ({@link OneStepLaw} from the grid point's x₀): noise-free overshoot,
     * mean-square growth, and a first step that overshoots away with probability above p. For σ1 or
     * ω, the value at which the predicted largest η equals the grid point's η ({@link #invert}).
     */
    public Predictions predictions(int point, double p) {
        final ExperimentConfig c = points.get(point).config();
        if (!Simulation.averages(c).finiteVariance()) {
            return new Predictions(Double.NaN, Double.NaN, Double.NaN, stableAbove()); // no step covariance to model
        }
        if (param.equals("eta")) {
            final OneStepLaw law = law(c);
            return new Predictions(law.deterministicLimit(), law.meanSquareLimit(), law.overshootLimit(p), false);
        }
        if (param.equals(POWER)) { // the first step's learning rate is η/G^α: the α that brings it to each limit
            final OneStepLaw law = law(c);
            return new Predictions(powerFor(c, law.deterministicLimit()), powerFor(c, law.meanSquareLimit()),
                    powerFor(c, law.overshootLimit(p)), true);
        }
        final double eta = c.eta();
        return new Predictions(invert(v -> law(config(point, v)).deterministicLimit(), eta),
                invert(v -> law(config(point, v)).meanSquareLimit(), eta),
                invert(v -> law(config(point, v)).overshootLimit(p), eta), false);
    }

    private static OneStepLaw law(ExperimentConfig c) {
        final AverageCovariance cov = new AverageCovariance(c.noise().agentNoise(c.agents()),
                c.compression().agentCompressors(), c.buildObjective().dim());
        return new OneStepLaw(c.buildObjective(), cov.stepVariance(c.agents()), c.initialPoint());
    }

    /**
     * The curvature model's predictions of the frontier (see {@link #predictions}) and the ceiling
     * that adds the discrete stability term to the theorem's: min(ceiling, overshoot).
     */
    public record Predictions(double deterministic, double meanSquare, double overshoot, boolean stableAbove) {
        /**
         * The theorem's ceiling with the first-step overshoot limit added: the smaller of the two
         * largest stable values, or for a degree of normalization the larger of the two smallest.
         */
        public double withStability(double ceiling) {
            return Double.isNaN(ceiling) ? overshoot : stableAbove ? Math.max(ceiling, overshoot)
                    : Math.min(ceiling, overshoot);
        }
    }

    /**
     * The v ≥ 0 with ceiling(v) = target for a non-increasing ceiling: 0 when ceiling(0) &lt; target,
     * +∞ when ceiling(10¹²) ≥ target, else bisection on a log scale over [10⁻¹², 10¹²] to a
     * relative width below 10⁻¹³.
     */
    public static double invert(DoubleUnaryOperator ceiling, double target) {
        if (!(ceiling.applyAsDouble(0) >= target)) {
            return Double.isNaN(ceiling.applyAsDouble(0)) ? Double.NaN : 0;
        }
        double lo = 1e-12, hi = 1e12;
        if (ceiling.applyAsDouble(hi) >= target) {
            return Double.POSITIVE_INFINITY;
        }
        if (ceiling.applyAsDouble(lo) < target) {
            return lo;
        }
        while (hi / lo > 1 + 1e-13) {
            final double m = Math.sqrt(lo * hi);
            if (m <= lo || m >= hi) {
                break;
            }
            if (ceiling.applyAsDouble(m) >= target) {
                lo = m;
            } else {
                hi = m;
            }
        }
        return Math.sqrt(lo * hi);
    }

    private static ExperimentConfig bind(ObjectNode t, String where) {
        try {
            return ConfigLoader.parse(t.toString(), List.of()).first();
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage() + where, e);
        }
    }

    /** Sets a dotted path in a tree, creating objects on the way. */
    static void set(ObjectNode tree, String path, JsonNode value) {
        final String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            final JsonNode child = node.get(parts[i]);
            if (child instanceof ObjectNode o) {
                node = o;
            } else if (child == null || child.isNull()) {
                node = node.putObject(parts[i]);
            } else {
                throw new ConfigException("grid " + path + ": " + parts[i] + " is not an object");
            }
        }
        node.set(parts[parts.length - 1], value);
    }
}
