package org.distsde.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.distsde.config.ExperimentConfig;
import org.distsde.objective.DataObjective;
import org.distsde.objective.Objective;
import org.distsde.optim.Optimizers;

/**
 * The server side of one series: holds the iterates of all R runs (flat [R·d]), asks an
 * {@link Aggregator} for Σᵢ mᵢ each round and lets the optimizer's {@link ServerUpdate} step, e.g.
 * x_{k+1} = x_k − (η ηₖ νₖ / N) Σᵢ mᵢ with νₖ the normalization factor (the adaptive optimizers
 * keep their moments in the server's state, which is checkpointed with the iterates). A run whose f(x) − f* is not finite or exceeds the divergence
 * threshold is frozen, counted and left out of every statistic from then on.
 */
public final class Simulation {
    private final ExperimentConfig cfg;
    private final Objective f;
    private final int d;
    private final int runs;
    private final AgentAverages averages;
    private final StepRule rule;

    public Simulation(ExperimentConfig cfg) {
        this.cfg = cfg;
        this.f = cfg.buildObjective();
        this.d = f.dim();
        this.runs = cfg.runs();
        this.averages = averages(cfg);
        this.rule = new StepRule(cfg, averages);
    }

    /** The agent averages of Theorems 4–7, streamed over the N agents (O(1) memory). */
    public static AgentAverages averages(ExperimentConfig cfg) {
        final AgentAverages a = new AgentAverages();
        final int d = cfg.buildObjective().dim();
        final var shared = cfg.noise().homogeneous() ? cfg.noise().build(0, cfg.agents()) : null;
        final var comp = cfg.compression().homogeneous() ? cfg.compression().build().compression(d) : null;
        for (int i = 0; i < cfg.agents(); i++) {
            a.add(shared != null ? shared : cfg.noise().build(i, cfg.agents()),
                    comp != null ? comp : cfg.compression().build(i).compression(d));
        }
        return a;
    }

    public AgentAverages averages() {
        return averages;
    }

    /** Sees the raw per-run values of the runs of a block at every recorded round. */
    public interface RoundObserver {
        /**
         * @param round the recorded round k
         * @param loss  f(x_r) − f* per run of the block (meaningless where not alive)
         * @param gn2   ‖∇f(x_r)‖² per run
         * @param lr    learning rate per run at round k
         * @param alive runs not diverged
         * @param x     iterates of the block's runs, flat [run·d + j]
         * @param update the round's aggregated messages Σᵢ mᵢ(x_r), flat [run·d + j], or null where
         *               none is aggregated (the last round, or every run diverged)
         */
        void onRound(int round, double[] loss, double[] gn2, double[] lr, boolean[] alive, Integrals in, double[] x,
                     double[] update);
    }

    /**
     * The running time integrals of every run at a recorded round, with the effective ηₛ = lr/η:
     * φ¹ = Σηₛ ds, φ² = Σηₛ² ds, ∫ηₛ‖∇f‖² ds and ∫ηₛ²‖∇f‖² ds (left Riemann sums, ds = η or Δt).
     */
    public record Integrals(double[] phi1, double[] phi2, double[] i1, double[] i2) implements java.io.Serializable {
        public Integrals(int n) {
            this(new double[n], new double[n], new double[n], new double[n]);
        }

        /** Adds one step of length ds for every alive run. */
        public void add(double[] lr, double eta, double ds, double[] gn2, boolean[] alive) {
            for (int r = 0; r < gn2.length; r++) {
                if (alive[r]) {
                    final double es = lr[r] / eta;
                    phi1[r] += es * ds;
                    phi2[r] += es * es * ds;
                    i1[r] += es * gn2[r] * ds;
                    i2[r] += es * es * gn2[r] * ds;
                }
            }
        }
    }

    /**
     * The whole state of a run of all runs at the start of a round: the keyed streams need no
     * state of their own (round k's draws depend only on k), so this is all a resumed run needs to
     * continue bit-identically.
     */
    public record State(int round, double[] x, boolean[] alive, Integrals integrals, List<RoundStats> rows,
                        double[] server) implements java.io.Serializable {
        public State {
            server = server == null ? new double[0] : server;
            integrals = new Integrals(integrals.phi1().clone(), integrals.phi2().clone(), integrals.i1().clone(),
                    integrals.i2().clone());
        }
    }

    /**
     * Where checkpoints go; {@link #every()} rounds apart (0: never). The agents' memory, when
     * they keep one, goes to {@link #memory()} (written before the state that refers to it, and
     * older rounds' deleted after it).
     */
    public interface Checkpoints {
        int every();

        /** The saved state, or null to start from round 0. */
        State load();

        void save(State s);

        /** Where the agents' memory is checkpointed (null: nowhere, fine for agents without memory). */
        default MemoryStore memory() {
            return null;
        }
    }

    /** Runs all rounds for all runs; {@code progress} sees each recorded row as it is produced. */
    public List<RoundStats> run(Aggregator agg, Consumer<RoundStats> progress) {
        return run(agg, progress, null);
    }

