package org.distsde.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distsde.compress.ScaledSign;
import org.distsde.config.ExperimentConfig;
import org.distsde.data.MinibatchGradients;
import org.distsde.objective.DataObjective;
import org.distsde.sim.DataAgents;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.MemoryStore;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EF-SGD ({@link ErrorFeedback}): with the identity it is DSGD bit for bit (the residual stays 0);
 * with a biased compressor on agents holding different data it converges to the minimizer where
 * plain compressed gradient descent stalls; its residuals survive a checkpoint and a resume bit for
 * bit, and do not depend on how the agents are blocked.
 */
class ErrorFeedbackTest {
    static ExperimentConfig config(String body) {
        return RefactoringInvarianceTest.config(body);
    }

    static List<RoundStats> rows(ExperimentConfig c) {
        return new Simulation(c).run(new LocalAggregator(c), null);
    }

    /**
     * EF with C = identity: vᵢ = gᵢ + 0, mᵢ = vᵢ, eᵢ = vᵢ − mᵢ = 0 at every round, and gᵢ is drawn
     * as DSGD's kernel draws it, so every row is DSGD's to the bit. Over the kernel paths DSGD has
     * (shared noise d = 1, per-agent Student-t, full covariance, agents holding data) and over
     * blockings. Catches a residual not reset (eᵢ = gᵢ would double the step), draws in another
     * order, or agents summed in another order.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dsgd-shared-d1", "dsgd-student-gradnorm-power", "dsgd-stable", "dsgd-correlation",
        "data-logistic-minibatch-dsgd", "data-logistic-full-dsgd"})
    void withTheIdentityItIsDsgdBitForBit(String name) {
        final String body = RefactoringInvarianceTest.cases().get(name);
        final String noSde = body.contains("\"sde\":") ? "" : ",\"sde\":{\"enabled\":false}";
        for (String layout : new String[] {"", ",\"layout\":{\"blocks\":2}"}) {
            final ExperimentConfig dsgd = config(body + layout);
            final ExperimentConfig ef = config(body.replace("\"optimizer\":\"dsgd\"", "\"optimizer\":\"ef-sgd\"")
                    .replace("\"sde\":{\"enabled\":true,\"paths\":40}", "\"sde\":{\"enabled\":false}")
                    + layout + noSde);
            assertEquals("ef-sgd", Optimizers.of(ef).id());
            assertEquals(RefactoringInvarianceTest.digest(rows(dsgd)), RefactoringInvarianceTest.digest(rows(ef)),
                    name + layout);
        }
    }

    /** Two agents holding different rows (least squares, their shards' full gradients, no noise). */
    static final String HETEROGENEOUS = RefactoringInvarianceTest.data("ef-sgd", "least-squares",
            "\"gradient\":\"local\",\"split\":\"label\"", 0, ",\"compression\":{\"type\":\"scaled-sign\"},"
            + "\"sde\":{\"enabled\":false}").replace("\"agents\":3", "\"agents\":2")
            .replace("\"eta\":0.05", "\"eta\":0.1");

    /**
     * Scaled sign C(v) = (‖v‖₁/d)·sign(v) on two agents whose shards' gradients differ: plain
     * compressed gradient descent, x ← x − (η/N)Σᵢ C(∇fᵢ(x)) (computed here from the shards'
     * gradients, independently of the kernels), stops where Σᵢ C(∇fᵢ) = 0, which is not where
     * Σᵢ∇fᵢ = 0; with error feedback the residuals carry what C dropped, the time averages of the
     * messages equal those of the gradients, and the iterate approaches the minimizer. Deterministic
     * (no noise, no random compressor): the thresholds are the measured gap (f − f* ≈ 2·10⁻² for
     * plain, below 10⁻⁴ with feedback at η = 0.1, 3000 rounds) with a factor 10 of margin each way.
     * Catches a residual that is not kept (EF becomes plain), kept with the wrong sign (diverges) or
     * not added to the next message.
     */
    @Test
    void errorFeedbackConvergesWherePlainBiasedCompressionStalls() {
        final ExperimentConfig c = RefactoringInvarianceTest.config(HETEROGENEOUS,
                List.of("runs=1", "rounds=3000", "recordEvery=3000"));
        final List<RoundStats> efRows = rows(c);
        final double ef = efRows.get(efRows.size() - 1).loss().mean();
        final double plain = plainDescent(c, ScaledSign.INSTANCE); // the same compressor, from the same start
        assertTrue(plain > 2e-3, "plain scaled-sign descent must stall away from the minimizer: f - f* = " + plain);
        assertTrue(ef < 1e-3 && ef < plain / 20, "error feedback must approach the minimizer: f - f* = " + ef
                + " (plain " + plain + ")");
    }

    /**
     * f − f* after plain compressed gradient descent x ← x − (η/N)Σᵢ C(∇fᵢ(x)) on the agents' shards
     * for the config's rounds, from its x₀, computed here from the shards' gradients (independently
     * of the kernels); C deterministic.
     */
    static double plainDescent(ExperimentConfig c, org.distsde.compress.Compressor comp) {
        final DataObjective f = (DataObjective) c.buildObjective();
        final int d = f.dim();
        final MinibatchGradients shards = DataAgents.minibatches(c);
        final double[] x = c.initialPoint(), g = new double[d], m = new double[d], step = new double[d];
        for (int k = 0; k < c.rounds(); k++) {
            java.util.Arrays.fill(step, 0);
            for (int i = 0; i < c.agents(); i++) {
                shards.shardGradient(i, x, 0, g);
                comp.compress(g, 0, d, null, m, 0);
                for (int j = 0; j < d; j++) {
                    step[j] += m[j];
                }
            }
            for (int j = 0; j < d; j++) {
                x[j] -= c.eta() / c.agents() * step[j];
            }
        }
        return f.value(x, 0) - f.minValue();
    }

