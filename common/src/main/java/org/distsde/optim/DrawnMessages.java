package org.distsde.optim;

import java.util.function.Function;
import org.distsde.compress.AgentCompressors;
import org.distsde.compress.Compressor;
import org.distsde.compress.NoisyVector;
import org.distsde.compress.Workspace;
import org.distsde.noise.AgentNoise;
import org.distsde.sim.AgentKernel;

/**
 * The agents' messages made of their stochastic gradients gᵢ ({@link GradientDraws}): DSGD and the
 * adaptive optimizers send gᵢ, DCSGD C_{ξᵢ}(gᵢ) (Eq. 27; the compressor adds it,
 * {@link Compressor#addCompressed}, drawing after or before gᵢ's noise as it needs), DSignSGD
 * sign(gᵢ) (Eq. 49). Per agent and run, from the stream (seed, run, agent, round).
 *
 * <p>{@code skipLossless}: a lossless compressor (ω = 0, C(v) = v almost surely: random
 * sparsification with p = 1) is not called, so it draws nothing (the correlated kernel's rule;
 * elsewhere only the identity is skipped, a lossless sparsifier still draws its d decisions).
 * One instance per task (not thread-safe).
 */
class DrawnMessages extends DrawingKernel {
    private final boolean sign;
    private final boolean skipLossless;
    private final Workspace work;

    /**
     * @param draws        builds the agents' gradient draws on this kernel's stream and samplers
     * @param sign         send sign(gᵢ) (DSignSGD; no compression)
     * @param skipLossless see the class comment
     */
    DrawnMessages(int d, AgentNoise noises, long seed, AgentCompressors compressors,
                  Function<AgentKernel, GradientDraws> draws, boolean sign, boolean skipLossless) {
        super(d, noises, seed, compressors, draws);
        this.sign = sign;
        this.skipLossless = skipLossless;
        this.work = new Workspace(d);
    }

    @Override
    public void accumulate(int a0, int a1, long round, int runOffset, double[] grads, double[] gn2, boolean[] active,
                           double[] acc) {
        accumulate(a0, a1, round, runOffset, null, grads, gn2, active, acc);
    }

    @Override
    public void accumulate(int a0, int a1, long round, int runOffset, double[] x, double[] grads, double[] gn2,
                           boolean[] active, double[] acc) {
        final int runs = gn2.length;
        final double[] v = work.v;
        for (int i = a0; i < a1; i++) {
            final Compressor comp = compressor(i);
            final boolean plain = comp.identity() || skipLossless && comp.compression(d).lossless();
            for (int r = 0; r < runs; r++) {
                if (!active[r]) {
                    continue;
                }
                rng.at(runOffset + r, i, round);
                final int off = r * d;
                final NoisyVector g = draws.at(i, x, grads, off, gn2[r]);
                if (sign) {
                    g.all(v);
                    for (int j = 0; j < d; j++) {
                        acc[off + j] += Math.signum(v[j]); // Eq. 49: sign(∇f_γᵢ)
                    }
                } else if (plain) {
                    g.all(v);
                    for (int j = 0; j < d; j++) {
                        acc[off + j] += v[j];
                    }
                } else {
                    comp.addCompressed(g, d, rng, work, acc, off); // Eq. 27: C_ξᵢ(∇f_γᵢ)
                }
            }
        }
    }
}
