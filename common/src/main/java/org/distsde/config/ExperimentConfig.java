package org.distsde.config;

import java.io.Serializable;
import org.distsde.objective.Objective;
import org.distsde.objective.Smoothness;

/**
 * One fully resolved series of an experiment (after {@code --set} overrides and sweep expansion).
 * The constructor validates every field and names the field in its error.
 *
 * @param name                experiment name
 * @param description         free text (what the config reproduces, choices not in the paper)
 * @param seed                root of every random stream
 * @param runs                Monte Carlo runs R
 * @param rounds              iterations K
 * @param recordEvery         record statistics every k rounds (round 0 and K always)
 * @param optimizer           the optimizer ({@link OptimizerKind}: dsgd, dcsgd, dsignsgd, rmsprop,
 *                            rmspropw, adam, adamw, ef-sgd, ef21, diana)
 * @param agents              number of agents N
 * @param eta                 base learning rate η
 * @param objective           the objective f
 * @param x0                  initial point (1 value broadcast, or d values)
 * @param noise               the agents' noise
 * @param compression         the agents' compressor (dcsgd, ef-sgd, ef21, diana, the adaptive optimizers)
 * @param schedule            the scheduler ηₜ
 * @param normalization       how the step is normalized
 * @param smoothness          (L0, L1) override
 * @param divergenceThreshold a run whose f(x) − f* exceeds this (or is not finite) has diverged
 * @param signSampling        dsignsgd: "noise" draws each agent's noise; "cdf" draws the sign from
 *                            a uniform and the noise CDF (exact in distribution, faster)
 * @param layout              agent blocks and Spark partitions
 * @param sde                 SDE integration settings
 * @param recordCoordinates   record the mean and variance over runs of the first k coordinates
 *                            of the iterate (0 to min(d, 16); default 0)
 * @param adaptive            β₁, β₂, ε, θ of the adaptive optimizers (seed 000, Eq. 11)
 */
