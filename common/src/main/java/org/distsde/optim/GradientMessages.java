package org.distsde.optim;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.compress.AgentCompressors;
import org.distsde.noise.AgentNoise;

/**
 * The agents' messages of DSGD, DCSGD and the adaptive optimizers with coordinate-wise noise: the
 * stochastic gradient mᵢ = ∇f(x) + Zᵢ(x), optionally compressed, mᵢ = C_{ξᵢ}(∇f(x) + Zᵢ(x))
 * ({@link DrawnMessages} with {@link SyntheticDraws}).
 *
 * <p>Tⱼ is drawn per coordinate in index order when the compressor asks for coordinate j: without
 * compression all d of them, ∂ⱼf + sⱼTⱼ; random sparsification first draws its d keep/drop
 * decisions and then asks for the kept coordinates only (exact in distribution). Homogeneous
 * agents with a uniform scale and no compression take a shortcut with the same draws and sums.
 */
final class GradientMessages extends DrawnMessages {
    /** Per-run noise scale of the shared model, once per round (it depends on the run only through ‖∇f‖²). */
    private double[] runScales = new double[0];

    GradientMessages(int d, AgentNoise noises, long seed, AgentCompressors compressors) {
        super(d, noises, seed, compressors, SyntheticDraws::new, false, false);
    }

    @Override
    public void accumulate(int a0, int a1, long round, int runOffset, double[] x, double[] grads, double[] gn2,
                           boolean[] active, double[] acc) {
        if (compressor != null && compressor.identity() && shared != null && shared.uniformScale()) {
            shared(a0, a1, round, runOffset, grads, gn2, active, acc);
            return;
        }
        super.accumulate(a0, a1, round, runOffset, x, grads, gn2, active, acc);
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
}
