package org.distsde.sde;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.objective.Objective;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.distsde.sim.StepRule;

/**
 * Euler–Maruyama integration of a configuration's SDE ({@link Sdes#of}) over the optimizer's
 * horizon T = K·η, recorded at the same rounds as {@link Simulation} so the two series overlay.
 *
 * <p>SDE step n sits at time t = n·Δt, i.e. optimizer round n·Δt/η (Δt = {@code sde.dt}, default
 * η). Optimizer round r (r a multiple of {@code recordEvery}, and r = K) is recorded at SDE step
 * round(r·η/Δt); the row carries {@code round} = r and {@code time} = the step's exact time.
 * The step's learning rate is lr = η·ηₜ·νₜ with ηₜ = schedule.at(t/η) and νₜ the normalization
 * factor (as in the optimizer); the SDE coefficients are multiplied by lr/η (see {@link Sde}).
 *
 * <p>A path whose f(X) − f* is not finite or exceeds {@code divergenceThreshold} is frozen,
 * counted and never averaged. Paths [p0, p1) can be integrated as independent blocks
 * ({@link #runBlock}) and merged with {@link #combine}: path p draws its noise from its own stream
 * keyed by (seed, p), so the result is identical whatever the blocking. Exception: normalization
 * {@code theorem} needs E‖∇f(X_t)‖ over all paths at every step, so a block must then hold all
 * paths [0, paths).
 */
public final class SdeSimulation {
    private final ExperimentConfig cfg;
    private final Sde sde;
    private final Objective f;
    private final int d;
    private final int paths;
    private final double dt;
    private final long steps;
    private final StepRule rule;
    private final int[] recRounds;
    private final long[] recSteps;

    public SdeSimulation(ExperimentConfig cfg) {
        this(cfg, 0);
    }

    /** Level {@code level} of the Δt refinement: Δt = Δt₀/2^level (placeholder: uncoupled streams). */
    public SdeSimulation(ExperimentConfig cfg, int level) {
        this.cfg = cfg;
        this.sde = Sdes.of(cfg);
        this.f = cfg.buildObjective();
        this.d = f.dim();
        this.paths = cfg.sde().paths() != null ? cfg.sde().paths() : cfg.runs();
        this.dt = (cfg.sde().dt() != null ? cfg.sde().dt() : cfg.eta()) / (1L << level);
        this.steps = Math.max(1, Math.round(cfg.rounds() * cfg.eta() / dt));
        this.rule = new StepRule(cfg, Simulation.averages(cfg));
        final List<int[]> rec = new ArrayList<>();
        long last = -1;
        for (int r = 0; r <= cfg.rounds(); r++) {
            if (r % cfg.recordEvery() != 0 && r != cfg.rounds()) {
                continue;
            }
            final long n = r == cfg.rounds() ? steps : Math.min(steps, Math.round(r * cfg.eta() / dt));
            if (n != last) { // Δt > η can map several rounds to one step: keep the first
                rec.add(new int[] {r});
                last = n;
            }
        }
        this.recRounds = rec.stream().mapToInt(a -> a[0]).toArray();
        this.recSteps = new long[recRounds.length];
        for (int i = 0; i < recRounds.length; i++) {
            recSteps[i] = recRounds[i] == cfg.rounds() ? steps
                    : Math.min(steps, Math.round(recRounds[i] * cfg.eta() / dt));
        }
    }

    public Sde sde() { return sde; }
    public int paths() { return paths; }
    public double dt() { return dt; }
    /** Number of Euler–Maruyama steps, round(K·η/Δt). */
    public long steps() { return steps; }
    /** The optimizer rounds that are recorded (equivalent rounds). */
    public int[] recordedRounds() { return recRounds.clone(); }
    /** The SDE steps at which they are recorded. */
    public long[] recordedSteps() { return recSteps.clone(); }

    /** True when blocks must hold all paths (normalization theorem). */
    public boolean needsAllPaths() {
        return cfg.normalization().couplesRuns();
    }

    /** Integrates all paths in one block and returns the statistics rows. */
    public List<RoundStats> run() {
        return combine(List.of(runBlock(0, paths)));
    }

