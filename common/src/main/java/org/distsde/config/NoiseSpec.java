package org.distsde.config;

import java.io.Serializable;
import org.distsde.noise.GaussianNoise;
import org.distsde.noise.NoiseModel;
import org.distsde.noise.StudentTNoise;

/**
 * {@code noise}: {@code type} gaussian ((σ0², σ1²)-variance, Definition 2: {@code sigma0},
 * {@code sigma1}) or student-t ({@code nu}, {@code sigma}). Scales are a number or a per-coordinate
 * array. Agents are heterogeneous through {@code agentFactors} (one multiplier per agent) or
 * {@code agentSpread} [from, to] (agent i gets from + (to − from)·i/(N − 1)); agent i's scales are
 * the base scales times its factor.
 */
public record NoiseSpec(String type, double[] sigma0, double[] sigma1, Double nu, double[] sigma,
                        double[] agentFactors, double[] agentSpread) implements Serializable {
    public NoiseSpec {
        Check.required("noise.type", type);
        switch (type) {
            case "gaussian" -> {
                sigma0 = sigma0 == null ? new double[] {0} : Check.nonNegativeArray("noise.sigma0", sigma0);
                sigma1 = sigma1 == null ? new double[] {0} : Check.nonNegativeArray("noise.sigma1", sigma1);
                if (nu != null || sigma != null) {
                    throw new ConfigException("noise.nu and noise.sigma belong to type student-t, not gaussian");
                }
            }
            case "student-t" -> {
                if (!(Check.required("noise.nu", nu) > 0)) {
                    throw new ConfigException("noise.nu must be > 0 (got " + nu + ")");
                }
                Check.nonNegativeArray("noise.sigma", Check.required("noise.sigma", sigma));
                if (sigma0 != null || sigma1 != null) {
                    throw new ConfigException("noise.sigma0 and noise.sigma1 belong to type gaussian, not student-t");
                }
            }
            default -> throw new ConfigException("noise.type must be gaussian or student-t (got '" + type + "')");
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
        return agentFactors == null && (agentSpread == null || agentSpread[0] == agentSpread[1]);
    }

    /** The noise model of agent i. */
    public NoiseModel build(int i, int agents) {
        final double f = factor(i, agents);
        if (type.equals("gaussian")) {
            return new GaussianNoise(times(sigma0, f), times(sigma1, f));
        }
        return new StudentTNoise(nu, times(sigma, f));
    }

    private static double[] times(double[] v, double f) {
        final double[] r = v.clone();
        for (int j = 0; j < r.length; j++) {
            r[j] *= f;
        }
        return r;
    }
}
