package org.distsde.config;

import java.io.Serializable;
import org.distsde.noise.AgentNoise;
import org.distsde.noise.CorrelatedGaussianNoise;
import org.distsde.noise.Correlation;
import org.distsde.noise.GaussianNoise;
import org.distsde.noise.NoiseModel;
import org.distsde.noise.StableNoise;
import org.distsde.noise.StudentTNoise;

/**
 * {@code noise}: {@code type} gaussian ((σ0², σ1²)-variance, Definition 2: {@code sigma0},
 * {@code sigma1}), student-t ({@code nu}, {@code sigma}) or stable (symmetric α-stable,
 * {@code alpha} ∈ (0, 2], {@code sigma}: Zⱼ = σⱼT, E[e^{itT}] = exp(−|t|^α)). Scales are a number
 * or a per-coordinate array. Agents are heterogeneous through {@code agentFactors} (one
 * multiplier per agent) or {@code agentSpread} [from, to] (agent i gets from + (to − from)·i/(N − 1));
 * agent i's scales are the base scales times its factor. Tail indices may differ between agents
 * too: {@code agentNus} (N values, instead of {@code nu}) or {@code agentAlphas} (N values, instead
 * of {@code alpha}).
 *
 * <p>Full-covariance Gaussian noise (type gaussian only): {@code correlation}, a symmetric positive
 * definite d×d matrix C, or {@code lowRank} ({@link LowRankSpec}: C = diag(D) + UUᵀ). Agent i's
 * noise is then Zᵢ = sᵢ·F·T with FFᵀ = C and sᵢ² = σ0ᵢ² + σ1ᵢ²‖∇f‖² (σ0, σ1 one value each, times
 * the agent's factor): Σᵢ(x) = sᵢ(x)²C ({@link CorrelatedGaussianNoise}, {@link Correlation}).
 */
