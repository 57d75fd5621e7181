package org.distsde.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.rng.GaussianBlocks;
import org.distsde.rng.KeyedStream;
import org.distsde.sim.AgentKernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernels' counter-based draws: agent i's Gaussian for global run R, coordinate j, round k is
 * the {@link GaussianBlocks} Gaussian at key (seed, OPTIMIZER, 0, i, k), counter R·d + j; the
 * numbers of a run do not depend on how the runs are blocked nor on which other runs are active.
 */
class CounterDrawsTest {
    static final int RUNS = 50;

    static ExperimentConfig cfg(String body) {
        return ConfigLoader.parse("{\"name\":\"c\",\"seed\":31,\"runs\":" + RUNS + ",\"rounds\":3," + body + "}",
                List.of()).first();
    }

    /** Every kernel path that draws: the bodies of {@link #blockingAndInactiveRunsChangeNoRunsNumbers}. */
    static final List<String> KERNELS = List.of(
            // DSGD, shared uniform Gaussian noise, d = 1 and d = 3 (the shortcut of GradientMessages)
            "\"optimizer\":\"dsgd\",\"agents\":4,\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":1},"
                    + "\"x0\":[1.5],\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.3,\"sigma1\":0.5}",
            "\"optimizer\":\"dsgd\",\"agents\":3,\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":3},"
                    + "\"x0\":[1.2],\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.3,\"sigma1\":0.5}",
            // per-agent and per-coordinate scales (SyntheticDraws through DrawnMessages)
            "\"optimizer\":\"dsgd\",\"agents\":3,\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":2},"
                    + "\"x0\":[1.2],\"noise\":{\"type\":\"gaussian\",\"sigma0\":[0.2,0.6],\"agentFactors\":[0.5,1,2]}",
            // random sparsification: the keep decisions from the keyed stream, the kept coordinates' Gaussians
            "\"optimizer\":\"dcsgd\",\"agents\":3,\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":5},"
                    + "\"x0\":[1.2],\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.4},"
                    + "\"compression\":{\"type\":\"random-sparsification\",\"omega\":1.5}",
            // Student-t noise stays on the keyed stream
            "\"optimizer\":\"dsgd\",\"agents\":3,\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":2},"
                    + "\"x0\":[1.2],\"noise\":{\"type\":\"student-t\",\"nu\":3,\"sigma\":0.5}",
            // DSignSGD: CDF uniforms (shared and per agent), signs of Gaussian noise
            "\"optimizer\":\"dsignsgd\",\"agents\":5,\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":1},"
                    + "\"x0\":[0.3],\"noise\":{\"type\":\"student-t\",\"nu\":1,\"sigma\":1},\"signSampling\":\"cdf\"",
            "\"optimizer\":\"dsignsgd\",\"agents\":3,\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":2},"
                    + "\"x0\":[0.3],\"noise\":{\"type\":\"student-t\",\"nu\":2,\"sigma\":1,\"agentFactors\":[1,2,0.5]},"
                    + "\"signSampling\":\"cdf\"",
            "\"optimizer\":\"dsignsgd\",\"agents\":3,\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":2},"
                    + "\"x0\":[0.3],\"noise\":{\"type\":\"gaussian\",\"sigma0\":[0.5,1.5]}",
            // the adaptive family's agents (GradientMessages), full-covariance noise (CorrelatedDraws)
            "\"optimizer\":\"adamw\",\"agents\":2,\"eta\":0.01,\"objective\":{\"type\":\"quartic\",\"dim\":3},"
                    + "\"x0\":[1.2],\"noise\":{\"type\":\"gaussian\",\"sigma0\":1}",
            "\"optimizer\":\"dsgd\",\"agents\":2,\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":2},"
                    + "\"x0\":[1.2],\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.5,\"correlation\":[[1,0.5],[0.5,2]]}");

    /** Gradients at runs spread over [0.2, 1.4) in every coordinate. */
    static double[][] point(ExperimentConfig c) {
        final var f = c.buildObjective();
        final int d = f.dim();
        final double[] x = new double[RUNS * d], g = new double[RUNS * d], gn2 = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            for (int j = 0; j < d; j++) {
                x[r * d + j] = 0.2 + 1.2 * ((r * 7 + j * 3) % RUNS) / RUNS;
            }
            gn2[r] = f.gradient(x, r * d, g, r * d);
        }
        return new double[][] {x, g, gn2};
    }

    /**
     * All runs in one call, against the runs in two blocks at their global offsets (another kernel
     * instance), and against a call where runs 3 and 17 are inactive: the same bits for every
     * active run, nothing added for an inactive one. Catches a draw keyed or counted by the run's
     * index within its block instead of its global index (the second block would repeat the
     * first block's numbers), and draws that advance past inactive runs (every later run would shift).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void blockingAndInactiveRunsChangeNoRunsNumbers(int which) {
        final ExperimentConfig c = cfg(KERNELS.get(which));
        final int d = c.buildObjective().dim(), n = c.agents(), split = 21;
        final double[][] p = point(c);
        final boolean[] active = new boolean[RUNS];
        Arrays.fill(active, true);
        final double[] whole = new double[RUNS * d];
        Optimizers.of(c).kernel(c).accumulate(0, n, 2, 0, p[0], p[1], p[2], active, whole);

        final AgentKernel k = Optimizers.of(c).kernel(c);
        final double[] blocks = new double[RUNS * d];
        final double[] b = new double[(RUNS - split) * d];
        k.accumulate(0, n, 2, split, Arrays.copyOfRange(p[0], split * d, RUNS * d),
                Arrays.copyOfRange(p[1], split * d, RUNS * d), Arrays.copyOfRange(p[2], split, RUNS),
                Arrays.copyOfRange(active, split, RUNS), b); // the second block first
        System.arraycopy(b, 0, blocks, split * d, b.length);
        final double[] a = new double[split * d];
        k.accumulate(0, n, 2, 0, Arrays.copyOf(p[0], split * d), Arrays.copyOf(p[1], split * d),
                Arrays.copyOf(p[2], split), Arrays.copyOf(active, split), a);
        System.arraycopy(a, 0, blocks, 0, a.length);
        assertArrayEquals(whole, blocks, "blocks of runs: " + KERNELS.get(which));

        active[3] = false;
        active[17] = false;
        final double[] some = new double[RUNS * d];
        Optimizers.of(c).kernel(c).accumulate(0, n, 2, 0, p[0], p[1], p[2], active, some);
        for (int r = 0; r < RUNS; r++) {
            for (int j = 0; j < d; j++) {
                assertEquals(active[r] ? whole[r * d + j] : 0, some[r * d + j], 0.0, "run " + r);
            }
        }
    }

    /**
     * DSGD's message with one agent and σ1 = 0 is ∂ⱼf + σ0·T, T the counter-based Gaussian at key
     * (0, agent, round), counter R·d + j for global run R — for the shared shortcut (uniform scale),
     * the per-agent path (a factor) and random sparsification with p = 1 (every coordinate kept,
     * through the kept-coordinates path), bit for bit. Catches a transposed layout (j·R + r), the
     * run in the key instead of the counter, the round or agent left out of the key, and the
     * sparsifier's Gaussians paired with other counters than the identity's.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", ",\"agentFactors\":[1.0]", "sparse"})
    void theGaussiansAreTheSourcesAtRunTimesDPlusJ(String variant) {
        final boolean sparse = variant.equals("sparse");
        final ExperimentConfig c = cfg("\"optimizer\":\"" + (sparse ? "dcsgd" : "dsgd") + "\",\"agents\":1,\"eta\":0.1,"
                + "\"objective\":{\"type\":\"quartic\",\"dim\":3},\"x0\":[1.2],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.7" + (sparse ? "" : variant) + "}"
                + (sparse ? ",\"compression\":{\"type\":\"random-sparsification\",\"p\":1.0}" : ""));
        final int d = 3, offset = 1000, round = 5;
        final double[][] p = point(c);
        final boolean[] active = new boolean[RUNS];
        Arrays.fill(active, true);
        final double[] acc = new double[RUNS * d];
        Optimizers.of(c).kernel(c).accumulate(0, 1, round, offset, p[0], p[1], p[2], active, acc);
        final double[] z = new double[d];
        final GaussianBlocks g = new GaussianBlocks(31, KeyedStream.Purpose.OPTIMIZER);
        for (int r = 0; r < RUNS; r++) {
            g.at(0, 0, round).normals((long) (offset + r) * d, z, 0, d);
            for (int j = 0; j < d; j++) {
                assertEquals(p[1][r * d + j] + 0.7 * z[j], acc[r * d + j], 0.0, variant + " run " + r + ", j " + j);
            }
        }
    }

    /**
     * Var(Σᵢ mᵢⱼ) = N·s² over runs at one point, for N = 6 agents with s = 0.5 (d = 2, 4000 runs),
     * within 5 standard errors (σ̂(v)/√n with the sample's fourth moment). Catches agents sharing
     * their Gaussians (a key without the agent: variance N²s² = 9, not 1.5) and coordinates sharing
     * them (a counter without j: correlation 1 between the two coordinates, checked within 5/√n).
     */
    @ParameterizedTest
    @ValueSource(strings = {"", ",\"agentFactors\":[1,1,1,1,1,1]"})
    void agentsAndCoordinatesGetIndependentGaussians(String variant) {
        final int runs = 4000, n = 6, d = 2;
        final ExperimentConfig c = ConfigLoader.parse("{\"name\":\"v\",\"seed\":8,\"runs\":" + runs + ",\"rounds\":1,"
                + "\"optimizer\":\"dsgd\",\"agents\":" + n + ",\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":2},"
                + "\"x0\":[1.0],\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.5" + variant + "}}", List.of()).first();
        final double[] g = new double[runs * d], gn2 = new double[runs], acc = new double[runs * d];
        final boolean[] active = new boolean[runs];
        Arrays.fill(active, true);
        Arrays.fill(g, 1.0); // ∇f at x = 1
        Arrays.fill(gn2, 2.0);
        Optimizers.of(c).kernel(c).accumulate(0, n, 0, 0, null, g, gn2, active, acc);
        for (int j = 0; j < d; j++) {
            double m = 0, m2 = 0, m4 = 0;
            for (int r = 0; r < runs; r++) {
                final double e = acc[r * d + j] - n * 1.0;
                m += e;
                m2 += e * e;
                m4 += e * e * e * e;
            }
            m /= runs;
            final double v = m2 / runs, want = n * 0.25;
            final double se = Math.sqrt((m4 / runs - v * v) / runs);
            assertEquals(want, v, 5 * se, "variance of coordinate " + j);
            assertEquals(0, m, 5 * Math.sqrt(want / runs), "mean of coordinate " + j);
        }
        double cross = 0;
        for (int r = 0; r < runs; r++) {
            cross += (acc[r * d] - n) * (acc[r * d + 1] - n);
        }
        assertEquals(0, cross / runs / (n * 0.25), 5 / Math.sqrt(runs), "correlation of the two coordinates");
        assertTrue(1 > 5 / Math.sqrt(runs));
    }
}
