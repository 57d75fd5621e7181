package org.distsde.optim;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.noise.AgentNoise;
import org.distsde.noise.NoiseModel;
import org.distsde.sim.AgentKernel;

/**
 * The agents' messages of DSignSGD, mᵢ = sign(∂ⱼf + sⱼTⱼ) per coordinate, or with
 * {@code signSampling = cdf} +1 if u &lt; F(∂ⱼf/sⱼ) else −1, which has the same law.
 */
final class SignMessages extends AgentKernel {
    private final boolean cdfSigns;
    /** P(sign = +1) for all runs of the current round (CDF sampling, homogeneous agents). */
    private double[] pPlus;

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
        for (int i = a0; i < a1; i++) {
            final NoiseModel noise = noise(i);
            final ContinuousSampler z = sampler(noise);
            for (int r = 0; r < runs; r++) {
                if (!active[r]) {
                    continue;
                }
                rng.at(runOffset + r, i, round);
                signs(noise, z, grads, r * d, gn2[r], acc);
            }
        }
    }

    private void signs(NoiseModel noise, ContinuousSampler z, double[] g, int off, double gn2, double[] acc) {
        if (cdfSigns) {
            for (int j = 0; j < d; j++) {
                final double pPlus = noise.probPositive(g[off + j], j, gn2);
                acc[off + j] += rng.nextDouble() < pPlus ? 1 : -1;
            }
        } else {
            for (int j = 0; j < d; j++) {
                acc[off + j] += Math.signum(g[off + j] + noise.scale(j, gn2) * z.sample());
            }
        }
    }

    /**
     * Homogeneous agents and CDF sampling: P(sign = +1) = F(∂ⱼf/s) is the same for every agent, so
     * it is computed once per run and coordinate; each agent then draws one uniform per coordinate
     * from its own stream, in agent order.
     */
    private void signsByCdf(int a0, int a1, long round, int runOffset, double[] g, double[] gn2, boolean[] active,
                            double[] acc) {
        if (newRound(round, g, runOffset)) { // once per round, shared by all blocks of agents
            if (pPlus == null || pPlus.length != g.length) {
                pPlus = new double[g.length];
            }
            for (int r = 0; r < gn2.length; r++) {
                if (active[r]) {
                    for (int j = 0; j < d; j++) {
                        pPlus[r * d + j] = shared.probPositive(g[r * d + j], j, gn2[r]);
                    }
                }
            }
        }
        final double[] pp = pPlus;
        if (d == 1) {
            // a run's ±1 added in a register, in agent order
            for (int r = 0; r < gn2.length; r++) {
                if (active[r]) {
                    final double p = pp[r];
                    double s = acc[r];
                    for (int i = a0; i < a1; i++) {
                        s += Math.copySign(1.0, p - rng.at(runOffset + r, i, round).nextDouble());
                    }
                    acc[r] = s;
                }
            }
            return;
        }
        for (int r = 0; r < gn2.length; r++) {
            if (!active[r]) {
                continue;
            }
            final int off = r * d;
            for (int i = a0; i < a1; i++) {
                rng.at(runOffset + r, i, round);
                for (int j = 0; j < d; j++) {
                    // +1 if u < P(+), else -1, without a data-dependent branch (u == P has probability 2^-53)
                    acc[off + j] += Math.copySign(1.0, pp[off + j] - rng.nextDouble());
                }
            }
        }
    }
}
