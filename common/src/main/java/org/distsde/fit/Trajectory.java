package org.distsde.fit;

import java.util.Arrays;
import org.distsde.config.ConfigException;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.Simulation;

/**
 * The path along which the noise is fitted: the config's optimizer, with its schedule and
 * normalization, run for R runs ({@link Simulation} with the {@link LocalAggregator}; run r draws
 * the streams of the config's run r), every round recorded. It keeps, per round and run, ‖∇f‖²,
 * the learning rate and whether the run is alive (for the learning-rate conditions), and the K
 * fit points of one run.
 *
 * <p><b>The run.</b> The lowest-numbered run alive at the last round; when every run diverges,
 * the one alive longest (its rounds up to its divergence, and all of them when they are fewer
 * than K). With the "theorem" normalization that
 * couples the runs (E‖∇f‖ over the runs), E‖∇f‖ is over these R runs, not the config's.
 *
 * <p><b>The points.</b> K distinct rounds of that run whose ln‖∇f(x_k)‖² are spread evenly between
 * their smallest and largest values on the run: for q = 0 … K−1 the round not yet taken whose
 * ln‖∇f‖² is nearest to min + (max − min)·q/(K − 1) (ties to the earlier round). The affine
 * variance model is then seen both where σ0² and where σ1²‖∇f‖² dominates, which a spread even
 * in rounds would not give on a trajectory whose gradient shrinks by orders of magnitude. Rounds
 * with ‖∇f‖ = 0, or a trajectory whose ‖∇f‖² does not vary, fall back to K rounds evenly spaced.
 *
 * <p>Immutable once built (serializable: the Spark job builds trajectories in tasks).
 */
