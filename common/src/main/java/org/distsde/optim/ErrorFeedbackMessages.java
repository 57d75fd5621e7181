package org.distsde.optim;

import java.util.function.Function;
import org.distsde.compress.AgentCompressors;
import org.distsde.compress.Compressor;
import org.distsde.compress.Workspace;
import org.distsde.noise.AgentNoise;
import org.distsde.sim.AgentKernel;

/**
 * Error feedback (EF-SGD; Seide et al. 2014, Karimireddy et al. 2019, Algorithm 2): agent i keeps
 * the residual eᵢ (e⁰ = 0) and at every round sends
 * <pre>
 *   vᵢ = eᵢ + gᵢ,   mᵢ = C(vᵢ),   eᵢ ← vᵢ − mᵢ,
 * </pre>
 * gᵢ its stochastic gradient ({@link GradientDraws}: drawn whole, in index order, the draws of
 * DSGD's kernel), C its compressor (drawing after gᵢ). With the identity eᵢ stays 0 and the
 * messages are DSGD's bit for bit; with a biased compressor (scaled sign: EF-SignSGD) the residual
 * carries what the compressor dropped into the next round. The server steps
 * x ← x − (ηηₜ/N)Σᵢ mᵢ. The residuals are the kernel's memory (one vector of d per agent and run,
 * {@link AgentKernel}). One instance per task (not thread-safe).
 */
final class ErrorFeedbackMessages extends DrawingKernel {
    private final double[] v;
    private final double[] c;
    private final Workspace work;

    ErrorFeedbackMessages(int d, AgentNoise noises, long seed, AgentCompressors compressors,
                          Function<AgentKernel, GradientDraws> draws) {
        super(d, noises, seed, compressors, draws);
        this.v = new double[d];
        this.c = new double[d];
        this.work = new Workspace(d);
    }

    @Override
    public int memoryVectors() {
        return 1;
    }

    @Override
    public void accumulate(int a0, int a1, long round, int runOffset, double[] grads, double[] gn2, boolean[] active,
                           double[] acc) {
        throw new IllegalStateException("error feedback needs its agents' residuals (the memory argument)");
    }

    @Override
    public void accumulate(int a0, int a1, long round, int runOffset, double[] x, double[] grads, double[] gn2,
                           boolean[] active, double[] acc, double[] memory, int memOff) {
        if (memory == null) {
            throw new IllegalStateException("error feedback needs its agents' residuals (the memory argument)");
        }
        final int runs = gn2.length;
        for (int i = a0; i < a1; i++) {
            final Compressor comp = compressor(i);
            for (int r = 0; r < runs; r++) {
                if (!active[r]) {
                    continue;
                }
                rng.at(runOffset + r, i, round);
                final int off = r * d;
                final int e = memOff + ((i - a0) * runs + r) * d;
                draws.at(i, x, grads, off, gn2[r]).all(v); // gᵢ
                for (int j = 0; j < d; j++) {
                    v[j] += memory[e + j];                  // vᵢ = gᵢ + eᵢ (exactly gᵢ while eᵢ = 0)
                }
                comp.compress(v, 0, d, rng, c, 0, work);    // mᵢ = C(vᵢ)
                for (int j = 0; j < d; j++) {
                    memory[e + j] = v[j] - c[j];            // eᵢ ← vᵢ − mᵢ
                    acc[off + j] += c[j];
                }
            }
        }
    }
}
