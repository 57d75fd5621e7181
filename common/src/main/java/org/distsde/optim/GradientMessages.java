package org.distsde.optim;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.compress.AgentCompressors;
import org.distsde.noise.AgentNoise;

/**
 * The agents' messages of DSGD, DCSGD and the adaptive optimizers with coordinate-wise noise: the
 * stochastic gradient mᵢ = ∇f(x) + Zᵢ(x), optionally compressed, mᵢ = C_{ξᵢ}(∇f(x) + Zᵢ(x))
 * ({@link DrawnMessages} with {@link SyntheticDraws}).
 *
 * <p>Tⱼ is drawn when the compressor asks for coordinate j: without
 * compression all d of them, ∂ⱼf + sⱼTⱼ; random sparsification first draws its d keep/drop
 * decisions and then asks for the kept coordinates only (exact in distribution); Gaussian T come
 * from the counter-based source ({@link SyntheticDraws}). Homogeneous agents with a uniform scale
 * and no compression take a shortcut with the same draws and sums.
 */
final class GradientMessages extends DrawnMessages {
    /** Per-run noise scale of the shared model, once per round (it depends on the run only through ‖∇f‖²). */
    private double[] runScales = new double[0];
    /** A chunk of runs' Gaussians. */
    private double[] t = new double[0];

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
     * scale s(‖∇f‖²) of each run is computed once, not once per agent. Agent by agent, its Gaussians
     * for a chunk of runs are one range of counters (R·d + j, see {@link SyntheticDraws}), added as
     * acc += ∂f + s·T run by run; every run's messages are added in agent order, as one agent at
     * a time would. Other laws draw from the keyed stream at (run, agent, round), in index order.
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
        if (SyntheticDraws.gaussian(shared)) {
            gaussian(a0, a1, round, runOffset, g, active, acc);
            return;
        }
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

    /** The Gaussian case of {@link #shared}: per agent, chunks of runs whose Gaussians are one range. */
    private void gaussian(int a0, int a1, long round, int runOffset, double[] g, boolean[] active, double[] acc) {
        final int runs = active.length;
        final int per = SyntheticDraws.runsPerChunk(d);
        final int len = per * d;
        if (t.length < len) {
            t = new double[len];
        }
        final double[] z = t, sc = runScales;
        final boolean all = SyntheticDraws.allActive(active, runs);
        for (int i = a0; i < a1; i++) {
            blocks.at(0, i, round);
            for (int r0 = 0; r0 < runs; r0 += per) {
                final int r1 = Math.min(runs, r0 + per);
                blocks.normals((long) (runOffset + r0) * d, z, 0, (r1 - r0) * d);
                if (d == 1) {
                    if (all) { // one flat loop (vectorised)
                        for (int r = r0; r < r1; r++) {
                            acc[r] += g[r] + sc[r] * z[r - r0];
                        }
                    } else {
                        for (int r = r0; r < r1; r++) {
                            if (active[r]) {
                                acc[r] += g[r] + sc[r] * z[r - r0];
                            }
                        }
                    }
                    continue;
                }
                for (int r = r0; r < r1; r++) {
                    if (active[r]) {
                        final int off = r * d, zo = (r - r0) * d;
                        final double s = sc[r];
                        for (int j = 0; j < d; j++) {
                            acc[off + j] += g[off + j] + s * z[zo + j];
                        }
                    }
                }
            }
        }
    }
}
