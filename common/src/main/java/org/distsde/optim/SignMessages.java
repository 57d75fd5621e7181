package org.distsde.optim;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.noise.AgentNoise;
import org.distsde.noise.NoiseModel;
import org.distsde.sim.AgentKernel;

/**
 * The agents' messages of DSignSGD, mᵢ = sign(∂ⱼf + sⱼTⱼ) per coordinate (Eq. 49), or with
 * {@code signSampling = cdf} +1 if u &lt; F(∂ⱼf/sⱼ) else −1, which has the same law.
 *
 * <p>Draws: the uniforms u, and Gaussian T, come from the counter-based source
 * ({@link AgentKernel#blocks}) at key (agent, round) and counter R·d + j for global run R and
 * coordinate j, one range per agent and chunk of runs; Student-t and α-stable T from the keyed
 * stream at (run, agent, round), in index order. Every run's signs are added in agent order.
 */
final class SignMessages extends AgentKernel {
    private final boolean cdfSigns;
    /** P(sign = +1) for all runs of the current round (CDF sampling, homogeneous agents). */
    private double[] pPlus;
    /** A chunk of runs' uniforms or Gaussians. */
    private double[] t = new double[0];

    /** @param cdfSigns draw each sign from a uniform and the noise CDF ({@code signSampling cdf}) */
    SignMessages(int d, AgentNoise noises, long seed, boolean cdfSigns) {
        super(d, noises, seed);
        this.cdfSigns = cdfSigns;
    }

    @Override
    public void accumulate(int a0, int a1, long round, int runOffset, double[] grads, double[] gn2, boolean[] active,
                           double[] acc) {
        if (cdfSigns && shared != null) {
            signsByCdf(a0, a1, round, runOffset, grads, gn2, active, acc);
            return;
        }
        final int runs = gn2.length;
        final int per = SyntheticDraws.runsPerChunk(d);
        for (int i = a0; i < a1; i++) {
            final NoiseModel noise = noise(i);
            if (cdfSigns || SyntheticDraws.gaussian(noise)) {
                blocks.at(0, i, round);
                for (int r0 = 0; r0 < runs; r0 += per) {
                    final int r1 = Math.min(runs, r0 + per);
                    final double[] u = chunk(runOffset, r0, r1, cdfSigns);
                    for (int r = r0; r < r1; r++) {
                        if (active[r]) {
                            signs(noise, u, (r - r0) * d, grads, r * d, gn2[r], acc);
                        }
                    }
                }
                continue;
            }
            final ContinuousSampler z = sampler(noise);
            for (int r = 0; r < runs; r++) {
                if (!active[r]) {
                    continue;
                }
                rng.at(runOffset + r, i, round);
                final int off = r * d;
                for (int j = 0; j < d; j++) {
                    acc[off + j] += Math.signum(grads[off + j] + noise.scale(j, gn2[r]) * z.sample());
                }
            }
        }
    }

    /**
     * The uniforms (or Gaussians) of runs [r0, r1) at the current key of {@link #blocks}, counters
     * R·d + j, into {@link #t}.
     */
    private double[] chunk(int runOffset, int r0, int r1, boolean uniforms) {
        final int n = (r1 - r0) * d;
        if (t.length < n) {
            t = new double[n];
        }
        final long c0 = (long) (runOffset + r0) * d;
        if (uniforms) {
            blocks.uniforms(c0, t, 0, n);
        } else {
            blocks.normals(c0, t, 0, n);
        }
        return t;
    }

    /** One agent's signs for one run from its uniforms u (CDF) or Gaussians T at {@code v[vo …]}. */
    private void signs(NoiseModel noise, double[] v, int vo, double[] g, int off, double gn2, double[] acc) {
        if (cdfSigns) {
            for (int j = 0; j < d; j++) {
                final double pPlus = noise.probPositive(g[off + j], j, gn2);
                acc[off + j] += Math.copySign(1.0, pPlus - v[vo + j]); // +1 if u < P(+), else -1
            }
        } else {
            for (int j = 0; j < d; j++) {
                acc[off + j] += Math.signum(g[off + j] + noise.scale(j, gn2) * v[vo + j]);
            }
        }
    }

    /**
     * Homogeneous agents and CDF sampling: P(sign = +1) = F(∂ⱼf/s) is the same for every agent, so
     * it is computed once per run and coordinate; each agent then adds +1 if u &lt; P(+), else −1,
     * with its own uniforms (one range per chunk of runs), agent after agent.
     */
    private void signsByCdf(int a0, int a1, long round, int runOffset, double[] g, double[] gn2, boolean[] active,
                            double[] acc) {
        if (newRound(round, g, runOffset)) { // once per round, shared by all blocks of agents
            if (pPlus == null || pPlus.length != g.length) {
                pPlus = new double[g.length];
            }
            shared.probPositive(g, gn2, active, d, pPlus); // a block: the closed forms in vectorisable loops
        }
        final double[] pp = pPlus;
        final int runs = gn2.length;
        final int per = SyntheticDraws.runsPerChunk(d);
        final boolean all = SyntheticDraws.allActive(active, runs);
        for (int i = a0; i < a1; i++) {
            blocks.at(0, i, round);
            for (int r0 = 0; r0 < runs; r0 += per) {
                final int r1 = Math.min(runs, r0 + per);
                final double[] u = chunk(runOffset, r0, r1, true);
                final int q0 = r0 * d, q1 = r1 * d;
                if (all) { // one flat loop over the chunk's runs and coordinates (vectorised)
                    for (int q = q0; q < q1; q++) {
                        // +1 if u < P(+), else -1, without a data-dependent branch (u == P has probability 2^-52)
                        acc[q] += Math.copySign(1.0, pp[q] - u[q - q0]);
                    }
                    continue;
                }
                for (int r = r0; r < r1; r++) {
                    if (active[r]) {
                        for (int q = r * d; q < (r + 1) * d; q++) {
                            acc[q] += Math.copySign(1.0, pp[q] - u[q - q0]);
                        }
                    }
                }
            }
        }
    }
}
