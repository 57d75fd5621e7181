package org.distsde.sim;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.distsde.compress.Compressor;
import org.distsde.compress.RandomSparsification;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseSpec;
import org.distsde.noise.NoiseModel;
import org.distsde.optim.Method;
import org.distsde.rng.KeyedStream;

/**
 * Computes the agents' messages mᵢ (Section 3) for every run and adds them up.
 *
 * <p>Agent i's draws for run r at round k all come from the stream at (seed, r, i, k). Per
 * coordinate j, in this order: DSGD draws Tⱼ and sends ∂ⱼf + sⱼTⱼ; DCSGD draws d uniforms uⱼ
 * (coordinate j is kept if uⱼ &lt; p), then Tⱼ for the kept coordinates only, in index order,
 * sending (∂ⱼf + sⱼTⱼ)/p — dropping a coordinate before drawing its noise is exact in
 * distribution; DSignSGD sends sign(∂ⱼf + sⱼTⱼ), or with {@code signSampling = cdf} +1 if
 * u &lt; F(∂ⱼf/sⱼ) else −1, which has the same law.
 *
 * <p>One instance per task (not thread-safe); it holds only O(d) scratch besides the agents'
 * models, which are rebuilt from the configuration rather than shipped.
 */
public final class AgentWorker {
    private final Method method;
    private final int d;
    private final int agents;
    private final NoiseSpec noiseSpec;
    private final NoiseModel shared;
    private final Compressor compressor; // null when compression is per agent
    private final org.distsde.config.CompressionSpec compressionSpec;
    private final boolean cdfSigns;
    private final KeyedStream rng;
    private final Map<String, ContinuousSampler> samplers = new HashMap<>();
    /** P(sign = +1) for all runs of the current round (CDF sampling, homogeneous agents). */
    private double[] pPlus;
    /** The round the per-round caches (pPlus, runScales) hold: its index, input array and run offset. */
    private long cRound = -1;
    private Object cInput;
    private int cOffset;

    public AgentWorker(ExperimentConfig cfg) {
        this.method = cfg.method();
        this.d = cfg.buildObjective().dim();
        this.agents = cfg.agents();
        this.noiseSpec = cfg.noise();
        this.shared = noiseSpec.homogeneous() ? noiseSpec.build(0, agents) : null;
        this.compressionSpec = cfg.compression();
        this.compressor = compressionSpec.homogeneous() ? compressionSpec.build() : null;
        this.cdfSigns = cfg.signSampling().equals("cdf");
        this.rng = new KeyedStream(cfg.seed(), KeyedStream.Purpose.OPTIMIZER);
        this.kept = new int[d];
    }

    /** The noise model of agent i. */
    public NoiseModel noise(int i) {
        return shared != null ? shared : noiseSpec.build(i, agents);
    }

    private ContinuousSampler sampler(NoiseModel m) {
        return samplers.computeIfAbsent(m.standardLaw(), k -> m.standardSampler(rng));
    }

    /**
     * Adds Σ_{i ∈ [a0, a1)} mᵢ(r) into {@code acc[r·d .. r·d+d)} for every active run r, summing
     * agents in increasing order.
     *
     * @param round  the iteration k
     * @param grads  ∇f(x_r) for all runs, flat [R·d]
     * @param gn2    ‖∇f(x_r)‖² for all runs
     * @param active runs still being simulated (diverged runs are skipped)
     * @param acc    accumulator [R·d]
     */
    public void accumulate(int a0, int a1, long round, double[] grads, double[] gn2, boolean[] active, double[] acc) {
        accumulate(a0, a1, round, 0, grads, gn2, active, acc);
    }

    /**
     * As {@link #accumulate(int, int, long, double[], double[], boolean[], double[])} for a block
     * of runs whose first run is {@code runOffset}: local run r is global run runOffset + r, which
     * keys its streams.
     */
    public void accumulate(int a0, int a1, long round, int runOffset, double[] grads, double[] gn2, boolean[] active,
                           double[] acc) {
        final int runs = gn2.length;
        if (method == Method.DSIGNSGD && cdfSigns && shared != null) {
            signsByCdf(a0, a1, round, runOffset, grads, gn2, active, acc);
            return;
        }
        if (method == Method.DSGD && shared != null && shared.uniformScale()) {
            dsgdShared(a0, a1, round, runOffset, grads, gn2, active, acc);
            return;
        }
        for (int i = a0; i < a1; i++) {
            final NoiseModel noise = noise(i);
            final ContinuousSampler z = sampler(noise);
            for (int r = 0; r < runs; r++) {
                if (!active[r]) {
                    continue;
                }
                rng.at(runOffset + r, i, round);
                final int off = r * d;
                switch (method) {
                    case DSGD -> dsgd(noise, z, grads, off, gn2[r], acc);
                    case DCSGD -> dcsgd(noise, compressor != null ? compressor : compressionSpec.build(i), z, grads,
                            off, gn2[r], acc);
                    default -> dsign(noise, z, grads, off, gn2[r], acc);
                }
            }
        }
    }

    /** Per-run noise scale of the shared model, once per round (it depends on the run only through ‖∇f‖²). */
    private double[] runScales = new double[0];
    /** Kept coordinate indices of one agent's sparsification (DCSGD), reused. */
    private final int[] kept;

    /**
     * DSGD with homogeneous agents whose scale is the same for every coordinate: the scale s(‖∇f‖²)
     * of each run is computed once, not once per agent (same draws, same order, same sums).
     */
    private void dsgdShared(int a0, int a1, long round, int runOffset, double[] g, double[] gn2, boolean[] active,
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

    private void dsgd(NoiseModel noise, ContinuousSampler z, double[] g, int off, double gn2, double[] acc) {
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

    private void dcsgd(NoiseModel noise, Compressor comp, ContinuousSampler z, double[] g, int off, double gn2,
                       double[] acc) {
        if (!(comp instanceof RandomSparsification sp)) {
            dsgd(noise, z, g, off, gn2, acc); // identity compressor: DCSGD is DSGD
            return;
        }
        final double p = sp.p();
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

    private void dsign(NoiseModel noise, ContinuousSampler z, double[] g, int off, double gn2, double[] acc) {
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
     * DSignSGD with homogeneous agents and CDF sampling: P(sign = +1) = F(∂ⱼf/s) is the same for
     * every agent, so it is computed once per run and coordinate; each agent then draws one
     * uniform per coordinate from its own stream, in agent order.
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
            // a run's ±1 added in a register, in agent order, as dsgdShared does
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

    /**
     * True, and remembered, when (round, input array, run offset) differs from the last call: the
     * blocks of agents of one round share the round's arrays (not copies), so per-round values
     * are computed once for all of them.
     */
    private boolean newRound(long round, Object input, int runOffset) {
        if (round == cRound && input == cInput && runOffset == cOffset) {
            return false;
        }
        cRound = round;
        cInput = input;
        cOffset = runOffset;
        return true;
    }

    /** The dimension d. */
    public int dim() {
        return d;
    }
}
