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
final class ErrorFeedbackMessages extends MemoryKernel {
    private final double[] v;
    private final double[] c;
    private final Workspace work;

    ErrorFeedbackMessages(int d, AgentNoise noises, long seed, AgentCompressors compressors,
                          Function<AgentKernel, GradientDraws> draws) {
        super(d, noises, seed, compressors, draws, "residuals");
        this.v = new double[d];
        this.c = new double[d];
        this.work = new Workspace(d);
    }

    @Override
    void message(Compressor comp, int i, double[] x, double[] grads, int off, double gn2, double[] acc,
                 double[] memory, int e) {
        draws.at(i, x, grads, off, gn2).all(v); // gᵢ
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