public record NoiseSpec(String type, double[] sigma0, double[] sigma1, Double nu, double[] sigma,
                        double[] agentFactors, double[] agentSpread, Double alpha, double[] agentNus,
                        double[] agentAlphas, double[][] correlation, LowRankSpec lowRank) implements Serializable {
    public NoiseSpec {
        Check.required("noise.type", type);
        switch (NoiseType.parse(type)) {
            case GAUSSIAN -> {
                sigma0 = sigma0 == null ? new double[] {0} : Check.nonNegativeArray("noise.sigma0", sigma0);
                sigma1 = sigma1 == null ? new double[] {0} : Check.nonNegativeArray("noise.sigma1", sigma1);
                if (nu != null || sigma != null) {
                    throw new ConfigException("noise.nu and noise.sigma belong to type student-t, not gaussian");
                }
                absent("noise.agentNus", agentNus, "student-t", type);
                absent("noise.alpha", alpha, "stable", type);
                absent("noise.agentAlphas", agentAlphas, "stable", type);
                if (correlation != null || lowRank != null) {
                    exclusive("noise.correlation", correlation, "noise.lowRank", lowRank);
                    final String field = correlation != null ? "noise.correlation" : "noise.lowRank";
                    for (String f : new String[] {"sigma0", "sigma1"}) {
                        final double[] v = f.equals("sigma0") ? sigma0 : sigma1;
                        if (v.length != 1) {
                            throw new ConfigException("noise." + f + " must be one value with " + field + " (got "
                                    + v.length + "; per-coordinate variances go on the diagonal of C)");
                        }
                    }
                    if (correlation != null) {
                        correlationModel(correlation, null); // square, finite, symmetric, positive definite
                    }
                }
            }
            case STUDENT_T -> {
                if (agentNus == null) {
                    if (!(Check.required("noise.nu", nu) > 0)) {
                        throw new ConfigException("noise.nu must be > 0 (got " + nu + ")");
                    }
                } else {
                    exclusive("noise.nu", nu, "noise.agentNus");
                    for (int i = 0; i < agentNus.length; i++) {
                        if (!(agentNus[i] > 0)) {
                            throw new ConfigException("noise.agentNus[" + i + "] must be > 0 (got " + agentNus[i] + ")");
                        }
                    }
                }
                Check.nonNegativeArray("noise.sigma", Check.required("noise.sigma", sigma));
                if (sigma0 != null || sigma1 != null) {
                    throw new ConfigException("noise.sigma0 and noise.sigma1 belong to type gaussian, not student-t");
                }
                absent("noise.alpha", alpha, "stable", type);
                absent("noise.agentAlphas", agentAlphas, "stable", type);
                absent("noise.correlation", correlation, "gaussian", type);
                absent("noise.lowRank", lowRank, "gaussian", type);
            }
            case STABLE -> {
                if (agentAlphas == null) {
                    stableIndex("noise.alpha", Check.required("noise.alpha", alpha));
                } else {
                    exclusive("noise.alpha", alpha, "noise.agentAlphas");
                    for (int i = 0; i < agentAlphas.length; i++) {
                        stableIndex("noise.agentAlphas[" + i + "]", agentAlphas[i]);
                    }
                }
                Check.nonNegativeArray("noise.sigma", Check.required("noise.sigma", sigma));
                if (sigma0 != null || sigma1 != null) {
                    throw new ConfigException("noise.sigma0 and noise.sigma1 belong to type gaussian, not stable");
                }
                absent("noise.nu", nu, "student-t", type);
                absent("noise.agentNus", agentNus, "student-t", type);
                absent("noise.correlation", correlation, "gaussian", type);
                absent("noise.lowRank", lowRank, "gaussian", type);
            }
        }
        if (agentFactors != null) {
            Check.nonNegativeArray("noise.agentFactors", agentFactors);
        }
        if (agentSpread != null) {
            Check.nonNegativeArray("noise.agentSpread", agentSpread);
            if (agentSpread.length != 2) {
                throw new ConfigException("noise.agentSpread must be [from, to] (got " + agentSpread.length + " values)");
            }
            if (agentFactors != null) {
                throw new ConfigException("noise.agentFactors and noise.agentSpread are mutually exclusive");
            }
        }
    }

    /** The fields of the 2025 configs (no stable noise, no per-agent tail indices). */
    public NoiseSpec(String type, double[] sigma0, double[] sigma1, Double nu, double[] sigma, double[] agentFactors,
                     double[] agentSpread) {
        this(type, sigma0, sigma1, nu, sigma, agentFactors, agentSpread, null, null, null);
    }

    /** Coordinate-wise independent noise (no {@code correlation}, no {@code lowRank}). */
    public NoiseSpec(String type, double[] sigma0, double[] sigma1, Double nu, double[] sigma, double[] agentFactors,
                     double[] agentSpread, Double alpha, double[] agentNus, double[] agentAlphas) {
        this(type, sigma0, sigma1, nu, sigma, agentFactors, agentSpread, alpha, agentNus, agentAlphas, null, null);
    }

    private static void absent(String field, Object v, String belongs, String type) {
        if (v != null) {
            throw new ConfigException(field + " belongs to type " + belongs + ", not " + type);
        }
    }

    private static void exclusive(String field, Object v, String other) {
        if (v != null) {
            throw new ConfigException(field + " and " + other + " are mutually exclusive");
        }
    }

    private static void exclusive(String field, Object v, String other, Object w) {
        if (v != null && w != null) {
            throw new ConfigException(field + " and " + other + " are mutually exclusive");
        }
    }

    /** The validated structure of {@code correlation} or {@code lowRank}; ConfigException naming the field. */
    private static Correlation correlationModel(double[][] correlation, LowRankSpec lowRank) {
        try {
            return correlation != null ? Correlation.full("noise.correlation", correlation)
                    : Correlation.lowRank("noise.lowRank", lowRank.diag(), lowRank.u());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** True when the noise has a correlation structure ({@code correlation} or {@code lowRank}). */
    public boolean correlated() {
        return correlation != null || lowRank != null;
    }

    /** The config field that sets the correlation structure, null when there is none. */
    public String correlationField() {
        return correlation != null ? "noise.correlation" : lowRank != null ? "noise.lowRank" : null;
    }

    /**
     * The correlation structure C with its factor (a Cholesky factorisation for {@code correlation},
     * O(d³)): build it once per task or SDE, not per agent. Null when the noise is independent.
     */
    public Correlation correlationModel() {
        return correlated() ? correlationModel(correlation, lowRank) : null;
    }

    /** α ∈ (0, 2] (NaN-safe). */
    private static void stableIndex(String field, double a) {
        if (!(a > 0 && a <= 2)) {
            throw new ConfigException(field + " must be in (0, 2] (got " + a + ")");
        }
    }

    /** Checks lengths against N and d. */
    void validate(int agents, int d) {
        for (String f : new String[] {"sigma0", "sigma1", "sigma"}) {
            final double[] v = f.equals("sigma0") ? sigma0 : f.equals("sigma1") ? sigma1 : sigma;
            if (v != null && v.length != 1 && v.length != d) {
                throw new ConfigException("noise." + f + " must have 1 or d = " + d + " values (got " + v.length + ")");
            }
        }
        if (agentFactors != null && agentFactors.length != agents) {
            throw new ConfigException("noise.agentFactors must have N = " + agents + " values (got " + agentFactors.length + ")");
        }
        if (agentNus != null && agentNus.length != agents) {
            throw new ConfigException("noise.agentNus must have N = " + agents + " values (got " + agentNus.length + ")");
        }
        if (agentAlphas != null && agentAlphas.length != agents) {
            throw new ConfigException("noise.agentAlphas must have N = " + agents + " values (got " + agentAlphas.length + ")");
        }
        if (correlation != null && correlation.length != d) {
            throw new ConfigException("noise.correlation must be d x d = " + d + " x " + d + " (got " + correlation.length
                    + " x " + correlation.length + ")");
        }
        if (lowRank != null && lowRank.diag().length != d) {
            throw new ConfigException("noise.lowRank.diag must have d = " + d + " values (got " + lowRank.diag().length
                    + "; noise.lowRank.u has as many rows)");
        }
    }

    /** The multiplier of agent i. */
    public double factor(int i, int agents) {
        if (agentFactors != null) {
            return agentFactors[i];
        }
        if (agentSpread != null) {
            return agents == 1 ? agentSpread[0] : agentSpread[0] + (agentSpread[1] - agentSpread[0]) * i / (agents - 1.0);
        }
        return 1;
    }

    /** True when every agent has the same noise model. */
    public boolean homogeneous() {
        return agentFactors == null && (agentSpread == null || agentSpread[0] == agentSpread[1])
                && allEqual(agentNus) && allEqual(agentAlphas);
    }

    /** Agent i's tail index: ν (student-t), α (stable); NaN for gaussian noise. */
    public double tailIndex(int i) {
        return switch (kind()) {
            case STUDENT_T -> agentNus != null ? agentNus[i] : nu;
            case STABLE -> agentAlphas != null ? agentAlphas[i] : alpha;
            case GAUSSIAN -> Double.NaN;
        };
    }

    /**
     * True when every agent's noise has a finite covariance: always for gaussian, ν &gt; 2 for
     * student-t, α = 2 for stable.
     */
    public boolean finiteVariance() {
        final NoiseType k = kind();
        if (k == NoiseType.GAUSSIAN) {
            return true;
        }
        final double[] list = k == NoiseType.STUDENT_T ? agentNus : agentAlphas;
        for (int i = 0; i < (list == null ? 1 : list.length); i++) {
            final double t = tailIndex(i);
            if (k == NoiseType.STUDENT_T ? !(t > 2) : t != 2) {
                return false;
            }
        }
        return true;
    }

    /** The parsed {@link #type}. */
    public NoiseType kind() {
        return NoiseType.parse(type);
    }

    /** The agents' noise models for N = {@code agents}. */
    public AgentNoise agentNoise(int agents) {
        return new Agents(this, agents);
    }

    /** {@link #build} for N agents as an {@link AgentNoise}. */
    private record Agents(NoiseSpec spec, int agents) implements AgentNoise {
        @Override public boolean homogeneous() { return spec.homogeneous(); }
        @Override public NoiseModel of(int agent) { return spec.build(agent, agents); }
    }

    /** The noise model of agent i. */
    public NoiseModel build(int i, int agents) {
        final double f = factor(i, agents);
        if (correlated()) { // the marginals only: O(d), no factorisation (see correlationModel)
            return new CorrelatedGaussianNoise(sigma0[0] * f, sigma1[0] * f, correlation != null
                    ? Correlation.diagonalOf(correlation) : Correlation.diagonalOf(lowRank.diag(), lowRank.u()));
        }
        return switch (kind()) {
            case GAUSSIAN -> new GaussianNoise(times(sigma0, f), times(sigma1, f));
            case STABLE -> new StableNoise(tailIndex(i), times(sigma, f));
            case STUDENT_T -> new StudentTNoise(tailIndex(i), times(sigma, f));
        };
    }

    private static boolean allEqual(double[] v) {
        if (v == null) {
            return true;
        }
        for (double x : v) {
            if (Double.compare(x, v[0]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static double[] times(double[] v, double f) {
        final double[] r = v.clone();
        for (int j = 0; j < r.length; j++) {
            r[j] *= f;
        }
        return r;
    }
}
