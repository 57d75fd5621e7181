package org.distsde.sde;

import org.distsde.data.ShardMean;
import org.distsde.noise.AgentNoise;
import org.distsde.noise.NoiseModel;

/**
 * The DSignSGD SDE (Eq. 49–50) for agents that send the signs of their own shards' full gradients
 * plus independent injected noise ({@code objective.data.gradient local}): agent i's mean sign
 * for coordinate j is eᵢⱼ = E[sign(∂ⱼfᵢ + Zᵢⱼ)] = 2F(∂ⱼfᵢ/sᵢⱼ) − 1 at its own gradient ∇fᵢ, so the
 * drift is −(1/N)Σᵢ eᵢ and the diffusion √(η/N)·√(1 − (1/N)Σᵢ eᵢ²) (the covariance of the mean of
 * N independent sign vectors, diagonal because the noise coordinates are independent). Each step
 * computes the N shard gradients (together one pass over the rows). The returned ‖∇f‖² is that of
 * the agents' average gradient (1/N)Σᵢ∇fᵢ. Allocates in {@link #drift} and {@link #diffusion}
 * (not used by the integrator, which calls {@link #coefficients}).
 */
public final class ShardSignSde implements Sde {
    private static final long serialVersionUID = 1L;
    private final ShardMean shards;
    private final NoiseModel[] noise; // one entry when homogeneous
    private final int d;
    private final int n;
    private final double scale;
    private transient ThreadLocal<double[][]> scratch;

    /**
     * @param shards the agents' shards and their mean F̄ (N = {@code noises.agents()} shards)
     * @param eta    η
     * @param noises the agents' injected noise models
     */
    public ShardSignSde(ShardMean shards, double eta, AgentNoise noises) {
        this.shards = shards;
        this.n = noises.agents();
        this.d = shards.dim();
        this.scale = Math.sqrt(eta / n);
        this.noise = new NoiseModel[noises.homogeneous() ? 1 : n];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = noises.of(i);
        }
    }

    @Override public int dim() { return d; }

    @Override
    public double coefficients(double[] x, int off, double[] drift, double[] diff, int ooff) {
        final double[][] sc = scratch();
        final double[] g = sc[0], s = sc[1], s2 = sc[2], mean = sc[3];
        java.util.Arrays.fill(s, 0);
        java.util.Arrays.fill(s2, 0);
        java.util.Arrays.fill(mean, 0);
        for (int i = 0; i < n; i++) {
            final double gi2 = shards.agentGradient(i, x, off, g, 0);
            final NoiseModel m = noise[noise.length == 1 ? 0 : i];
            for (int j = 0; j < d; j++) {
                final double e = m.expectedSign(g[j], j, gi2); // σ1 = 0 here (checked by the config)
                s[j] += e;
                s2[j] += e * e;
                mean[j] += g[j];
            }
        }
        double gn2 = 0;
        for (int j = 0; j < d; j++) {
            drift[ooff + j] = -s[j] / n;                                               // Eq. 49
            diff[ooff + j] = scale * Math.sqrt(Math.max(0, 1 - s2[j] / n));           // Eq. 50
            final double m = mean[j] / n;
            gn2 += m * m;
        }
        return gn2;
    }

    @Override
    public void drift(double[] x, int off, double[] out, int ooff) {
        coefficients(x, off, out, new double[ooff + d], ooff);
    }

    @Override
    public void diffusion(double[] x, int off, double[] out, int ooff) {
        coefficients(x, off, new double[ooff + d], out, ooff);
    }

    private double[][] scratch() {
        if (scratch == null) {
            scratch = ThreadLocal.withInitial(() -> new double[4][d]);
        }
        return scratch.get();
    }

    @Override
    public String describe() {
        return "DSignSGD SDE (Eq. 49-50) with each agent's own shard gradient";
    }
}
