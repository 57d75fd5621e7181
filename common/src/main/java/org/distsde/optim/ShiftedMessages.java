package org.distsde.optim;

import java.util.function.Function;
import org.distsde.compress.AgentCompressors;
import org.distsde.compress.Compressor;
import org.distsde.compress.NoisyVector;
import org.distsde.compress.Workspace;
import org.distsde.noise.AgentNoise;
import org.distsde.sim.AgentKernel;

/**
 * Compressed differences to a shift that each agent keeps: agent i holds hᵢ (h⁰ = 0) and at every
 * round, with gᵢ its stochastic gradient ({@link GradientDraws}) and C its compressor,
 * <pre>
 *   cᵢ = C(gᵢ − hᵢ),   mᵢ = hᵢ + cᵢ,   hᵢ ← hᵢ + α·cᵢ,
 * </pre>
 * and the server steps x ← x − (ηηₜ/N)Σᵢ mᵢ.
 * <ul>
 * <li>α = 1 is EF21 (Richtárik et al. 2021, Algorithm 1, with stochastic gradients as in
 *     Fatkhullin et al. 2021's EF21-SGD): hᵢ is their gᵢ, mᵢ the new gᵢ; the agent sends only cᵢ
 *     and the server keeps the mean of the gᵢ by adding the mean cᵢ (the sum of the mᵢ computed here
 *     is that mean times N, up to rounding). Their g⁰ᵢ = C(∇fᵢ(x⁰)) is our first round (h⁰ = 0).</li>
 * <li>α ∈ (0, 1] is DIANA (Mishchenko et al. 2019, Algorithm 1 without momentum and prox:
 *     Δ̂ᵢ = Q(gᵢ − hᵢ), ĝᵢ = hᵢ + Δ̂ᵢ, hᵢ ← hᵢ + αΔ̂ᵢ; the server keeps h = mean hᵢ the same way).</li>
 * </ul>
 * The difference gᵢ − hᵢ is compressed by the compressor's fused entry ({@link Compressor#addCompressed}
 * on the shifted vector, so rand-k draws the noise of its kept coordinates only). The shifts are the
 * kernel's memory (one vector of d per agent and run, {@link AgentKernel}). One instance per task
 * (not thread-safe).
 */
final class ShiftedMessages extends MemoryKernel {
    private final double alpha;
    private final Workspace work;
    private final double[] cm;
    private final Shifted shifted = new Shifted();

    /**
     * @param alpha the shifts' rate α: 1 for EF21, DIANA's in (0, 1]
     */
    ShiftedMessages(int d, AgentNoise noises, long seed, AgentCompressors compressors,
                    Function<AgentKernel, GradientDraws> draws, double alpha) {
        super(d, noises, seed, compressors, draws, "shifts");
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("the shift rate alpha must be in (0, 1] (got " + alpha + ")");
        }
        this.alpha = alpha;
        this.work = new Workspace(d);
        this.cm = new double[d];
    }

    @Override
    void message(Compressor comp, int i, double[] x, double[] grads, int off, double gn2, double[] acc,
                 double[] memory, int e) {
        comp.addCompressed(shifted.at(draws.at(i, x, grads, off, gn2), memory, e), d, rng, work, cm, 0);
        final double a = alpha;
        for (int j = 0; j < d; j++) {
            final double h = memory[e + j], c = cm[j];
            cm[j] = 0;                     // zero again for the next agent (the entry adds into it)
            acc[off + j] += h + c;         // mᵢ = hᵢ + C(gᵢ − hᵢ)
            memory[e + j] = h + a * c;     // hᵢ ← hᵢ + α·C(gᵢ − hᵢ)
        }
    }

    /** gᵢ − hᵢ: the agent's draws minus its shift, coordinate by coordinate as the compressor asks. */
    private final class Shifted implements NoisyVector {
        private NoisyVector g;
        private double[] h;
        private int e;

        Shifted at(NoisyVector g, double[] h, int e) {
            this.g = g;
            this.h = h;
            this.e = e;
            return this;
        }

        @Override
        public void all(double[] out) {
            g.all(out);
            for (int j = 0; j < d; j++) {
                out[j] -= h[e + j];
            }
        }

        @Override
        public void selected(int[] idx, int n, double[] out) {
            g.selected(idx, n, out);
            for (int q = 0; q < n; q++) {
                out[q] -= h[e + idx[q]];
            }
        }
    }
}
