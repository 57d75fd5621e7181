package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.distsde.compress.AgentCompressors;
import org.distsde.compress.Compression;
import org.distsde.compress.Compressor;
import org.distsde.compress.RandomSparsification;
import org.distsde.compress.ScaledSign;
import org.distsde.compress.SecondMoment;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.noise.AgentNoise;
import org.distsde.noise.GaussianNoise;
import org.distsde.noise.NoiseModel;
import org.distsde.objective.DiagonalQuadratic;
import org.junit.jupiter.api.Test;

/**
 * The SDEs are built from their equation's parameters alone (objective, η, N, the agents' noise
 * and compressors), not from a configuration: the DCSGD SDE's diffusion against Eq. 28 written out
 * here, the same SDE built from a configuration gives the same coefficients, and a compressor
 * without a Gaussian model is refused with one line.
 */
class SdeFromParametersTest {
    static final double[] H = {1.0, 3.0};
    static final double ETA = 0.05;

    /** Two agents: σ0 = (0.2, 0.4), σ1 = 0.3 and σ0 = (0.6, 0.1), σ1 = 0.5 (Definition 2). */
    static AgentNoise noises() {
        final NoiseModel[] m = {new GaussianNoise(new double[] {0.2, 0.4}, new double[] {0.3}),
            new GaussianNoise(new double[] {0.6, 0.1}, new double[] {0.5})};
        return new AgentNoise() {
            @Override public int agents() { return 2; }
            @Override public boolean homogeneous() { return false; }
            @Override public NoiseModel of(int agent) { return m[agent]; }
        };
    }

    /**
     * Eq. 27–28 with agents' rates ω₀ = 1 (p = 1/2) and ω₁ = 3 (p = 1/4): the diffusion's j-th
     * entry is √(η/N)·√((1/N)Σᵢ[ωᵢ((∂ⱼf)² + Σᵢ,ⱼⱼ) + Σᵢ,ⱼⱼ]) with Σᵢ,ⱼⱼ = σ0ᵢⱼ² + σ1ᵢ²‖∇f‖². Catches a
     * missing 1/N in the average, ω applied to Σ only or to (∂f)² only, or η/N replaced by η.
     */
    @Test
    void dcsgdDiffusionIsEq28FromItsParameters() {
        final Compressor[] c = {new RandomSparsification(0.5), new RandomSparsification(0.25)};
        final AgentCompressors comps = new AgentCompressors() {
            @Override public boolean homogeneous() { return false; }
            @Override public Compressor of(int agent) { return c[agent]; }
        };
        final Sde sde = new DcsgdSde(new DiagonalQuadratic(H), ETA, 2, new AverageCovariance(noises(), comps, 2));
        final double[] x = {0.7, -0.4}, drift = new double[2], diff = new double[2];
        sde.coefficients(x, 0, drift, diff, 0);
        final double[] g = {H[0] * x[0], H[1] * x[1]};
        final double gn2 = g[0] * g[0] + g[1] * g[1];
        final double[][] s0 = {{0.2, 0.4}, {0.6, 0.1}};
        final double[] s1 = {0.3, 0.5}, omega = {1, 3};
        for (int j = 0; j < 2; j++) {
            double v = 0;
            for (int i = 0; i < 2; i++) {
                final double sigma = s0[i][j] * s0[i][j] + s1[i] * s1[i] * gn2;
                v += (omega[i] * (g[j] * g[j] + sigma) + sigma) / 2;
            }
            assertEquals(Math.sqrt(ETA / 2) * Math.sqrt(v), diff[j], 1e-14, "diffusion " + j);
            assertEquals(-g[j], drift[j], 1e-15, "drift " + j);
        }
    }

    /** The factory (the optimizer reading a configuration) builds the same SDE as the parameters do. */
    @Test
    void theConfigurationsSdeIsTheParametersSde() {
        final ExperimentConfig cfg = ConfigLoader.parse("""
                {"name": "p", "runs": 2, "rounds": 2, "optimizer": "dcsgd", "agents": 2, "eta": 0.05,
                 "objective": {"type": "quadratic", "h": [1.0, 3.0]}, "x0": [1.0],
                 "noise": {"type": "gaussian", "sigma0": [0.2, 0.4], "sigma1": 0.3, "agentFactors": [1, 2]},
                 "compression": {"type": "random-sparsification", "agentOmegas": [1, 3]}}""", List.of()).first();
        final Sde fromConfig = Sdes.of(cfg);
        final Sde fromParameters = new DcsgdSde(new DiagonalQuadratic(H), ETA, 2, new AverageCovariance(
                cfg.noise().agentNoise(2), cfg.compression().agentCompressors(), 2));
        final double[] x = {0.3, 1.1, -0.5, 0.2};
        final double[] d1 = new double[4], s1 = new double[4], n1 = new double[2];
        final double[] d2 = new double[4], s2 = new double[4], n2 = new double[2];
        fromConfig.coefficients(x, 2, d1, s1, n1);
        fromParameters.coefficients(x, 2, d2, s2, n2);
        assertArrayEquals(d1, d2, 0.0);
        assertArrayEquals(s1, s2, 0.0);
    }

    /** An unbiased compressor whose second moment is not linear in vvᵀ (as QSGD's is not). */
    static final class NoModel implements Compressor {
        @Override
        public void compress(double[] v, int off, int d, UniformRandomProvider rng, double[] out, int outOff) {
            System.arraycopy(v, off, out, outOff, d);
        }

        @Override public Compression compression(int d) { return new Compression.Unbiased(0.5); }
        @Override public SecondMoment secondMoment(int d) { return new SecondMoment.None("depends on |v| |v_j|"); }
        @Override public double expectedBits(int d) { return 64.0 * d; }
        @Override public String describe() { return "no-model"; }
    }

    /**
     * The SDE of compressed messages needs the compressor's second moment: one without a Gaussian
     * model, or a biased one, is refused with one line saying which and why (not integrated with a
     * made-up covariance).
     */
    @Test
    void aCompressorWithoutAGaussianModelIsRefusedInOneLine() {
        for (Compressor c : new Compressor[] {new NoModel(), ScaledSign.INSTANCE}) {
            final ConfigException e = assertThrows(ConfigException.class, () -> new AverageCovariance(noises(),
                    AgentCompressors.all(c), 2));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains(c.describe()) && e.getMessage().contains("sde.enabled false"),
                    e.getMessage());
        }
    }
}