    /** As {@link #run(Aggregator, Consumer)}, checkpointing into and resuming from {@code cp}. */
    public List<RoundStats> run(Aggregator agg, Consumer<RoundStats> progress, Checkpoints cp) {
        final List<RoundStats> out = new ArrayList<>();
        final double eta = cfg.eta();
        final State resumed = cp == null ? null : cp.load();
        if (resumed != null) {
            out.addAll(resumed.rows());
        }
        final int coords = cfg.recordCoordinates();
        final double bits = Optimizers.of(cfg).bitsPerRound(cfg);
        loop(agg, 0, runs, resumed, cp, out, (k, loss, gn2, lr, alive, in, x, update) -> {
            final RoundStats row = RoundStats.of(k, k * eta, loss, gn2, lr, alive, in.phi1(), in.phi2(), in.i1(),
                    in.i2(), x, d, coords).withBits(k * bits);
            final RoundStats s = update == null ? row : row.withUpdateTail(UpdateTail.of(update, alive, d).hill());

            out.add(s);
            if (progress != null) {
                progress.accept(s);
            }
        });
        return out;
    }

    /** The recorded rounds: every recordEvery-th and the last. */
    public static boolean recorded(ExperimentConfig cfg, int k) {
        return k % cfg.recordEvery() == 0 || k == cfg.rounds();
    }

    /**
     * Runs runs [r0, r1) through all rounds. Runs only interact through the "theorem"
     * normalization (E‖∇f‖ over runs), so a block of runs gives the same trajectories as the whole
     * set unless that normalization is used.
     */
    public void run(Aggregator agg, int r0, int r1, RoundObserver obs) {
        loop(agg, r0, r1, null, null, null, obs);
    }

    private void loop(Aggregator agg, int r0, int r1, State from, Checkpoints cp, List<RoundStats> rowsSoFar,
                      RoundObserver obs) {
        final int runs = r1 - r0;
        final double[] x = new double[runs * d];
        final double[] x0 = cfg.initialPoint();
        for (int r = 0; r < runs; r++) {
            System.arraycopy(x0, 0, x, r * d, d);
        }
        final double[] g = new double[runs * d];
        final double[] gn2 = new double[runs];
        final double[] loss = new double[runs];
        final double[] lr = new double[runs];
        final boolean[] alive = new boolean[runs];
        java.util.Arrays.fill(alive, true);
        final double[] sum = new double[runs * d];
        final Integrals in = from == null ? new Integrals(runs) : from.integrals();
        final ServerUpdate server = Optimizers.of(cfg).server(cfg, runs);
        int k0 = 0;
        if (from != null) {
            if (from.x().length != x.length) {
                throw new IllegalStateException("checkpoint does not match this configuration");
            }
            System.arraycopy(from.x(), 0, x, 0, x.length);
            System.arraycopy(from.alive(), 0, alive, 0, runs);
            k0 = from.round();
            server.restore(from.server());
            if (agg.keepsMemory()) {
                agg.loadMemory(k0, runs, memoryStore(cp));
            }
        }
        final double fStar = f.minValue();
        final DataObjective data = f instanceof DataObjective o ? o : null;
        final double threshold = cfg.divergenceThreshold();
        final double eta = cfg.eta();
        final int rounds = cfg.rounds();
        final boolean coupled = cfg.normalization().couplesRuns();
        for (int k = k0; k <= rounds; k++) {
            if (cp != null && cp.every() > 0 && k > k0 && k % cp.every() == 0 && k < rounds) {
                final MemoryStore mem = agg.keepsMemory() ? memoryStore(cp) : null;
                if (mem != null) { // the memory of round k first: a state at round k implies it exists
                    agg.saveMemory(k, mem);
                }
                cp.save(new State(k, x.clone(), alive.clone(), in, new ArrayList<>(rowsSoFar), server.state()));
                if (mem != null) {
                    mem.keepOnly(k);
                }
            }
            double gnSum = 0;
            int alive0 = 0;
            for (int r = 0; r < runs; r++) {
                if (!alive[r]) {
                    continue;
                }
                final double l, n2;
                if (data != null) { // one forward pass for f and ∇f of a model on data
                    l = data.valueAndGradient(x, r * d, g, r * d) - fStar;
                    n2 = normSq(g, r * d, d);
                } else {
                    l = f.value(x, r * d) - fStar;
                    n2 = f.gradient(x, r * d, g, r * d);
                }
                if (!(l <= threshold) || !Double.isFinite(n2)) { // NaN-safe
                    alive[r] = false;
                    continue;
                }
                loss[r] = l;
                gn2[r] = n2;
                if (coupled) { // E‖∇f‖ over the runs, for the coupled step rule only
                    gnSum += Math.sqrt(n2);
                }
                alive0++;
            }
            rule.rates(k, gn2, alive, alive0 == 0 ? 0 : gnSum / alive0, lr);
            final boolean aggregate = k < rounds && alive0 > 0;
            if (aggregate) { // before the row, so that the row sees the round's update
                agg.sum(k, r0, x, g, gn2, alive, sum);
            }
            if (recorded(cfg, k)) {
                obs.onRound(k, loss, gn2, lr, alive, in, x, aggregate ? sum : null);
            }
            in.add(lr, eta, eta, gn2, alive);
            if (k == rounds) {
                break;
            }
            if (alive0 == 0) { // everything diverged: record the remaining rounds without work
                for (int kk = k + 1; kk <= rounds; kk++) {
                    if (recorded(cfg, kk)) {
                        obs.onRound(kk, loss, gn2, lr, alive, in, x, null);
                    }
                }
                break;
            }
            server.step(k, x, sum, lr, alive);
        }
    }

    private static MemoryStore memoryStore(Checkpoints cp) {
        if (cp.memory() == null) {
            throw new IllegalStateException("the agents keep memory between rounds: checkpoints need a memory store");
        }
        return cp.memory();
    }

    private static double normSq(double[] g, int off, int d) {
        double s = 0;
        for (int j = off; j < off + d; j++) {
            s += g[j] * g[j];
        }
        return s;
    }
}
