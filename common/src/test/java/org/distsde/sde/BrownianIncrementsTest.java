package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.SdeSpec;
import org.distsde.sim.RoundStats;
import org.junit.jupiter.api.Test;

/** The nested Brownian increments of the refinement levels ({@link BrownianIncrements}). */
class BrownianIncrementsTest {
    private static final long SEED = 2024;
    private static final double DT0 = 0.3;

    @Test
    void finerIncrementsSumToTheCoarserOnesAtEveryLevel() {
        final int d = 3;
        for (int level = 1; level <= 6; level++) {
            final BrownianIncrements fine = new BrownianIncrements(SEED, level, d);
            final BrownianIncrements coarse = new BrownianIncrements(SEED, level - 1, d);
            final BrownianIncrements top = new BrownianIncrements(SEED, 0, d);
            final double[] wf = new double[fine.nodes() * d];
            final double[] wc = new double[coarse.nodes() * d];
            final double[] w0 = new double[d];
            for (long p = 0; p < 20; p++) {
                for (long k = 0; k < 20; k++) {
                    fine.increments(p, k, DT0, wf, 0);
                    coarse.increments(p, k, DT0, wc, 0);
                    top.increments(p, k, DT0, w0, 0);
                    for (int j = 0; j < d; j++) {
                        double sum = 0;
                        for (int m = 0; m < coarse.nodes(); m++) {
                            final double pair = wf[2 * m * d + j] + wf[(2 * m + 1) * d + j];
                            assertEquals(wc[m * d + j], pair, 1e-12 * Math.sqrt(DT0), "pair sum, level " + level);
                        }
                        for (int m = 0; m < fine.nodes(); m++) {
                            sum += wf[m * d + j];
                        }
                        assertEquals(w0[j], sum, 1e-12 * Math.sqrt(DT0), "sum over the level-0 step, level " + level);
                    }
                }
            }
        }
    }

    @Test
    void coarserLevelsUseAPrefixOfTheFinerLevelsDraws() {
        final int d = 2;
        final BrownianIncrements l3 = new BrownianIncrements(SEED, 3, d);
        final BrownianIncrements l1 = new BrownianIncrements(SEED, 1, d);
        final double[] z3 = new double[8 * d], z1 = new double[2 * d];
        l3.gaussians(7, 11, z3, 0);
        l1.gaussians(7, 11, z1, 0);
        assertArrayEquals(z1, java.util.Arrays.copyOf(z3, 2 * d));
        // and the level-0 increment is √Δt₀·z[0, j]
        final double[] w0 = new double[d];
        new BrownianIncrements(SEED, 0, d).increments(7, 11, DT0, w0, 0);
        for (int j = 0; j < d; j++) {
            assertEquals(Math.sqrt(DT0) * z3[j], w0[j], 0.0);
        }
    }

    @Test
    void blockDrawsAreThePathsOwnSequentialDraws() {
        for (int[] c : new int[][] {{1, 0}, {3, 0}, {1, 2}, {3, 2}, {2, 4}}) {
            final int d = c[0], level = c[1], n = 60;
            final BrownianIncrements b = new BrownianIncrements(SEED, level, d);
            final int per = b.nodes() * d;
            final double[] z = new double[per * n], inc = new double[per * n], one = new double[per];
            for (long k = 0; k < 5; k++) {
                b.block(100, n, k, DT0, z, inc);
                for (int i = 0; i < n; i++) {
                    b.gaussians(100 + i, k, one, 0);
                    for (int m = 0; m < b.nodes(); m++) {
                        for (int j = 0; j < d; j++) {
                            assertEquals(one[m * d + j], z[(m * n + i) * d + j], 0.0, "d " + d + " level " + level);
                        }
                    }
                }
            }
        }
    }