    /**
     * Raw per-path values of paths [p0, p1) at the recorded steps; arrays are flat
     * [recorded row · (p1 − p0) + path − p0].
     *
     * @param rounds    equivalent optimizer round of each recorded row
     * @param steps     SDE step of each recorded row
     * @param times     SDE time n·Δt of each recorded row
     * @param loss      f(X) − f* (value frozen at divergence)
     * @param gradNormSq ‖∇f(X)‖²
     * @param lr        η·ηₜ·νₜ the path used at that step
     * @param alive     path not diverged
     * @param deathStep the SDE step at which each path diverged, −1 if never
     * @param phi1      per path Σ ηₛ Δt up to each recorded row, ηₛ = lr/η (flat like loss)
     * @param phi2      per path Σ ηₛ² Δt up to each recorded row
     * @param intEta    per path ∫ηₛ‖∇f(X_s)‖² ds up to each row (flat like loss)
     * @param intEta2   per path ∫ηₛ²‖∇f(X_s)‖² ds up to each row
     * @param coords    the first k coordinates of X per path, flat [(row·(p1 − p0) + path − p0)·k + j]
     * @param k         number of recorded coordinates
     */
    public record Block(int p0, int p1, int[] rounds, long[] steps, double[] times, double[] loss,
                        double[] gradNormSq, double[] lr, boolean[] alive, long[] deathStep, double[] phi1,
                        double[] phi2, double[] intEta, double[] intEta2, double[] coords, int k)
            implements Serializable {
        public Block {
            if (p0 < 0 || p1 <= p0) {
                throw new IllegalArgumentException("block needs 0 <= p0 < p1 (got " + p0 + ", " + p1 + ")");
            }
            final int rows = rounds.length;
            final int n = p1 - p0;
            if (steps.length != rows || times.length != rows || loss.length != rows * n || gradNormSq.length != rows * n
                    || lr.length != rows * n || alive.length != rows * n || deathStep.length != n
                    || coords.length != rows * n * k) {
                throw new IllegalArgumentException("block arrays do not match " + rows + " rows x " + n + " paths");
            }
        }

        public int size() { return p1 - p0; }
    }

    /** Integrates paths [p0, p1). */
    public Block runBlock(int p0, int p1) {
        if (p0 < 0 || p1 > paths || p1 <= p0) {
            throw new IllegalArgumentException("paths block must satisfy 0 <= p0 < p1 <= " + paths + " (got ["
                    + p0 + ", " + p1 + "))");
        }
        if (needsAllPaths() && (p0 != 0 || p1 != paths)) {
            throw new IllegalArgumentException("normalization.type theorem (not perRun) uses E|grad f(X_t)| over all paths: "
                    + "the block must hold all paths [0, " + paths + ") (got [" + p0 + ", " + p1 + "))");
        }
        final int n = p1 - p0;
        final int rows = recRounds.length;
        final double[] x = new double[n * d];
        final double[] x0 = cfg.initialPoint();
        for (int p = 0; p < n; p++) {
            System.arraycopy(x0, 0, x, p * d, d);
        }
        final double[] drift = new double[n * d];
        final double[] diff = new double[n * d];
        final double[] loss = new double[n];
        final double[] gn2 = new double[n];
        final double[] lr = new double[n];
        final boolean[] alive = new boolean[n];
        Arrays.fill(alive, true);
        final long[] death = new long[n];
        Arrays.fill(death, -1);
        final double[] oLoss = new double[rows * n];
        final double[] oGn2 = new double[rows * n];
        final double[] oLr = new double[rows * n];
        final boolean[] oAlive = new boolean[rows * n];
        final double[] times = new double[rows];
        final double[] oPhi1 = new double[rows * n], oPhi2 = new double[rows * n];
        final double[] oI1 = new double[rows * n], oI2 = new double[rows * n];
        final int kc = cfg.recordCoordinates();
        final double[] oX = new double[rows * n * kc];
        final Simulation.Integrals in = new Simulation.Integrals(n);
        final EulerMaruyama em = new EulerMaruyama(sde, cfg.seed());
        em.begin(p0, n);
        final double fStar = f.minValue();
        final double threshold = cfg.divergenceThreshold();
        final double eta = cfg.eta();
        int row = 0;
        int nAlive = n;
        final boolean coupled = needsAllPaths();
        for (long k = 0; k <= steps; k++) {
            double gnSum = 0;
            for (int p = 0; p < n; p++) {
                if (!alive[p]) {
                    continue;
                }
                final double l = f.value(x, p * d) - fStar;
                final double g2 = sde.coefficients(x, p * d, drift, diff, p * d);
                if (!(l <= threshold) || !Double.isFinite(g2)) { // NaN-safe
                    alive[p] = false;
                    death[p] = k;
                    nAlive--;
                    continue;
                }
                loss[p] = l;
                gn2[p] = g2;
                if (coupled) { // E‖∇f‖ over the paths, for the coupled step rule only
                    gnSum += Math.sqrt(g2);
                }
            }
            final double t = k * dt;
            rule.rates(t / eta, gn2, alive, nAlive == 0 ? 0 : gnSum / nAlive, lr);
            while (row < rows && recSteps[row] == k) {
                times[row] = t;
                System.arraycopy(in.phi1(), 0, oPhi1, row * n, n);
                System.arraycopy(in.phi2(), 0, oPhi2, row * n, n);
                System.arraycopy(in.i1(), 0, oI1, row * n, n);
                System.arraycopy(in.i2(), 0, oI2, row * n, n);
                System.arraycopy(loss, 0, oLoss, row * n, n);
                System.arraycopy(gn2, 0, oGn2, row * n, n);
                System.arraycopy(lr, 0, oLr, row * n, n);
                System.arraycopy(alive, 0, oAlive, row * n, n);
                for (int p = 0; p < n; p++) {
                    System.arraycopy(x, p * d, oX, (row * n + p) * kc, kc);
                }
                row++;
            }
            if (k == steps) {
                break;
            }
            in.add(lr, eta, dt, gn2, alive);
            if (nAlive == 0) { // frozen from here on: copy the state into the remaining rows
                for (; row < rows; row++) {
                    times[row] = recSteps[row] * dt;

                    System.arraycopy(loss, 0, oLoss, row * n, n);
                    System.arraycopy(gn2, 0, oGn2, row * n, n);
                    System.arraycopy(lr, 0, oLr, row * n, n);
                    for (int p = 0; p < n; p++) {
                        System.arraycopy(x, p * d, oX, (row * n + p) * kc, kc);
                    }
                }
                break;
            }
            for (int p = 0; p < n; p++) {
                if (alive[p]) {
                    em.step(x, p * d, drift, diff, p * d, lr[p] / eta, dt, p);
                }
            }
        }
        return new Block(p0, p1, recRounds.clone(), recSteps.clone(), times, oLoss, oGn2, oLr, oAlive, death, oPhi1,
                oPhi2, oI1, oI2, oX, kc);
    }

