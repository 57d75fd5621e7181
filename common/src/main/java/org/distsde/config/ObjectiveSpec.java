package org.distsde.config;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.distsde.data.LeastSquares;
import org.distsde.data.LogisticRegression;
import org.distsde.data.Mlp;
import org.distsde.data.Model;
import org.distsde.objective.CoshSum;
import org.distsde.objective.DataObjective;
import org.distsde.objective.DiagonalQuadratic;
import org.distsde.objective.EmbeddedSaddle;
import org.distsde.objective.Objective;
import org.distsde.objective.Quartic;

/**
 * {@code objective}: {@code type} quartic (Σxⱼ⁴/4, needs {@code dim}), quadratic (½xᵀdiag(h)x,
 * needs {@code h}), cosh (Σcosh xⱼ, needs {@code dim}) or embedded-saddle (seed 000 App. F;
 * {@code h}, {@code lambda}, {@code xi} default to (−1, 2), 1, 0.1); or a model on a dataset,
 * f(w) = the mean loss over the rows of {@code data} ({@link DataSpec}): logistic (binary
 * cross-entropy, labels 0/1), least-squares, mlp (ReLU layers of the widths {@code hidden},
 * default seed 000's ten layers of 20 units, a linear output and binary cross-entropy).
 */
public record ObjectiveSpec(String type, Integer dim, double[] h, Double lambda, Double xi, int[] hidden,
                            DataSpec data) implements Serializable {
    /** Data-defined objectives built in this JVM, by data and model: f* (Newton's method) is computed once. */
    private static final Map<String, Objective> BUILT = new ConcurrentHashMap<>();

    /** A closed-form objective. */
    public ObjectiveSpec(String type, Integer dim, double[] h, Double lambda, Double xi) {
        this(type, dim, h, lambda, xi, null, null);
    }

    public ObjectiveSpec {
        Check.required("objective.type", type);
        switch (type) {
            case "quartic", "cosh" -> Check.atLeast("objective.dim", Check.required("objective.dim", dim), 1);
            case "quadratic" -> {
                Check.required("objective.h", h);
                for (int j = 0; j < h.length; j++) {
                    Check.positive("objective.h[" + j + "]", h[j]);
                }
                if (h.length == 0) {
                    throw new ConfigException("objective.h must not be empty");
                }
            }
            case "embedded-saddle" -> {
                if (h != null) {
                    Check.finiteArray("objective.h", h);
                }
                if (lambda != null) {
                    Check.positive("objective.lambda", lambda);
                }
                if (xi != null) {
                    Check.finite("objective.xi", xi);
                }
            }
            case "logistic", "least-squares", "mlp" -> {
                Check.required("objective.data", data);
                if (dim != null || h != null || lambda != null || xi != null) {
                    throw new ConfigException("objective." + (dim != null ? "dim" : h != null ? "h" : lambda != null
                            ? "lambda" : "xi") + " does not apply to objective.type " + type
                            + " (its dimension is the model's number of parameters)");
                }
                if (hidden != null) {
                    if (!type.equals("mlp")) {
                        throw new ConfigException("objective.hidden belongs to objective.type mlp");
                    }
                    if (hidden.length == 0) {
                        throw new ConfigException("objective.hidden must not be empty");
                    }
                    for (int l = 0; l < hidden.length; l++) {
                        Check.atLeast("objective.hidden[" + l + "]", hidden[l], 1);
                    }
                }
            }
            default -> throw new ConfigException("objective.type must be one of quartic, quadratic, cosh, "
                    + "embedded-saddle, logistic, least-squares, mlp (got '" + type + "')");
        }
        if (data != null && !isData(type)) {
            throw new ConfigException("objective.data belongs to the data-defined objectives (logistic, least-squares, "
                    + "mlp; objective.type is " + type + ")");
        }
    }

    private static boolean isData(String type) {
        return type.equals("logistic") || type.equals("least-squares") || type.equals("mlp");
    }

    /** True for a model on a dataset. */
    public boolean dataDefined() {
        return isData(type);
    }

    /**
     * False for a data-defined objective whose rows are not loaded yet (the configuration as read
     * from JSON; the jobs attach the rows): its dimension is not known, and {@link #build} fails.
     */
    public boolean resolved() {
        return !dataDefined() || data.resolved();
    }

    /** The same spec with the loaded rows attached. */
    public ObjectiveSpec withData(DataHandle handle) {
        return new ObjectiveSpec(type, dim, h, lambda, xi, hidden, data.withHandle(handle));
    }

    /** The model of a data-defined objective. */
    public Model model() {
        return switch (type) {
            case "logistic" -> new LogisticRegression();
            case "least-squares" -> new LeastSquares();
            case "mlp" -> hidden == null ? new Mlp() : new Mlp(hidden);
            default -> throw new IllegalStateException(type + " is not data-defined");
        };
    }

    public Objective build() {
        return switch (type) {
            case "quartic" -> new Quartic(dim);
            case "cosh" -> new CoshSum(dim);
            case "quadratic" -> new DiagonalQuadratic(h);
            case "embedded-saddle" -> new EmbeddedSaddle(h == null ? new double[] {-1, 2} : h,
                    lambda == null ? 1 : lambda, xi == null ? 0.1 : xi);
            default -> {
                if (!data.resolved()) {
                    throw new IllegalStateException("the rows of " + data.path() + " are not loaded (objective."
                            + "type " + type + " is built by the jobs, which read the data)");
                }
                final String key = type + "|" + java.util.Arrays.toString(hidden) + "|" + data.handle().key();
                yield BUILT.computeIfAbsent(key, k -> {
                    final Model m = model();
                    m.check(data.handle().dataset());
                    final DataObjective f = new DataObjective(data.handle().dataset(), m);
                    f.minValue(); // f* once per JVM (Newton's method for logistic regression)
                    return f;
                });
            }
        };
    }
}