    /**
     * Mean 0 and variance Δt_L of the level-L increments, and no correlation between consecutive
     * ones, within 4 standard errors. The variance check has power: a bridge with midpoint
     * variance h/2 instead of h/4 would give the two halves variances (3/4)h and (3/4)h (a 50%
     * excess), and the tolerance is below a fifth of that.
     */
    @Test
    void incrementsHaveTheVarianceOfTheirStepAndAreUncorrelated() {
        final int d = 1;
        final int paths = 4000, steps0 = 10;
        for (int level : new int[] {0, 1, 3, 5}) {
            final BrownianIncrements b = new BrownianIncrements(SEED + level, level, d);
            final int nodes = b.nodes();
            final double dt = DT0 / nodes;
            final double[] w = new double[nodes];
            double s = 0, s2 = 0, s4 = 0, sc = 0, sc2 = 0;
            long n = 0, nc = 0;
            for (int p = 0; p < paths; p++) {
                for (int k = 0; k < steps0; k++) {
                    b.increments(p, k, DT0, w, 0);
                    for (int m = 0; m < nodes; m++) {
                        final double u = w[m] / Math.sqrt(dt); // N(0, 1) if the variance is Δt
                        s += u;
                        s2 += u * u;
                        s4 += u * u * u * u;
                        n++;
                        if (m + 1 < nodes) { // consecutive fine increments within a level-0 step
                            final double c = u * w[m + 1] / Math.sqrt(dt);
                            sc += c;
                            sc2 += c * c;
                            nc++;
                        }
                    }
                }
            }
            final double mean = s / n;
            final double var = s2 / n;
            final double seMean = Math.sqrt(var / n);
            final double seVar = Math.sqrt((s4 / n - var * var) / n);
            final double tolVar = 4 * seVar;
            System.out.printf("level %d: increment/sqrt(dt) mean %.4f (se %.4f), variance %.4f (se %.4f)%n",
                    level, mean, seMean, var, seVar);
            assertEquals(0, mean, 4 * seMean);
            assertEquals(1, var, tolVar);
            assertTrue(0.5 >= 2 * tolVar, "a 50% variance error (midpoint variance h/2) must be detectable");
            if (nc > 0) {
                final double corr = sc / nc;
                final double seCorr = Math.sqrt((sc2 / nc - corr * corr) / nc);
                System.out.printf("level %d: consecutive product mean %.4f (se %.4f)%n", level, corr, seCorr);
                assertEquals(0, corr, 4 * seCorr);
                // the effect a shared node would have (correlation -1/2 for a bridge without the W/2 split) is > 2x the tolerance
                assertTrue(0.5 >= 2 * 4 * seCorr);
            }
        }
    }

    @Test
    void refinementLevelsRecordTheSameRoundsAndTimes() {
        final ExperimentConfig c = Configs.of("dsgd", Configs.quartic(2), new double[] {1.5, -0.7},
                Configs.gaussian(0.5, 0.8), 3, 0.05, 30, 40, 7, null, null, null, new SdeSpec(true, null, 30));
        final SdeSimulation l0 = new SdeSimulation(c);
        final SdeSimulation l3 = new SdeSimulation(c, 3);
        assertEquals(0, l0.level());
        assertEquals(3, l3.level());
        assertEquals(0.05 / 8, l3.dt(), 0.0);
        assertEquals(8 * l0.steps(), l3.steps());
        final long[] s0 = l0.recordedSteps(), s3 = l3.recordedSteps();
        for (int i = 0; i < s0.length; i++) {
            assertEquals(8 * s0[i], s3[i]);
        }
        final List<RoundStats> r0 = l0.run(), r3 = l3.run();
        assertEquals(r0.size(), r3.size());
        for (int i = 0; i < r0.size(); i++) {
            assertEquals(r0.get(i).round(), r3.get(i).round());
            assertEquals(r0.get(i).time(), r3.get(i).time(), 0.0);
        }
        // level 1 of Δt₀ = η is the grid of level 0 with sde.dt = η/2 (same steps, times), not the same numbers
        final ExperimentConfig half = Configs.of("dsgd", Configs.quartic(2), new double[] {1.5, -0.7},
                Configs.gaussian(0.5, 0.8), 3, 0.05, 30, 40, 7, null, null, null, new SdeSpec(true, 0.025, 30));
        final SdeSimulation h0 = new SdeSimulation(half);
        final SdeSimulation l1 = new SdeSimulation(c, 1);
        assertEquals(h0.dt(), l1.dt(), 0.0);
        assertEquals(h0.steps(), l1.steps());
        assertArrayEquals(h0.recordedSteps(), l1.recordedSteps());
    }
}