    /**
     * Merges blocks (any order; together they must cover [0, P) exactly) into statistics rows, as
     * {@link Simulation} would: once every path has diverged, only the row at that step (if it is
     * recorded) and the final row are kept.
     */
    public static List<RoundStats> combine(List<Block> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("combine needs at least one block");
        }
        final List<Block> bs = new ArrayList<>(blocks);
        bs.sort(Comparator.comparingInt(Block::p0));
        int next = 0;
        for (Block b : bs) {
            if (b.p0() != next) {
                throw new IllegalArgumentException("blocks must tile [0, P): expected a block starting at " + next
                        + " (got " + b.p0() + ")");
            }
            if (!Arrays.equals(b.steps(), bs.get(0).steps())) {
                throw new IllegalArgumentException("blocks come from different recording schedules");
            }
            next = b.p1();
        }
        final int total = next;
        final Block first = bs.get(0);
        final int rows = first.rounds().length;
        long allDead = -1;
        boolean allDied = true;
        for (Block b : bs) {
            for (long s : b.deathStep()) {
                if (s < 0) {
                    allDied = false;
                }
                allDead = Math.max(allDead, s);
            }
        }
        final double[] loss = new double[total];
        final double[] gn2 = new double[total];
        final double[] lr = new double[total];
        final boolean[] alive = new boolean[total];
        final double[] i1 = new double[total], i2 = new double[total];
        final double[] q1 = new double[total], q2 = new double[total];
        final int kc = first.k();
        final double[] xs = new double[total * kc];
        final List<RoundStats> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            for (Block b : bs) {
                final int n = b.size();
                System.arraycopy(b.loss(), r * n, loss, b.p0(), n);
                System.arraycopy(b.gradNormSq(), r * n, gn2, b.p0(), n);
                System.arraycopy(b.lr(), r * n, lr, b.p0(), n);
                System.arraycopy(b.alive(), r * n, alive, b.p0(), n);
                System.arraycopy(b.intEta(), r * n, i1, b.p0(), n);
                System.arraycopy(b.intEta2(), r * n, i2, b.p0(), n);
                System.arraycopy(b.phi1(), r * n, q1, b.p0(), n);
                System.arraycopy(b.phi2(), r * n, q2, b.p0(), n);
                System.arraycopy(b.coords(), r * n * kc, xs, b.p0() * kc, n * kc);
            }
            final long step = first.steps()[r];
            final boolean keep = !allDied || step <= allDead || r == rows - 1;
            if (keep) {
                out.add(RoundStats.of(first.rounds()[r], first.times()[r], loss, gn2, lr, alive, q1, q2, i1, i2, xs,
                        kc, kc));
            }
        }
        return out;
    }
}
