package org.distsde.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.DataHandle;
import org.distsde.config.ExperimentConfig;
import org.distsde.data.AgentSplit;
import org.distsde.data.Dataset;
import org.distsde.objective.DataObjective;
import org.distsde.sim.DataAgents;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * Agents holding data: the aggregated message of round 0, over many runs, against what the split
 * and the rows say, computed here row by row (not through the kernel). For DSGD with minibatches
 * of B rows drawn with replacement, Σᵢmᵢ has mean Σᵢ∇fᵢ(x₀) (∇fᵢ the mean gradient of agent i's
 * shard) and per-coordinate variance Σᵢ Varᵢ/B (Varᵢ the variance of a row's gradient over the
 * shard). N = 4 agents on a Dirichlet(0.5) split of 400 rows, so shards differ in size and in
 * labels; B = 3; 20000 runs, tolerances 4 standard errors. Catches: rows drawn from the whole
 * dataset instead of the agent's shard (the mean becomes N∇f), a missing 1/B (variance ×3), a
 * run sharing another's draws (variance falls), and for DSignSGD the sign of the minibatch
 * gradient (B = 1: E sign = 2P(∂ⱼℓ &gt; 0) − 1 over the shard's rows).
 */
class DataMessagesTest {
    static final int N = 4, B = 3, RUNS = 20000;

    static Dataset data() {
        final SplittableRandom r = new SplittableRandom(7);
        final int n = 400, p = 3;
        final double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i * p + j] = r.nextGaussian();
            }
            y[i] = x[i * p] + 0.5 * x[i * p + 1] + r.nextGaussian() > 0 ? 1 : 0;
        }
        return new Dataset(x, y, p);
    }

    static ExperimentConfig config(String optimizer, int batch, int runs) {
        return config(optimizer, "\"batch\":" + batch, 0, runs);
    }

    static ExperimentConfig config(String optimizer, String gradient, double sigma, int runs) {
        final ExperimentConfig c = ConfigLoader.parse("{\"name\":\"d\",\"seed\":3,\"runs\":" + runs + ",\"rounds\":1,"
                + "\"recordEvery\":1,\"optimizer\":\"" + optimizer + "\",\"agents\":" + N + ",\"eta\":0.1,"
                + "\"objective\":{\"type\":\"logistic\",\"data\":{\"path\":\"mem.csv\",\"split\":\"dirichlet\","
                + "\"alpha\":0.5," + gradient + "}},\"x0\":[0.3],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":" + sigma + "}}", List.of()).first();
        return c.withObjective(c.objective().withData(DataHandle.of(data(), "mem")));
    }

    /** Σᵢmᵢ of round 0 for every run, flat [R·d]. */
    static double[] roundZeroSums(ExperimentConfig c) {
        final double[][] out = new double[1][];
        new Simulation(c).run(new LocalAggregator(c), 0, c.runs(), (k, loss, gn2, lr, alive, in, x, update) -> {
            if (k == 0) {
                out[0] = update.clone();
            }
        });
        return out[0];
    }

    @Test
    void dsgdMinibatchMeanAndVarianceMatchTheShards() {
        final ExperimentConfig c = config("dsgd", B, RUNS);
        final DataObjective f = (DataObjective) c.buildObjective();
        final int d = f.dim();
        final double[] x0 = c.initialPoint();
        final AgentSplit split = DataAgents.split(c);
        final double[] mean = new double[d], var = new double[d];
        final double[] g = new double[d];
        for (int i = 0; i < N; i++) {
            final int[] shard = split.shard(i);
            final double[] s1 = new double[d], s2 = new double[d];
            for (int row : shard) {
                f.minibatchGradient(x0, 0, new int[] {row}, 0, 1, g, 0);
                for (int j = 0; j < d; j++) {
                    s1[j] += g[j];
                    s2[j] += g[j] * g[j];
                }
            }
            for (int j = 0; j < d; j++) {
                final double m = s1[j] / shard.length;
                mean[j] += m;
                var[j] += (s2[j] / shard.length - m * m) / B;
            }
        }
        final double[] sums = roundZeroSums(c);
        for (int j = 0; j < d; j++) {
            double s = 0, ss = 0;
            for (int r = 0; r < RUNS; r++) {
                s += sums[r * d + j];
                ss += sums[r * d + j] * sums[r * d + j];
            }
            final double m = s / RUNS, v = ss / RUNS - m * m;
            final double seMean = Math.sqrt(var[j] / RUNS);
            assertEquals(mean[j], m, 4 * seMean, "mean of coordinate " + j);
            // a sample variance has relative SE about sqrt(2/R) (plus kurtosis, bounded here by 4 SEs)
            assertEquals(var[j], v, 4 * Math.sqrt(2.0 / RUNS) * var[j] * 2, "variance of coordinate " + j);
        }
    }

    @Test
    void dsignsgdSendsTheSignOfItsMinibatchGradient() {
        final ExperimentConfig c = config("dsignsgd", 1, RUNS);
        final DataObjective f = (DataObjective) c.buildObjective();
        final int d = f.dim();
        final double[] x0 = c.initialPoint();
        final AgentSplit split = DataAgents.split(c);
        final double[] expected = new double[d], var = new double[d], g = new double[d];
        for (int i = 0; i < N; i++) {
            final int[] shard = split.shard(i);
            final double[] pos = new double[d];
            for (int row : shard) {
                f.minibatchGradient(x0, 0, new int[] {row}, 0, 1, g, 0);
                for (int j = 0; j < d; j++) {
                    pos[j] += g[j] > 0 ? 1 : 0;
                }
            }
            for (int j = 0; j < d; j++) {
                final double q = pos[j] / shard.length, e = 2 * q - 1;
                expected[j] += e;
                var[j] += 1 - e * e;
            }
        }
        final double[] sums = roundZeroSums(c);
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int r = 0; r < RUNS; r++) {
                s += sums[r * d + j];
            }
            assertEquals(expected[j], s / RUNS, 4 * Math.sqrt(var[j] / RUNS), "E sum of signs, coordinate " + j);
        }
    }

    @Test
    void sameSeedSameMessagesAndTheSdeIsRefusedForMinibatches() {
        final ExperimentConfig c = config("dsgd", B, 50);
        final double[] a = roundZeroSums(c), b = roundZeroSums(c);
        assertTrue(java.util.Arrays.equals(a, b));
        final ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "{\"name\":\"d\",\"runs\":2,\"rounds\":1,\"optimizer\":\"dsgd\",\"agents\":2,\"eta\":0.1,"
                + "\"objective\":{\"type\":\"logistic\",\"data\":{\"path\":\"x.csv\"}},"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0},\"sde\":{\"enabled\":true}}", List.of()));
        assertTrue(e.getMessage().contains("sde.enabled needs objective.data.gradient full"), e.getMessage());
    }

    /**
     * Local gradients with injected Gaussian noise σ = 0.05 (comparable to the shards' gradients):
     * each agent's mean sign is erf(∂ⱼfᵢ/(√2σ)) at its own shard gradient ∇fᵢ, computed here from
     * the rows; the optimizer's mean Σᵢ sign over runs and the local-gradient SDE's drift
     * (−(1/N)Σᵢ eᵢ) must both equal it. Catches the SDE or the kernel using ∇f for every agent.
     */
    @Test
    void localSignsFollowEachAgentsOwnGradient() {
        final double sigma = 0.05;
        final ExperimentConfig c = config("dsignsgd", "\"gradient\":\"local\"", sigma, RUNS);
        final DataObjective f = (DataObjective) c.buildObjective();
        final int d = f.dim();
        final double[] x0 = c.initialPoint();
        final AgentSplit split = DataAgents.split(c);
        final double[] e = new double[d], var = new double[d], g = new double[d];
        final int[] rows = split.rows();
        boolean differs = false;
        final double[] full = new double[d];
        f.gradient(x0, 0, full, 0);
        for (int i = 0; i < N; i++) {
            f.minibatchGradient(x0, 0, rows, split.start(i), split.end(i), g, 0);
            for (int j = 0; j < d; j++) {
                final double ei = org.apache.commons.numbers.gamma.Erf.value(g[j] / (Math.sqrt(2) * sigma));
                e[j] += ei;
                var[j] += 1 - ei * ei;
                differs |= Math.abs(ei - org.apache.commons.numbers.gamma.Erf.value(full[j] / (Math.sqrt(2) * sigma))) > 0.2;
            }
        }
        assertTrue(differs, "the shards' gradients must differ from the full gradient for this test to bite");
        final double[] sums = roundZeroSums(c);
        final double[] drift = new double[d], diff = new double[d];
        Optimizers.of(c).sde(c).coefficients(x0, 0, drift, diff, 0);
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int r = 0; r < RUNS; r++) {
                s += sums[r * d + j];
            }
            assertEquals(e[j], s / RUNS, 4 * Math.sqrt(var[j] / RUNS), "optimizer: E sum of signs, coordinate " + j);
            assertEquals(-e[j] / N, drift[j], 1e-12, "SDE drift, coordinate " + j);
            // Eq. 50: √(η/N)·√(1 − (1/N)Σᵢeᵢ²), and 1 − (1/N)Σᵢeᵢ² = (1/N)Σᵢ(1 − eᵢ²)
            assertEquals(Math.sqrt(0.1 / N) * Math.sqrt(var[j] / N), diff[j], 1e-12, "SDE diffusion, coordinate " + j);
        }
    }

    /** DSGD's SDE with local gradients drifts along −(1/N)Σᵢ∇fᵢ, which differs from −∇f on unequal shards. */
    @Test
    void localGradientSdeDriftIsTheAgentsAverage() {
        final ExperimentConfig c = config("dsgd", "\"gradient\":\"local\"", 0.05, 2);
        final DataObjective f = (DataObjective) c.buildObjective();
        final int d = f.dim();
        final double[] x0 = c.initialPoint();
        final AgentSplit split = DataAgents.split(c);
        final double[] avg = new double[d], g = new double[d], full = new double[d];
        for (int i = 0; i < N; i++) {
            f.minibatchGradient(x0, 0, split.rows(), split.start(i), split.end(i), g, 0);
            for (int j = 0; j < d; j++) {
                avg[j] += g[j] / N;
            }
        }
        f.gradient(x0, 0, full, 0);
        final double[] drift = new double[d], diff = new double[d];
        Optimizers.of(c).sde(c).coefficients(x0, 0, drift, diff, 0);
        double gap = 0;
        for (int j = 0; j < d; j++) {
            assertEquals(-avg[j], drift[j], 1e-12 * (1 + Math.abs(avg[j])));
            assertEquals(Math.sqrt(0.1 / N) * 0.05, diff[j], 1e-15, "Eq. 8: sqrt(eta/N) sigma");
            gap = Math.max(gap, Math.abs(avg[j] - full[j]));
        }
        assertTrue(gap > 1e-3, "unequal shards: the agents' average differs from the full gradient");
    }
}
