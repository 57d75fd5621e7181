package org.distsde.sde;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NormalizationKind;
import org.distsde.objective.Objective;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.distsde.sim.StepRule;

/**
 * Euler–Maruyama integration of a configuration's SDE ({@link Sdes#of}) over the optimizer's
 * horizon T = K·η, recorded at the same rounds as {@link Simulation} so the two series overlay.
 *
 * <p><b>Grid and refinement levels.</b> The level-0 step is Δt₀ = {@code sde.dt} (default η)
 * and there are steps₀ = round(K·η/Δt₀) level-0 steps. At refinement level L
 * ({@link #SdeSimulation(ExperimentConfig, int)}) the step is Δt = Δt₀/2^L and there are
 * 2^L·steps₀ steps. SDE step n sits at time t = n·Δt. Optimizer round r (r a multiple of
 * {@code recordEvery}, and r = K) is recorded at level-0 step round(r·η/Δt₀), i.e. level-L step
 * 2^L times that: every level records the same rows at bit-identical times (Δt₀/2^L is exact);
 * the row carries {@code round} = r and {@code time} = the step's time. The step's learning
 * rate is lr = η·ηₜ·νₜ with ηₜ = schedule.at(t/η) and νₜ the normalization factor (as in the
 * optimizer); the SDE coefficients are multiplied by lr/η (see {@link Sde}).
 *
 * <p><b>Brownian increments</b> ({@link BrownianIncrements}): the Gaussians of path p over
 * level-0 step k are the counter-based Gaussians at key (seed, node m, step k), counters p·d + j;
 * level L uses the nodes m &lt; 2^L and builds its 2^L increments by a breadth-first
 * Brownian bridge from the level-0 increment √Δt₀·z₀, so the increments of level L + 1 sum
 * pairwise to those of level L (coupled levels, for Richardson extrapolation and weak-order fits).
 * A {@link MatrixSde} (full-covariance noise) draws m = {@link MatrixSde#noiseDim()} Gaussians per
 * node instead of d, and its step applies the matrix diffusion ({@link MatrixSde#step}).
 *
 * <p><b>Engine.</b> A block of paths is integrated as structure-of-arrays: state, drift,
 * diffusion, ‖∇f‖², f, learning rates, alive flags and the time integrals are primitive arrays
 * over the block; the coefficients are computed by one block call per step
 * ({@link Sde#coefficients(double[], int, double[], double[], double[])},
 * {@link Objective#values}); the Gaussians of a level-0 step are one range of counters per node
 * for the whole chunk, bridged, and applied by a flat loop. A diverged path's working state is reset to x₀ with a
 * zero time factor (so the loops need no branch on it); its recorded values stay frozen. A block
 * is integrated in chunks of about {@value #CHUNK}/(d·2^L) paths so that the working arrays stay in
 * cache (all paths at once when the normalization couples them; the increments' arrays then hold
 * 2^L·P·d values).
 *
 * <p>A path whose f(X) − f* is not finite or exceeds {@code divergenceThreshold} is frozen,
 * counted and never averaged. Paths [p0, p1) can be integrated as independent blocks
 * ({@link #runBlock}) and merged with {@link #combine}: each path's increments depend only on
 * (seed, path, step), so the result is bit-identical whatever the blocking. Exception:
 * normalization {@code theorem} needs E‖∇f(X_t)‖ over all paths at every step, so a block must
 * then hold all paths [0, paths).
 */
public final class SdeSimulation {
    /** Working-set target of a chunk of paths, in doubles per array (n·d·2^L): a few of them stay in L2. */
    static final int CHUNK = 4096;
    /** Largest refinement level (2^L sub-steps per level-0 step). */
    public static final int MAX_LEVEL = 20;
    private final ExperimentConfig cfg;
    private final Sde sde;
    private final Objective f;
    private final int d;
    private final int paths;
    private final int level;
    private final double dt0;
    private final double dt;
    private final long steps;
    private final StepRule rule;
    private final int[] recRounds;
    private final long[] recSteps;

    /** Level 0: Δt = Δt₀ = {@code sde.dt} (default η). */
    public SdeSimulation(ExperimentConfig cfg) {
        this(cfg, 0);
    }

