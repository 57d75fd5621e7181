package org.distsde.optim;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.compress.Compressor;
import org.distsde.compress.Identity;
import org.distsde.compress.RandomSparsification;
import org.distsde.config.CompressionSpec;
import org.distsde.config.ExperimentConfig;
import org.distsde.noise.NoiseModel;
import org.distsde.sim.AgentKernel;

/**
 * The agents' messages of DSGD, DCSGD and the adaptive optimizers: the stochastic gradient
 * mᵢ = ∇f(x) + Zᵢ(x), optionally compressed, mᵢ = C_{ξᵢ}(∇f(x) + Zᵢ(x)).
 *
 * <p>Per coordinate j, in this order: without compression the agent draws Tⱼ and sends
 * ∂ⱼf + sⱼTⱼ; with random sparsification it draws d uniforms uⱼ (coordinate j is kept if
 * uⱼ &lt; p), then Tⱼ for the kept coordinates only, in index order, sending (∂ⱼf + sⱼTⱼ)/p —
 * dropping a coordinate before drawing its noise is exact in distribution.
 */
final class GradientMessages extends AgentKernel {
    private final CompressionSpec compressionSpec;
    private final Compressor compressor; // null when compression is per agent
    /** Per-run noise scale of the shared model, once per round (it depends on the run only through ‖∇f‖²). */
    private double[] runScales = new double[0];
    /** Kept coordinate indices of one agent's sparsification, reused. */
    private final int[] kept;

    GradientMessages(ExperimentConfig cfg) {
        super(cfg);
        this.compressionSpec = cfg.compression();
        this.compressor = compressionSpec.homogeneous() ? compressionSpec.build() : null;
        this.kept = new int[d];
    }

    @Override
    public void accumulate(int a0, int a1, long round, int runOffset, double[] grads, double[] gn2, boolean[] active,
                           double[] acc) {
        if (compressor == Identity.INSTANCE && shared != null && shared.uniformScale()) {
            shared(a0, a1, round, runOffset, grads, gn2, active, acc);
            return;
        }
        final int runs = gn2.length;
        for (int i = a0; i < a1; i++) {
            final NoiseModel noise = noise(i);
            final ContinuousSampler z = sampler(noise);
            final Compressor comp = compressor != null ? compressor : compressionSpec.build(i);
            for (int r = 0; r < runs; r++) {
                if (!active[r]) {
                    continue;
                }
                rng.at(runOffset + r, i, round);
                if (comp instanceof RandomSparsification sp) {
                    sparsified(noise, sp.p(), z, grads, r * d, gn2[r], acc);
                } else {
                    plain(noise, z, grads, r * d, gn2[r], acc);
                }
            }
        }
    }

    /**
     * Homogeneous agents whose scale is the same for every coordinate, without compression: the
     * scale s(‖∇f‖²) of each run is computed once, not once per agent (same draws, same order, same sums).
     */
    private void shared(int a0, int a1, long round, int runOffset, double[] g, double[] gn2, boolean[] active,
                        double[] acc) {
        final int runs = gn2.length;
        if (newRound(round, gn2, runOffset)) { // once per round, shared by all blocks of agents
            if (runScales.length < runs) {
                runScales = new double[runs];
            }
            for (int r = 0; r < runs; r++) {
                runScales[r] = active[r] ? shared.scale(0, gn2[r]) : 0;
            }
        }
        final double[] sc = runScales;
        final ContinuousSampler z = sampler(shared);
        if (d == 1) {
            // a run's messages added in a register, in agent order: the same operations as adding
            // them to acc[r] one by one, without a store and reload between agents
            for (int r = 0; r < runs; r++) {
                if (active[r]) {
                    final double gr = g[r], s = sc[r];
                    double a = acc[r];
                    for (int i = a0; i < a1; i++) {
                        rng.at(runOffset + r, i, round);
                        a += gr + s * z.sample();
                    }
                    acc[r] = a;
                }
            }
            return;
        }
        for (int i = a0; i < a1; i++) {
            for (int r = 0; r < runs; r++) {
                if (!active[r]) {
                    continue;
                }
                rng.at(runOffset + r, i, round);
                final int off = r * d;
                final double s = sc[r];
                for (int j = 0; j < d; j++) {
                    acc[off + j] += g[off + j] + s * z.sample();
                }
            }
        }
    }

    private void plain(NoiseModel noise, ContinuousSampler z, double[] g, int off, double gn2, double[] acc) {
        if (noise.uniformScale()) {
            final double s = noise.scale(0, gn2);
            for (int j = 0; j < d; j++) {
                acc[off + j] += g[off + j] + s * z.sample();
            }
        } else {
            for (int j = 0; j < d; j++) {
                acc[off + j] += g[off + j] + noise.scale(j, gn2) * z.sample();
            }
        }
    }

    private void sparsified(NoiseModel noise, double p, ContinuousSampler z, double[] g, int off, double gn2,
                            double[] acc) {
        final double inv = 1 / p;
        final boolean uni = noise.uniformScale();
        final double s0 = uni ? noise.scale(0, gn2) : 0;
        // first the d keep/drop decisions (KeyedStream.keep compacts the kept indices without a
        // data-dependent branch), then the noise of the kept coordinates only, in index order.
        // u < p with u = m·2⁻⁵³ the uniform of nextDouble (m = the top 53 bits of a draw) is
        // m < p·2⁵³, i.e. m < ⌈p·2⁵³⌉ for an integer m: the same test without the conversion
        final int[] idx = kept;
        final int n = rng.keep(d, (long) Math.ceil(p * 0x1.0p53), idx);
        if (uni) {
            for (int q = 0; q < n; q++) {
                final int j = idx[q];
                acc[off + j] += (g[off + j] + s0 * z.sample()) * inv;
            }
        } else {
            for (int q = 0; q < n; q++) {
                final int j = idx[q];
                acc[off + j] += (g[off + j] + noise.scale(j, gn2) * z.sample()) * inv;
            }
        }
    }
}
