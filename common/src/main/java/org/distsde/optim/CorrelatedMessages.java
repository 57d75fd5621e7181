package org.distsde.optim;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.distsde.compress.Compressor;
import org.distsde.compress.NoisyVector;
import org.distsde.compress.Workspace;
import org.distsde.config.CompressionSpec;
import org.distsde.config.ExperimentConfig;
import org.distsde.noise.Correlation;
import org.distsde.sim.AgentKernel;

/**
 * The agents' messages with full-covariance Gaussian noise Zᵢ = sᵢ·F·T, FFᵀ = C
 * ({@code noise.correlation} / {@code noise.lowRank}), sᵢ = fᵢ·√(σ0² + σ1²‖∇f‖²) with fᵢ the
 * agent's factor: DSGD and DCSGD mᵢ = C_{ξᵢ}(∇f + Zᵢ) (C_ξ the identity for DSGD), DSignSGD
 * mᵢ = sign(∇f + Zᵢ). A kernel of its own, so the coordinate-wise kernels
 * ({@link GradientMessages}, {@link SignMessages}) are untouched.
 *
 * <p>Draw order from the stream at (seed, run, agent, round): the compressor's own draws and the
 * {@link Correlation#draws()} standard normals T (index order), in the order the compressor asks
 * ({@link Compressor#addCompressed}): random sparsification first draws its d keep/drop decisions,
 * then T, and sends (∂ⱼf + sᵢ(FT)ⱼ)/p for the kept coordinates — sparsification acts after the
 * correlated noise is added, and a dropped coordinate's row of F is not evaluated. A lossless
 * compressor (ω = 0: C(v) = v almost surely, e.g. random sparsification with p = 1) is skipped: T
 * only. One instance per task (not thread-safe); the factor F is computed once per instance.
 */
final class CorrelatedMessages extends AgentKernel {
    private final Correlation corr;
    private final boolean signs;
    private final CompressionSpec compressionSpec;
    private final Compressor compressor; // null when compression is per agent
    private final double s0sq, s1sq;
    private final ContinuousSampler normal;
    private final double[] t;
    private final double[] z;
    private final Workspace work;
    private final Noisy noisy = new Noisy();

    /** @param signs true for DSignSGD's sign messages */
    CorrelatedMessages(ExperimentConfig cfg, boolean signs) {
        super(cfg);
        this.corr = noiseSpec.correlationModel();
        if (corr == null || corr.dim() != d) {
            throw new IllegalArgumentException("CorrelatedMessages needs noise.correlation or noise.lowRank of dimension " + d);
        }
        this.signs = signs;
        this.compressionSpec = cfg.compression();
        this.compressor = compressionSpec.homogeneous() ? compressionSpec.build() : null;
        this.s0sq = noiseSpec.sigma0()[0] * noiseSpec.sigma0()[0];
        this.s1sq = noiseSpec.sigma1()[0] * noiseSpec.sigma1()[0];
        this.normal = ZigguratSampler.NormalizedGaussian.of(rng);
        this.t = new double[corr.draws()];
        this.z = new double[d];
        this.work = new Workspace(d);
    }

    @Override
    public void accumulate(int a0, int a1, long round, int runOffset, double[] grads, double[] gn2, boolean[] active,
                           double[] acc) {
        final int runs = gn2.length;
        for (int i = a0; i < a1; i++) {
            final double fi = noiseSpec.factor(i, agents);
            final Compressor comp = compressor != null ? compressor : compressionSpec.build(i);
            final boolean lossless = comp.compression(d).lossless();
            for (int r = 0; r < runs; r++) {
                if (!active[r]) {
                    continue;
                }
                rng.at(runOffset + r, i, round);
                final double s = fi * Math.sqrt(s0sq + s1sq * gn2[r]); // sᵢ(x): Σᵢ = sᵢ²C
                final int off = r * d;
                if (signs) {
                    draw();
                    corr.apply(t, 0, z, 0);
                    for (int j = 0; j < d; j++) {
                        acc[off + j] += Math.signum(grads[off + j] + s * z[j]); // Eq. 49: sign(∇f + Zᵢ)
                    }
                } else if (lossless) {
                    draw();
                    corr.apply(t, 0, z, 0);
                    for (int j = 0; j < d; j++) {
                        acc[off + j] += grads[off + j] + s * z[j]; // ∇f + Zᵢ, Zᵢ ~ N(0, sᵢ²C)
                    }
                } else {
                    comp.addCompressed(noisy.at(s, grads, off), d, rng, work, acc, off); // Eq. 27: C(∇f + Zᵢ)
                }
            }
        }
    }

    /** Agent i's vector ∇f + sᵢFT for one run: T drawn (all of it) when the compressor first asks for coordinates. */
    private final class Noisy implements NoisyVector {
        private double s;
        private double[] g;
        private int off;

        Noisy at(double s, double[] g, int off) {
            this.s = s;
            this.g = g;
            this.off = off;
            return this;
        }

        @Override
        public void all(double[] out) {
            draw();
            corr.apply(t, 0, z, 0);
            for (int j = 0; j < d; j++) {
                out[j] = g[off + j] + s * z[j];
            }
        }

        @Override
        public void selected(int[] idx, int n, double[] out) {
            draw();
            for (int q = 0; q < n; q++) {
                final int j = idx[q];
                out[q] = g[off + j] + s * corr.row(j, t, 0); // a dropped coordinate's row of F is not evaluated
            }
        }
    }

    /** The {@link Correlation#draws()} standard normals of the current key, in index order. */
    private void draw() {
        final double[] tt = t;
        for (int q = 0; q < tt.length; q++) {
            tt[q] = normal.sample();
        }
    }
}