    /**
     * Refinement level {@code level}: Δt = Δt₀/2^level, 2^level·steps₀ steps, the same recorded
     * rounds and times as level 0, and Brownian increments nested in those of coarser levels.
     */
    public SdeSimulation(ExperimentConfig cfg, int level) {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level must be in [0, " + MAX_LEVEL + "] (got " + level + ")");
        }
        this.cfg = cfg;
        this.sde = Sdes.of(cfg);
        this.f = cfg.buildObjective();
        this.d = f.dim();
        this.paths = cfg.sde().paths() != null ? cfg.sde().paths() : cfg.runs();
        this.level = level;
        this.dt0 = cfg.sde().dt() != null ? cfg.sde().dt() : cfg.eta();
        this.dt = dt0 / (1 << level); // exact: a power of two
        final long steps0 = Math.max(1, Math.round(cfg.rounds() * cfg.eta() / dt0));
        this.steps = steps0 << level;
        this.rule = new StepRule(cfg, Simulation.averages(cfg));
        final List<int[]> rec = new ArrayList<>();
        long last = -1;
        for (int r = 0; r <= cfg.rounds(); r++) {
            if (r % cfg.recordEvery() != 0 && r != cfg.rounds()) {
                continue;
            }
            final long n = r == cfg.rounds() ? steps0 : Math.min(steps0, Math.round(r * cfg.eta() / dt0));
            if (n != last) { // Δt₀ > η can map several rounds to one step: keep the first
                rec.add(new int[] {r});
                last = n;
            }
        }
        this.recRounds = rec.stream().mapToInt(a -> a[0]).toArray();
        this.recSteps = new long[recRounds.length];
        for (int i = 0; i < recRounds.length; i++) {
            final long n0 = recRounds[i] == cfg.rounds() ? steps0
                    : Math.min(steps0, Math.round(recRounds[i] * cfg.eta() / dt0));
            recSteps[i] = n0 << level;
        }
    }

    /**
     * The kernel the engine's step runs on now ({@link StepKernel}: "vector" once the Vector API
     * code is compiled, else "plain"): for logs and benchmarks; the numbers are the same.
     */
    public static String stepKernel() {
        return StepKernels.current().name();
    }

    public Sde sde() { return sde; }
    public int paths() { return paths; }
    /** The step Δt = Δt₀/2^level. */
    public double dt() { return dt; }
    /** The level-0 step Δt₀ ({@code sde.dt}, default η). */
    public double dt0() { return dt0; }
    /** The refinement level L. */
    public int level() { return level; }
    /** Number of Euler–Maruyama steps, 2^L·round(K·η/Δt₀). */
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
        final int kc = cfg.recordCoordinates();
        final long[] death = new long[n];
        final double[] times = new double[rows];
        final double[] oLoss = new double[rows * n];
        final double[] oGn2 = new double[rows * n];
        final double[] oLr = new double[rows * n];
        final boolean[] oAlive = new boolean[rows * n];
        final double[] oPhi1 = new double[rows * n], oPhi2 = new double[rows * n];
        final double[] oI1 = new double[rows * n], oI2 = new double[rows * n];
        final double[] oX = new double[rows * n * kc];
        final Rows out = new Rows(n, kc, times, oLoss, oGn2, oLr, oAlive, oPhi1, oPhi2, oI1, oI2, oX);
        // paths are independent unless coupled: integrate them in chunks whose working set stays in cache
        final int w = sde instanceof MatrixSde ms ? Math.max(d, Math.max(ms.noiseDim(), ms.stateDim())) : d;
        final int chunk = needsAllPaths() ? n : (int) Math.max(1, Math.min(n, CHUNK / ((long) w << level)));
        for (int c0 = 0; c0 < n; c0 += chunk) {
            integrate(p0 + c0, Math.min(chunk, n - c0), c0, out, death);
        }
        return new Block(p0, p1, recRounds.clone(), recSteps.clone(), times, oLoss, oGn2, oLr, oAlive, death, oPhi1,
                oPhi2, oI1, oI2, oX, kc);
    }

    /**
     * Integrates the n paths pStart … pStart + n − 1 (block-local offset c0) over all steps into
     * {@code out} and {@code deathOut}.
     */
    private void integrate(int pStart, int n, int c0, Rows out, long[] deathOut) {
        final Chunk c = new Chunk(pStart, n, out.kc());
        final int rows = recRounds.length;
        int row = 0;
        for (long k = 0; k <= steps; k++) {
            c.evaluate(k);
            final double t = k * dt;
            while (row < rows && recSteps[row] == k) {
                c.record(out, row, c0, t);
                row++;
            }
            if (k == steps) {
                break;
            }
            if (c.flat && c.nAlive > 0) { // the integrals and the step in one pass
                c.advance(k);
                continue;
            }
            c.integrals();
            if (c.nAlive == 0) { // frozen from here on: every remaining row repeats the frozen state
                for (; row < rows; row++) {
                    c.record(out, row, c0, recSteps[row] * dt);
                }
                break;
            }
            c.move(k);
        }
        System.arraycopy(c.death, 0, deathOut, c0, n);
    }

    /**
     * The working arrays of a chunk of paths and its step, split into small methods called once
     * per step: each is compiled (and its loops vectorised) as a method of its own after a few
     * hundred steps, instead of the whole integration running as on-stack-replacement code.
     * A diverged path keeps a finite working state (x₀) with time factor 0, its recorded values are
     * frozen copies, so the step loops need no branch on it.
     */
    private final class Chunk {
        final int pStart, n, nd, kc, nodes;
        final double[] x0 = cfg.initialPoint();
        final double[] x, drift, diff, fac, z, inc;
        final AugmentedSde aug = sde instanceof AugmentedSde a ? a : null;
        final MatrixSde msde = sde instanceof MatrixSde ms ? ms : null; // full covariance: m-dimensional W
        final int bw = msde == null ? d : msde.noiseDim();               // Brownian values per path
        final double[] aux, grad;                               // auxiliary state (M, V) and ∇f, augmented SDEs only
        final double[] val, g2, loss, gn2, lr, es, mask;        // per path: f, ‖∇f‖², f − f*, …, ηₛ, alive 1/0
        final double[] fLoss, fGn2, fLr, frozen;                // frozen copies of diverged paths
        final double[] phi1, phi2, i1, i2;                      // time integrals
        final boolean[] alive;
        final long[] death;
        final BrownianIncrements bm = new BrownianIncrements(cfg.seed(), level, bw);
        final double fStar = f.minValue();
        final double threshold = cfg.divergenceThreshold();
        final double eta = cfg.eta();
        final boolean coupled = needsAllPaths();
        /** Without normalization every path's rate is the step's base rate η·ηₜ ({@link StepRule#ratesAll}). */
        final boolean uniformRate = cfg.normalization().kind() == NormalizationKind.NONE;
        /** d = 1, diagonal diffusion, no auxiliary state: {@link #advance} does the integrals and the step. */
        final boolean flat = d == 1 && aug == null && msde == null;
        int nAlive;

        Chunk(int pStart, int n, int kc) {
            this.pStart = pStart;
            this.n = n;
            this.nd = n * d;
            this.kc = kc;
            this.nodes = 1 << level;
            x = new double[nd];
            for (int p = 0; p < n; p++) {
                System.arraycopy(x0, 0, x, p * d, d);
            }
            drift = new double[nd];
            diff = new double[msde == null ? nd : n * msde.stateDim()]; // a matrix SDE's per-path diffusion state
            aux = aug == null ? null : new double[n * aug.auxDim()];
            grad = aug == null ? null : new double[nd];
            for (int p = 0; aug != null && p < n; p++) {
                aug.initAux(aux, p);
            }
            fac = d == 1 ? null : new double[nd];
            z = new double[nodes * n * bw];
            inc = new double[nodes * n * bw];
            val = new double[n];
            g2 = new double[n];
            loss = new double[n];
            gn2 = new double[n];
            lr = new double[n];
            es = new double[n];
            mask = new double[n];
            Arrays.fill(mask, 1);
            fLoss = new double[n];
            fGn2 = new double[n];
            fLr = new double[n];
            frozen = new double[n * kc];
            phi1 = new double[n];
            phi2 = new double[n];
            i1 = new double[n];
            i2 = new double[n];
            alive = new boolean[n];
            Arrays.fill(alive, true);
            death = new long[n];
            Arrays.fill(death, -1);
            nAlive = n;
        }

        /** f, coefficients, divergence and learning rates at step k (time k·Δt). */
        void evaluate(long k) {
            f.values(x, n, val);
            if (aug != null) {
                aug.coefficients(k * dt, x, aux, n, drift, diff, g2, grad);
            } else if (msde != null) {
                msde.matrixCoefficients(x, n, drift, diff, g2);
            } else {
                sde.coefficients(x, n, drift, diff, g2);
            }
            if (StepKernels.current().diverging(val, g2, n, fStar, threshold)) { // rare: then path by path
                diverge(k);
            }
            for (int p = 0; p < n; p++) {
                loss[p] = val[p] - fStar;
            }
            System.arraycopy(g2, 0, gn2, 0, n);
            double gnSum = 0;
            if (coupled) { // E‖∇f‖ over the alive paths, for the coupled step rule only
                for (int p = 0; p < n; p++) {
                    if (alive[p]) {
                        gnSum += Math.sqrt(gn2[p]);
                    }
                }
            }
            rule.ratesAll(k * dt / eta, gn2, n, nAlive == 0 ? 0 : gnSum / nAlive, lr);
        }

        /** Freezes the last alive values of the paths that diverge at step k. */
        private void diverge(long k) {
            for (int p = 0; p < n; p++) {
                if (alive[p] && (!(val[p] - fStar <= threshold) || !Double.isFinite(g2[p]))) { // NaN-safe
                    alive[p] = false;
                    mask[p] = 0;
                    death[p] = k;
                    nAlive--;
                    fLoss[p] = loss[p];
                    fGn2[p] = gn2[p];
                    fLr[p] = lr[p];
                    System.arraycopy(x, p * d, frozen, p * kc, kc);
                    System.arraycopy(x0, 0, x, p * d, d); // finite working state, time factor 0 from now on
                    if (aug != null) {
                        aug.initAux(aux, p);
                    }
                }
            }
        }

        /** Time integrals (left Riemann sums, as Simulation.Integrals.add): ηₛ = lr/η on alive paths. */
        void integrals() {
            for (int p = 0; p < n; p++) {
                final double e = mask[p] * (lr[p] / eta);
                es[p] = e;
                phi1[p] += e * dt;
                phi2[p] += e * e * dt;
                i1[p] += e * gn2[p] * dt;
                i2[p] += e * e * gn2[p] * dt;
            }
        }

        /**
         * {@link #integrals} and {@link #move} in one pass over the chunk ({@link StepKernel#advance}),
         * for d = 1 and an SDE with a diagonal diffusion and no auxiliary state: the same operations
         * on every element, so the same bits.
         */
        void advance(long k) {
            final int m = (int) (k & (nodes - 1));
            if (m == 0) {
                bm.block(pStart, n, k >> level, dt0, z, inc);
            }
            StepKernels.current().advance(n, x, drift, diff, inc, m * n, mask, lr, eta, uniformRate, gn2, phi1, phi2,
                    i1, i2, dt);
        }

        /** The Euler–Maruyama step k → k + 1 (increments drawn at the start of each level-0 step). */
        void move(long k) {
            final int m = (int) (k & (nodes - 1)); // sub-step within the level-0 step
            if (m == 0) {
                bm.block(pStart, n, k >> level, dt0, z, inc);
            }
            if (msde != null) {
                msde.step(x, n, es, drift, diff, inc, m * n * bw, dt);
            } else if (d == 1) {
                EulerMaruyama.update(x, nd, es, drift, diff, inc, m * nd, dt);
            } else {
                for (int p = 0; p < n; p++) {
                    Arrays.fill(fac, p * d, p * d + d, es[p]);
                }
                EulerMaruyama.update(x, nd, fac, drift, diff, inc, m * nd, dt);
            }
            if (aug != null) { // the moments from the old state, with the same increments as X (bw = d unless a matrix SDE)
                aug.advance(k * dt, aux, grad, g2, n, inc, m * n * bw, dt, mask);
            }
        }

        void record(Rows out, int row, int c0, double t) {
            out.record(row, c0, n, t, x, frozen, alive, loss, gn2, lr, fLoss, fGn2, fLr, phi1, phi2, i1, i2);
        }
    }

    /** The recorded rows of a block: alive paths from the working arrays, diverged ones from their frozen copies. */
    private record Rows(int n, int kc, double[] times, double[] loss, double[] gn2, double[] lr, boolean[] alive,
                        double[] phi1, double[] phi2, double[] i1, double[] i2, double[] x) {
        /** Row {@code row} of the chunk of {@code m} paths at block offset c0. */
        void record(int row, int c0, int m, double t, double[] xs, double[] frozen, boolean[] al, double[] l,
                    double[] g, double[] r, double[] fl, double[] fg, double[] fr, double[] q1, double[] q2,
                    double[] j1, double[] j2) {
            final int d = xs.length / m;
            final int o = row * n + c0;
            times[row] = t;
            System.arraycopy(q1, 0, phi1, o, m);
            System.arraycopy(q2, 0, phi2, o, m);
            System.arraycopy(j1, 0, i1, o, m);
            System.arraycopy(j2, 0, i2, o, m);
            System.arraycopy(al, 0, alive, o, m);
            for (int p = 0; p < m; p++) {
                final boolean a = al[p];
                loss[o + p] = a ? l[p] : fl[p];
                gn2[o + p] = a ? g[p] : fg[p];
                lr[o + p] = a ? r[p] : fr[p];
                if (kc > 0) {
                    System.arraycopy(a ? xs : frozen, a ? p * d : p * kc, x, (o + p) * kc, kc);
                }
            }
        }
    }

    /**
     * Merges blocks (any order; together they must cover [0, P) exactly) into statistics rows, as
     * {@link Simulation} would: every recorded row is kept, also after every path has diverged
     * (then the row has runs = 0 and diverged = P).
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
            out.add(RoundStats.of(first.rounds()[r], first.times()[r], loss, gn2, lr, alive, q1, q2, i1, i2, xs,
                    kc, kc));
        }
        return out;
    }
}