public record ExperimentConfig(String name, String description, Long seed, Integer runs, Integer rounds,
                               Integer recordEvery, OptimizerKind optimizer, Integer agents, Double eta,
                               ObjectiveSpec objective, double[] x0, NoiseSpec noise,
                               CompressionSpec compression, ScheduleSpec schedule,
                               NormalizationSpec normalization, SmoothnessSpec smoothness,
                               Double divergenceThreshold, SignSampling signSampling, LayoutSpec layout,
                               SdeSpec sde, Integer recordCoordinates, AdaptiveSpec adaptive)
        implements Serializable {
    /** Most coordinates whose moments can be recorded. */
    public static final int MAX_RECORDED_COORDINATES = 16;

    public ExperimentConfig {
        Check.required("name", name);
        if (name.isBlank()) {
            throw new ConfigException("name must not be blank");
        }
        description = description == null ? "" : description;
        seed = seed == null ? 12345L : seed;
        Check.atLeast("runs", Check.required("runs", runs), 1);
        Check.atLeast("rounds", Check.required("rounds", rounds), 1);
        recordEvery = recordEvery == null ? Math.max(1, rounds / 200) : Check.atLeast("recordEvery", recordEvery, 1);
        Check.required("optimizer", optimizer);
        Check.atLeast("agents", Check.required("agents", agents), 1);
        Check.positive("eta", Check.required("eta", eta));
        Check.required("objective", objective);
        if (x0 != null || !objective.dataDefined()) { // a model on data may start from its own initialisation
            Check.finiteArray("x0", x0);
        }
        Check.required("noise", noise);
        compression = compression == null ? CompressionSpec.none() : compression;
        schedule = schedule == null ? ScheduleSpec.constant() : schedule;
        normalization = normalization == null ? NormalizationSpec.none() : normalization;
        divergenceThreshold = divergenceThreshold == null ? 1e12 : Check.positive("divergenceThreshold", divergenceThreshold);
        signSampling = signSampling == null ? SignSampling.NOISE : signSampling;
        layout = layout == null ? LayoutSpec.defaults() : layout;
        layout.byRuns(normalization); // validates mode against normalization
        sde = sde == null ? SdeSpec.disabled() : sde;

        if (objective.dataDefined()) {
            validateData(objective.data(), sde, signSampling, optimizer, noise, agents);
        }
        compression.validate(agents);
        if (adaptive != null && !optimizer.adaptive()) {
            throw new ConfigException("adaptive belongs to the adaptive optimizers (optimizer is " + optimizer + ")");
        }
        if (adaptive == null && optimizer.adaptive()) { // stays null otherwise: the record is re-validated on deserialization
            adaptive = AdaptiveSpec.defaults();
        }
        OptimizerRules.settings(optimizer, compression, normalization, sde, signSampling);
        if (noise.correlated()) {
            final String field = noise.correlationField();
            if (sde.enabled() && optimizer.shiftedSde()) {
                throw new ConfigException(field + " (full-covariance noise) with sde.enabled is not implemented for "
                        + optimizer + " (its SDE needs coordinate-wise noise; set sde.enabled false)");
            }
            if (!optimizer.correlatedNoise()) {
                throw new ConfigException(field + " (full-covariance noise) is implemented for dsgd, dcsgd and dsignsgd "
                        + "(optimizer is " + optimizer + ")");
            }
            if (signSampling == SignSampling.CDF) {
                throw new ConfigException("signSampling cdf draws each coordinate's sign on its own and cannot sample "
                        + "correlated signs: use signSampling noise with " + field);
            }
            if (sde.modelKind() == SdeModel.PHASE3 || sde.modelKind() == SdeModel.MODIFIED
                    || sde.modelKind() == SdeModel.CURVATURE) {
                throw new ConfigException("sde.model " + sde.model() + " has no form for correlated noise (" + field
                        + "): use " + (optimizer == OptimizerKind.DSIGNSGD ? "full or phase1" : "full"));
            }
            if (objective.dataDefined() && objective.data().gradientKind() != GradientSource.FULL) {
                throw new ConfigException(field + " (full-covariance noise) with objective.data.gradient "
                        + objective.data().gradient() + " is not implemented (use gradient full)");
            }
        }
        if (normalization.kind() == NormalizationKind.THEOREM && !noise.finiteVariance()) {
            throw new ConfigException("normalization.type theorem needs finite noise variance (noise.nu > 2, noise.alpha = 2)");
        }
        recordCoordinates = recordCoordinates == null ? 0 : Check.atLeast("recordCoordinates", recordCoordinates, 0);
        if (objective.resolved()) { // else the rows are not loaded yet: the rest needs d, checked once they are
            validateDimensions(objective, x0, recordCoordinates, agents, noise, compression, adaptive, smoothness,
                    normalization);
            OptimizerRules.compressors(optimizer, compression, sde, noise.correlated(), agents,
                    objective.build().dim());
        }
    }

    /** The rules that need the dimension d (for a data-defined objective: once its rows are loaded). */
    private static void validateDimensions(ObjectiveSpec objective, double[] x0, int recordCoordinates, int agents,
                                           NoiseSpec noise, CompressionSpec compression, AdaptiveSpec adaptive,
                                           SmoothnessSpec smoothness, NormalizationSpec normalization) {
        final Objective f = objective.build();
        final int d = f.dim();
        if (x0 != null && x0.length != 1 && x0.length != d) {
            throw new ConfigException("x0 must have 1 or d = " + d + " values (got " + x0.length + ")");
        }
        if (recordCoordinates > Math.min(d, MAX_RECORDED_COORDINATES)) {
            throw new ConfigException("recordCoordinates must be at most min(d, " + MAX_RECORDED_COORDINATES + ") = "
                    + Math.min(d, MAX_RECORDED_COORDINATES) + " (got " + recordCoordinates + ")");
        }
        if (objective.dataDefined() && agents > objective.data().handle().dataset().rows()) {
            throw new ConfigException("agents (" + agents + ") must not exceed the rows of objective.data ("
                    + objective.data().handle().dataset().rows() + "): every agent holds at least one row");
        }
        noise.validate(agents, d);
        compression.validateDimension(d);
        if (adaptive != null) {
            adaptive.v0(d);
        }
        if (f.smoothness() == null && smoothness == null && normalization.kind() == NormalizationKind.THEOREM) {
            throw new ConfigException("smoothness (l0, l1) is required for objective " + objective.type());
        }
    }

    /** The rules of a data-defined objective that do not need the rows. */
    private static void validateData(DataSpec data, SdeSpec sde, SignSampling signSampling, OptimizerKind optimizer,
                                     NoiseSpec noise, int agents) {
        if (data.gradientKind() == GradientSource.LOCAL) {
            if (sde.enabled() && optimizer.signs() && sde.modelKind() != SdeModel.FULL) {
                throw new ConfigException("sde.model " + sde.model() + " with objective.data.gradient local is not "
                        + "available (the agents' own gradients enter the full model, Eq. 49-50)");
            }
            if (sde.enabled() && (optimizer == OptimizerKind.DCSGD || optimizer.shiftedSde())) {
                throw new ConfigException("sde.enabled with objective.data.gradient local is not available for "
                        + optimizer + " (its compression covariance needs every agent's gradient; use gradient full)");
            }
            for (int i = 0; i < (noise.homogeneous() ? 1 : agents); i++) {
                final var m = noise.build(i, agents);
                if (m.scale(0, 0) != m.scale(0, 1)) {
                    throw new ConfigException("noise.sigma1 must be 0 with objective.data.gradient local (the noise "
                            + "would scale with the norm of which gradient: the agent's or the whole data's?)");
                }
            }
        }
        if (data.gradientKind() == GradientSource.MINIBATCH && sde.enabled()) {
            throw new ConfigException("sde.enabled needs objective.data.gradient full: the SDEs model the injected "
                    + "noise of noise, not the covariance of minibatch gradients");
        }
        if (data.gradientKind() != GradientSource.FULL && signSampling == SignSampling.CDF) {
            throw new ConfigException("signSampling cdf draws signs from the noise's CDF at the full gradient; with "
                    + "objective.data.gradient " + data.gradient() + " the agents send the signs of their own gradients "
                    + "(use signSampling noise)");
        }
    }

    /** The same series with the objective replaced (re-validated: e.g. once a dataset's rows are attached). */
    public ExperimentConfig withObjective(ObjectiveSpec o) {
        return new ExperimentConfig(name, description, seed, runs, rounds, recordEvery, optimizer, agents, eta, o, x0,
                noise, compression, schedule, normalization, smoothness, divergenceThreshold, signSampling, layout, sde,
                recordCoordinates, adaptive);
    }

    public Objective buildObjective() { return objective.build(); }

    /** The (L0, L1) pair in force: the config's override, else the objective's closed form (may be null). */
    public Smoothness smoothnessPair() {
        if (smoothness != null) {
            return new Smoothness(smoothness.l0(), smoothness.l1());
        }
        return objective.build().smoothness();
    }

    /** x0 expanded to d values; a model on data without x0 starts from its initialisation (keyed by the seed). */
    public double[] initialPoint() {
        final Objective f = objective.build();
        if (x0 == null) {
            return ((org.distsde.objective.DataObjective) f).initialPoint(seed, 0);
        }
        final int d = f.dim();
        if (x0.length == d) {
            return x0.clone();
        }
        final double[] r = new double[d];
        java.util.Arrays.fill(r, x0[0]);
        return r;
    }
}