public final class Trajectory implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int runs;
    private final int run;
    private final int lastRound;
    private final double[][] gn2;
    private final double[][] lr;
    private final boolean[][] alive;
    private final FitPoints points;
    private final String note;

    private Trajectory(int runs, int run, int lastRound, double[][] gn2, double[][] lr, boolean[][] alive,
                       FitPoints points, String note) {
        this.runs = runs;
        this.run = run;
        this.lastRound = lastRound;
        this.gn2 = gn2;
        this.lr = lr;
        this.alive = alive;
        this.points = points;
        this.note = note;
    }

    /**
     * Runs the trajectory and picks its points.
     *
     * @param points K ≥ 3 (two constants and a residual)
     * @param runs   R ≥ 1
     * @throws ConfigException when the run has fewer than 3 rounds, or fewer than K without diverging
     *                         (when every run diverges, the points are all the rounds of the one that
     *                         lasted longest, K or fewer, with a {@link #note})
     */
    public static Trajectory of(ExperimentConfig cfg, int points, int runs) {
        if (points < 3) {
            throw new ConfigException("--points must be >= 3 (got " + points + ")");
        }
        if (runs < 1) {
            throw new ConfigException("--trajectory-runs must be >= 1 (got " + runs + ")");
        }
        final ExperimentConfig tc = traced(cfg, runs);
        final int n = cfg.rounds() + 1;
        final double[][] gn2 = new double[n][], lr = new double[n][];
        final boolean[][] alive = new boolean[n][];
        new Simulation(tc).run(new LocalAggregator(tc), 0, runs, (k, loss, g, l, a, in, x, update) -> {
            gn2[k] = g.clone();
            lr[k] = l.clone();
            alive[k] = a.clone();
        });
        int best = -1, bestLast = -1;
        for (int r = 0; r < runs; r++) {
            int last = -1;
            while (last + 1 < n && alive[last + 1][r]) {
                last++;
            }
            if (last > bestLast) {
                best = r;
                bestLast = last;
            }
        }
        if (bestLast < 0) {
            throw new ConfigException("the trajectory diverges at x0 (f(x0) - f* above divergenceThreshold)");
        }
        final double[] g = new double[bestLast + 1];
        for (int k = 0; k <= bestLast; k++) {
            g[k] = gn2[k][best];
        }
        String note = "";
        if (g.length < points) {
            final String why = bestLast < cfg.rounds() ? " (every one of its " + runs + " runs diverged; run " + best
                    + " lasted longest)" : "";
            if (g.length < 3) {
                throw new ConfigException("the trajectory has " + g.length + " round(s), fewer than the 3 points a fit "
                        + "needs" + why);
            }
            if (bestLast == cfg.rounds()) {
                throw new ConfigException("--points " + points + " exceeds the " + g.length + " rounds of the trajectory");
            }
            note = "fitted at " + g.length + " points, not " + points + ": the trajectory has " + g.length
                    + " rounds" + why;
        }
        final int[] chosen = spread(g, Math.min(points, g.length));
        final int kk = chosen.length;
        final double[][] xs = new double[kk][];
        final int d = cfg.buildObjective().dim();
        final int r = best;
        new Simulation(tc).run(new LocalAggregator(tc), 0, runs, (k, loss, gg, l, a, in, x, update) -> {
            final int t = Arrays.binarySearch(chosen, k);
            if (t >= 0) {
                xs[t] = Arrays.copyOfRange(x, r * d, r * d + d);
            }
        });
        final double[] pg = new double[kk];
        for (int t = 0; t < kk; t++) {
            pg[t] = g[chosen[t]];
        }
        return new Trajectory(runs, best, bestLast, gn2, lr, alive, new FitPoints(chosen, xs, pg), note);
    }

    /** The config with R runs, every round recorded. */
    static ExperimentConfig traced(ExperimentConfig c, int runs) {
        return new ExperimentConfig(c.name(), c.description(), c.seed(), runs, c.rounds(), 1, c.optimizer(),
                c.agents(), c.eta(), c.objective(), c.x0(), c.noise(), c.compression(), c.schedule(),
                c.normalization(), c.smoothness(), c.divergenceThreshold(), c.signSampling(), c.layout(), c.sde(),
                c.recordCoordinates(), c.adaptive());
    }

    /** K distinct indices into g (increasing) spread evenly in ln g (see the class comment). */
    static int[] spread(double[] g, int k) {
        final int n = g.length;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        boolean positive = true;
        for (double v : g) {
            if (!(v > 0) || Double.isInfinite(v)) {
                positive = false;
                break;
            }
            lo = Math.min(lo, Math.log(v));
            hi = Math.max(hi, Math.log(v));
        }
        final int[] out = new int[k];
        if (!positive || !(hi - lo > 1e-9)) {
            for (int q = 0; q < k; q++) {
                out[q] = (int) ((long) q * (n - 1) / (k - 1));
            }
            return out;
        }
        final boolean[] taken = new boolean[n];
        for (int q = 0; q < k; q++) {
            final double target = lo + (hi - lo) * q / (k - 1);
            int pick = -1;
            double dist = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!taken[i]) {
                    final double e = Math.abs(Math.log(g[i]) - target);
                    if (e < dist) {
                        dist = e;
                        pick = i;
                    }
                }
            }
            taken[pick] = true;
            out[q] = pick;
        }
        Arrays.sort(out);
        return out;
    }

    /** The fit points. */
    public FitPoints points() {
        return points;
    }

    /** Why there are fewer points than asked for (every run diverged first); empty otherwise. */
    public String note() {
        return note;
    }

    /** R. */
    public int runs() {
        return runs;
    }

    /** The run the points come from. */
    public int run() {
        return run;
    }

    /** The last round at which that run is alive (rounds when it never diverges). */
    public int lastRound() {
        return lastRound;
    }

    /** The number of rounds + 1 (rounds 0 … rounds). */
    public int length() {
        return gn2.length;
    }

    /** ‖∇f‖² of run r at round k (meaningful where {@link #alive}). */
    public double gradNormSq(int k, int r) {
        return gn2[k][r];
    }

    /** The learning rate η·ηₖ·(normalization) of run r at round k (meaningful where alive). */
    public double rate(int k, int r) {
        return lr[k][r];
    }

    public boolean alive(int k, int r) {
        return alive[k][r];
    }
}
