package org.distsde.optim;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.compress.NoisyVector;
import org.distsde.noise.NoiseModel;
import org.distsde.rng.CounterWindow;
import org.distsde.rng.KeyedStream;
import org.distsde.sim.AgentKernel;

/**
 * gᵢ = ∇f + Zᵢ with coordinate-wise noise (Section 3): vⱼ = ∂ⱼf + sⱼ(‖∇f‖²)Tⱼ (the uniform scale
 * computed once), T drawn when coordinates are asked for. Gaussian T come from the kernel's
 * counter-based source ({@link AgentKernel#blocks}) at key (agent, round) and counters R·d + q
 * for global run R: all d coordinates take q = j; a selection of n coordinates
 * ({@link NoisyVector#selected}, drawn after a compressor's own decisions) takes the first n
 * counters, q-th selected coordinate q — exact in distribution, since the selection does not
 * depend on T. Other laws (Student-t, α-stable) draw from the keyed stream at (run, agent, round),
 * in index order. Not thread-safe: one per kernel.
 */
final class SyntheticDraws implements GradientDraws {
    /** Gaussians computed at once for the runs ahead (a multiple of d when d is smaller). */
    static final int SPAN = 2048;

    /** Runs per chunk of {@link #SPAN} values when each run takes {@code width} of them (at least one). */
    static int runsPerChunk(int width) {
        return Math.max(1, SPAN / width);
    }

    /** Whether runs 0 … runs − 1 are all active (the kernels then take one flat, vectorisable loop over a chunk). */
    static boolean allActive(boolean[] active, int runs) {
        boolean all = true;
        for (int r = 0; r < runs; r++) {
            all &= active[r];
        }
        return all;
    }
    /** Requests of at least this many counters are computed on their own, not a window ahead. */
    static final int AHEAD = 64;
    private final AgentKernel k;
    private final int d;
    private final CounterWindow normals;
    private final Noisy noisy = new Noisy();

    SyntheticDraws(AgentKernel k) {
        this.k = k;
        this.d = k.dim();
        this.normals = window(k, d);
    }

    /** The kernel's Gaussians for runs of {@code width} values each, read a window ahead. */
    static CounterWindow window(AgentKernel k, int width) {
        return new CounterWindow(k.blocks(), CounterWindow.Kind.NORMALS, Math.max(16, SPAN / width * width));
    }

    /** True when the model's standard law is the Gaussian, drawn from the counter-based source. */
    static boolean gaussian(NoiseModel m) {
        return "gaussian".equals(m.standardLaw());
    }

    @Override
    public NoisyVector at(int agent, double[] x, double[] grads, int off, double gn2) {
        final NoiseModel m = k.noise(agent);
        return noisy.at(m, gaussian(m) ? null : k.sampler(m), agent, grads, off, gn2);
    }

    private final class Noisy implements NoisyVector {
        private NoiseModel noise;
        private ContinuousSampler z;
        private int agent;
        private double[] g;
        private int off;
        private double gn2;
        private boolean uni;
        private double s0;

        Noisy at(NoiseModel noise, ContinuousSampler z, int agent, double[] g, int off, double gn2) {
            this.noise = noise;
            this.z = z;
            this.agent = agent;
            this.g = g;
            this.off = off;
            this.gn2 = gn2;
            this.uni = noise.uniformScale();
            this.s0 = uni ? noise.scale(0, gn2) : 0;
            return this;
        }

        /**
         * The window offset of the n Gaussians of this run (counters R·d … R·d + n − 1): short
         * requests (d = 1: one counter per run) read a window computed for the runs ahead, long
         * ones (already a vectorised range) only their own counters — a selection of n &lt; d
         * leaves the rest of the run's counters unused.
         */
        private int gaussians(int n) {
            final KeyedStream s = k.stream(); // positioned by the kernel at (run, agent, round)
            return normals.at(0, agent, s.round(), s.run() * d, n, n >= AHEAD ? n : g.length - off);
        }

        @Override
        public void all(double[] out) {
            if (z == null) {
                final int o = gaussians(d);
                final double[] t = normals.buffer();
                if (uni) {
                    final double s = s0;
                    for (int j = 0; j < d; j++) {
                        out[j] = g[off + j] + s * t[o + j];
                    }
                } else {
                    for (int j = 0; j < d; j++) {
                        out[j] = g[off + j] + noise.scale(j, gn2) * t[o + j];
                    }
                }
            } else if (uni) {
                final double s = s0;
                for (int j = 0; j < d; j++) {
                    out[j] = g[off + j] + s * z.sample();
                }
            } else {
                for (int j = 0; j < d; j++) {
                    out[j] = g[off + j] + noise.scale(j, gn2) * z.sample();
                }
            }
        }

        @Override
        public void selected(int[] idx, int n, double[] out) {
            if (z == null) {
                final int o = gaussians(n);
                final double[] t = normals.buffer();
                if (uni) {
                    final double s = s0;
                    for (int q = 0; q < n; q++) {
                        out[q] = g[off + idx[q]] + s * t[o + q];
                    }
                } else {
                    for (int q = 0; q < n; q++) {
                        final int j = idx[q];
                        out[q] = g[off + j] + noise.scale(j, gn2) * t[o + q];
                    }
                }
            } else if (uni) {
                final double s = s0;
                for (int q = 0; q < n; q++) {
                    out[q] = g[off + idx[q]] + s * z.sample();
                }
            } else {
                for (int q = 0; q < n; q++) {
                    final int j = idx[q];
                    out[q] = g[off + j] + noise.scale(j, gn2) * z.sample();
                }
            }
        }
    }
}