    /** An in-memory checkpoint store (state and memory), recording what was written. */
    static final class Store implements Simulation.Checkpoints, MemoryStore {
        final int every;
        Simulation.State state;
        final Map<Long, Map<Integer, double[]>> memory = new HashMap<>();

        Store(int every) {
            this.every = every;
        }

        @Override public int every() { return every; }
        @Override public Simulation.State load() { return state; }
        @Override public void save(Simulation.State s) { state = s; }
        @Override public MemoryStore memory() { return this; }

        @Override
        public void write(long round, int block, double[] mem) {
            memory.computeIfAbsent(round, r -> new HashMap<>()).put(block, mem.clone());
        }

        @Override
        public double[] read(long round, int block) {
            return memory.get(round).get(block).clone();
        }

        @Override
        public void keepOnly(long round) {
            memory.keySet().removeIf(r -> r != round);
        }
    }

    /**
     * A run checkpointed every 10 rounds, then resumed from its last checkpoint in a fresh
     * simulation and aggregator, gives the rows of the uninterrupted run to the bit: the residuals
     * are part of the checkpoint (block by block), not only the iterates. Random sparsification with
     * noise, so the residuals are not 0. Catches memory that is not saved (the resumed run restarts
     * from eᵢ = 0 and differs), saved after the state (a stale round), or restored into the wrong
     * block.
     */
    @Test
    void residualsSurviveACheckpointAndResumeBitForBit() {
        final String body = "\"optimizer\":\"ef-sgd\",\"agents\":5,\"eta\":0.02,"
                + "\"objective\":{\"type\":\"quartic\",\"dim\":3},\"x0\":[1.2],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.3,\"sigma1\":0.2},"
                + "\"compression\":{\"type\":\"random-sparsification\",\"p\":0.7},\"layout\":{\"blocks\":2},"
                + "\"sde\":{\"enabled\":false}";
        final ExperimentConfig c = config(body);
        final List<RoundStats> whole = rows(c);
        assertEquals(0, whole.get(whole.size() - 1).diverged(), "no run may diverge (the loop would stop early)");
        final Store store = new Store(10);
        final List<RoundStats> checkpointed = new Simulation(c).run(new LocalAggregator(c), null, store);
        assertEquals(RefactoringInvarianceTest.digest(whole), RefactoringInvarianceTest.digest(checkpointed),
                "checkpointing must not change results");
        assertEquals(50, store.state.round(), "the last checkpoint of 60 rounds every 10");
        assertEquals(List.of(50L), new ArrayList<>(store.memory.keySet()), "older rounds' memory is deleted");
        assertEquals(2, store.memory.get(50L).size(), "one array per summation block");
        assertNotEquals(0.0, java.util.Arrays.stream(store.memory.get(50L).get(0)).map(Math::abs).sum(),
                "the residuals are not zero");
        final List<RoundStats> resumed = new Simulation(c).run(new LocalAggregator(c), null, store);
        assertEquals(RefactoringInvarianceTest.digest(whole), RefactoringInvarianceTest.digest(resumed));
        // without the residuals the resumed run differs: the memory matters
        store.memory.get(50L).replaceAll((b, m) -> new double[m.length]);
        assertNotEquals(RefactoringInvarianceTest.digest(whole),
                RefactoringInvarianceTest.digest(new Simulation(c).run(new LocalAggregator(c), null, store)));
    }

    /**
     * The residuals are kept per agent and run: simulating runs [0, 13) and [13, 40) as two blocks
     * of runs (as the runs layout's tasks do, each with its own memory) gives every run the final
     * iterate it has in the whole simulation. Catches a memory stride that does not follow the
     * number of runs of the call (runs would share residuals) or residuals keyed by the local run
     * of one block and read by another.
     */
    @Test
    void residualsDoNotDependOnTheBlocksOfRuns() {
        final String body = "\"optimizer\":\"ef-sgd\",\"agents\":4,\"eta\":0.05,"
                + "\"objective\":{\"type\":\"quartic\",\"dim\":2},\"x0\":[1.2],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.3},"
                + "\"compression\":{\"type\":\"scaled-sign\"},\"sde\":{\"enabled\":false}";
        final ExperimentConfig c = config(body);
        final int n = c.runs();
        final double[][] whole = finalIterates(c, 0, n);
        final double[][] a = finalIterates(c, 0, 13), b = finalIterates(c, 13, n);
        for (int r = 0; r < n; r++) {
            assertEquals(java.util.Arrays.toString(whole[r]), java.util.Arrays.toString(r < 13 ? a[r] : b[r - 13]),
                    "run " + r);
        }
    }

    /** The final iterates of runs [r0, r1) simulated as one block (as a task of the runs layout does). */
    static double[][] finalIterates(ExperimentConfig c, int r0, int r1) {
        final double[][] out = new double[r1 - r0][];
        final int d = c.buildObjective().dim();
        new Simulation(c).run(new LocalAggregator(c), r0, r1, (k, loss, gn2, lr, alive, in, x, update) -> {
            if (k == c.rounds()) {
                for (int r = 0; r < out.length; r++) {
                    out[r] = java.util.Arrays.copyOfRange(x, r * d, r * d + d);
                }
            }
        });
        return out;
    }
}
