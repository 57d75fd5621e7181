package org.distsde.sde.refine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.distsde.config.SdeScheme;
import org.distsde.sim.RoundStats;

/**
 * The Δt refinement of one SDE series: levels Δt₀, Δt₀/2, Δt₀/4, … integrated with coupled Brownian
 * paths are added one at a time ({@link #add}) until every {@link Statistic} at every recorded row
 * changes by less than the relative tolerance between the last two levels (and the fraction of
 * diverged paths by less than the tolerance, absolutely), or the maximum number of halvings is done.
 * A Talay–Tubaro series needs two differences (three levels) before it can stop, since its
 * estimate 2S_ℓ − S_{ℓ−1} and the previous one must both exist.
 *
 * <p>What the checks read: {@link #resolved()} (the finest level, or its Talay–Tubaro
 * extrapolation), {@link #coarser()} and {@link #coarsest()} (the same estimate one and two levels
 * coarser) and {@link #order()} (the weak order p of the estimates: 1 for Euler–Maruyama, 2 for
 * Talay–Tubaro). With the geometric sequence Δt_ℓ = Δt₀/2^ℓ and an error C·Δt^p, the difference
 * |S_{L−1} − S_L| = C·Δt_L^p(2^p − 1) estimates (2^p − 1) times the error of the <i>finer</i> level
 * L: for Euler–Maruyama exactly the finer level's error, not an overestimate of it. The margin
 * for levels that are not yet in that regime is {@link DiscretisationError}'s.
 *
 * <p>A path that diverges at the finest level but not at a coarser one is an Euler–Maruyama
 * blow-up (explicit schemes explode on superlinear drifts with a probability that falls as Δt
 * does), not an explosion of the SDE: {@link #divergence()} says which the levels show.
 */
public final class Refinement implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double tolerance;
    private final int maxRefinements;
    private final SdeScheme scheme;
    private final List<LevelStats> levels = new ArrayList<>();
    private double lastChange = Double.NaN;
    private String worst = "";

    public Refinement(double tolerance, int maxRefinements, SdeScheme scheme) {
        this.tolerance = tolerance;
        this.maxRefinements = maxRefinements;
        this.scheme = scheme;
    }

    /** Adds the next level (levels must come in order 0, 1, 2, …) and says whether the series is done. */
    public boolean add(LevelStats l) {
        if (l.level() != levels.size()) {
            throw new IllegalArgumentException("expected level " + levels.size() + " (got " + l.level() + ")");
        }
        levels.add(l);
        if (levels.size() >= 2) {
            final List<RoundStats> a = estimate(levels.size() - 1), b = estimate(levels.size() - 2);
            if (a != null && b != null) {
                final double[] c = maxChange(a, b);
                lastChange = c[0];
                worst = describe((int) c[1], (int) c[2], a);
            }
        }
        return done();
    }

    /** True when converged or out of halvings. */
    public boolean done() {
        return converged() || levels.size() > maxRefinements;
    }

    /** True when the last two estimates agree within the tolerance. */
    public boolean converged() {
        return lastChange <= tolerance;
    }

    /** Levels so far. */
    public List<LevelStats> levels() {
        return List.copyOf(levels);
    }

    /** The level to integrate next. */
    public int nextLevel() {
        return levels.size();
    }

    /** The resolved estimate: the finest level or its Talay–Tubaro extrapolation. */
    public List<RoundStats> resolved() {
        final List<RoundStats> r = estimate(levels.size() - 1);
        return r != null ? r : levels.get(levels.size() - 1).rows();
    }

    /** The same estimate one level coarser, or null when there is none. */
    public List<RoundStats> coarser() {
        return levels.size() < 2 ? null : estimate(levels.size() - 2);
    }

    /**
     * The same estimate two levels coarser, or null when there is none (fewer than three levels; for
     * Talay–Tubaro fewer than four).
     */
    public List<RoundStats> coarsest() {
        return levels.size() < 3 ? null : estimate(levels.size() - 3);
    }

    /** The weak order of the estimates: 1 (Euler–Maruyama), 2 (Talay–Tubaro). */
    public int order() {
        return order(scheme);
    }

    /** The weak order of a scheme's estimates. */
    public static int order(SdeScheme scheme) {
        return scheme == SdeScheme.TALAY_TUBARO ? 2 : 1;
    }

    /** The scheme. */
    public SdeScheme scheme() {
        return scheme;
    }

    /** Diverged paths at the last recorded row of each level, coarsest first. */
    public int[] divergedByLevel() {
        final int[] d = new int[levels.size()];
        for (int l = 0; l < d.length; l++) {
            final List<RoundStats> rows = levels.get(l).rows();
            d[l] = rows.get(rows.size() - 1).diverged();
        }
        return d;
    }

    /**
     * What the diverged paths of the levels say: empty when no level diverged; otherwise whether the
     * divergence of the finest level shrinks as Δt halves (an Euler–Maruyama blow-up: a property of
     * the scheme, not of the SDE) or persists (consistent with an explosion of the SDE itself).
     */
    public String divergence() {
        return divergence(divergedByLevel(), levels.get(levels.size() - 1).dt());
    }

    /** {@link #divergence()} from the diverged counts per level (coarsest first) and the finest Δt. */
    public static String divergence(int[] diverged, double finestDt) {
        final int n = diverged.length;
        if (n == 0 || java.util.Arrays.stream(diverged).allMatch(v -> v == 0)) {
            return "";
        }
        final String counts = java.util.Arrays.toString(diverged);
        final String at = Double.isNaN(finestDt) ? "" : String.format(java.util.Locale.ROOT, " (finest dt = %.4g)",
                finestDt);
        final int fine = diverged[n - 1];
        if (n == 1) {
            return fine + " path(s) diverged" + at + " and there is no coarser level: an Euler-Maruyama blow-up "
                    + "cannot be told from an explosion of the SDE";
        }
        final int coarse = diverged[n - 2];
        if (fine < coarse) {
            return "Euler-Maruyama blow-up: diverged paths per level " + counts + " shrink as dt halves" + at
                    + ": a property of the scheme, not an explosion of the SDE";
        }
        if (coarse == 0) {
            return "diverged paths per level " + counts + " appear only at the finest level" + at + ": an "
                    + "Euler-Maruyama blow-up cannot be told from an explosion of the SDE";
        }
        return "diverged paths per level " + counts + " do not shrink as dt halves" + at + ": consistent with an "
                + "explosion of the SDE itself";
    }

    /** The Δt of the finest level. */
    public double finestDt() {
        return levels.get(levels.size() - 1).dt();
    }

    /** Estimate at level ℓ: the level (Euler–Maruyama) or 2S_ℓ − S_{ℓ−1} (Talay–Tubaro; null for ℓ = 0). */
    List<RoundStats> estimate(int level) {
        if (scheme == SdeScheme.EULER_MARUYAMA) {
            return levels.get(level).rows();
        }
        return level == 0 ? null : TalayTubaro.extrapolate(levels.get(level).rows(), levels.get(level - 1).rows());
    }

    /** The summary a report shows. */
    public Summary summary() {
        final int n = levels.size();
        final LevelStats fine = levels.get(n - 1);
        final int last = fine.rows().size() - 1;
        // the final loss mean: discretisation error, its Monte Carlo error, order, Richardson value
        double diff = Double.NaN, diffSe = Double.NaN, richardson = Double.NaN;
        if (n >= 2) {
            final LevelStats coarse = levels.get(n - 2);
            diff = Statistic.LOSS_MEAN.of(coarse.rows().get(last)) - Statistic.LOSS_MEAN.of(fine.rows().get(last));
            diffSe = differenceSe(coarse, fine, last, Statistic.LOSS_MEAN);
            richardson = Statistic.LOSS_MEAN.of(fine.rows().get(last)) - diff; // p = 1: S_L + (S_L − S_{L−1})
        }
        final List<RoundStats> c1 = coarser(), c2 = coarsest();
        final double fin = Statistic.LOSS_MEAN.of(resolved().get(last));
        final DiscretisationError d = DiscretisationError.of(fin,
                c1 == null ? Double.NaN : Statistic.LOSS_MEAN.of(c1.get(last)),
                c2 == null ? Double.NaN : Statistic.LOSS_MEAN.of(c2.get(last)), order());
        final WeakOrderFit fit = scheme == SdeScheme.TALAY_TUBARO ? extrapolatedOrder(Statistic.LOSS_MEAN, last)
                : order(Statistic.LOSS_MEAN, last);
        return new Summary(scheme.id(), n, levels.get(0).dt(), fine.dt(), converged(), tolerance, lastChange, worst,
                fin, Math.abs(diff), diffSe, richardson, fit, order(), d.value(), d.regime(), divergedByLevel(),
                divergence());
    }

    /**
     * The weak order of the configured scheme's estimates of statistic {@code s} at row {@code row}:
     * {@link #order(Statistic, int)} for Euler–Maruyama, {@link #extrapolatedOrder} for Talay–Tubaro
     * (whose order 2 is then a measured output, not an assumption).
     */
    public WeakOrderFit schemeOrder(Statistic s, int row) {
        return scheme == SdeScheme.TALAY_TUBARO ? extrapolatedOrder(s, row) : order(s, row);
    }

    /** The first level with an estimate of the scheme: 0 (Euler–Maruyama), 1 (Talay–Tubaro). */
    public int firstEstimateLevel() {
        return scheme == SdeScheme.TALAY_TUBARO ? 1 : 0;
    }

    /** The scheme's estimate of statistic s at row {@code row} from level ℓ ({@link #firstEstimateLevel()} ≤ ℓ). */
    public double estimate(Statistic s, int level, int row) {
        return s.of(estimate(level).get(row));
    }

    /**
     * The batch-means standard error of the scheme's estimates' difference E_ℓ − E_{ℓ+1}: S_ℓ − S_{ℓ+1}
     * (Euler–Maruyama), or (2S_ℓ − S_{ℓ−1}) − (2S_{ℓ+1} − S_ℓ) = −S_{ℓ−1} + 3S_ℓ − 2S_{ℓ+1}
     * (Talay–Tubaro).
     */
    public double estimateDiffSe(Statistic s, int level, int row) {
        if (scheme == SdeScheme.TALAY_TUBARO) {
            return combinationSe(new double[] {-1, 3, -2}, new LevelStats[] {levels.get(level - 1), levels.get(level),
                levels.get(level + 1)}, row, s);
        }
        return differenceSe(levels.get(level), levels.get(level + 1), row, s);
    }

    /**
     * The weak order fitted on the Euler–Maruyama levels' consecutive differences of statistic
     * {@code s} at row {@code row}.
     */
    public WeakOrderFit order(Statistic s, int row) {
        final int n = levels.size() - 1;
        final double[] dt = new double[n], d = new double[n], se = new double[n];
        for (int l = 0; l < n; l++) {
            dt[l] = levels.get(l).dt();
            final double a = s.of(levels.get(l).rows().get(row)), b = s.of(levels.get(l + 1).rows().get(row));
            d[l] = roundoff(a - b, a, b);
            se[l] = differenceSe(levels.get(l), levels.get(l + 1), row, s);
        }
        return WeakOrderFit.of(dt, d, se);
    }

    /**
     * The weak order of the Talay–Tubaro estimates T_ℓ = 2S_ℓ − S_{ℓ−1} (ℓ ≥ 1), fitted on their
     * consecutive differences T_ℓ − T_{ℓ+1} = −S_{ℓ−1} + 3S_ℓ − 2S_{ℓ+1} at Δt_ℓ: levels 0 … L give
     * L − 1 differences (two need four levels).
     */
    public WeakOrderFit extrapolatedOrder(Statistic s, int row) {
        final int n = Math.max(0, levels.size() - 2);
        final double[] dt = new double[n], d = new double[n], se = new double[n];
        final double[] c = {-1, 3, -2};
        for (int i = 0; i < n; i++) {
            final LevelStats[] ls = {levels.get(i), levels.get(i + 1), levels.get(i + 2)};
            dt[i] = ls[1].dt();
            for (int j = 0; j < 3; j++) {
                d[i] += c[j] * s.of(ls[j].rows().get(row));
            }
            se[i] = combinationSe(c, ls, row, s);
            d[i] = roundoff(d[i], s.of(ls[1].rows().get(row)), s.of(ls[2].rows().get(row)));
        }
        return WeakOrderFit.of(dt, d, se);
    }

    /**
     * A difference at the level of floating-point rounding of its terms is no discretisation error
     * (e.g. φ¹ of a deterministic scheduler): 0, which the order fit skips.
     */
    static double roundoff(double diff, double a, double b) {
        return Math.abs(diff) <= 1e-11 * Math.max(Math.abs(a), Math.abs(b)) ? 0 : diff;
    }

    /** Batch-means standard error of S(a) − S(b) at a row (NaN without batches). */
    public static double differenceSe(LevelStats a, LevelStats b, int row, Statistic s) {
        return combinationSe(new double[] {1, -1}, new LevelStats[] {a, b}, row, s);
    }

    /** Batch-means standard error of Σ cᵢ S(levelᵢ) at a row (NaN without batches). */
    public static double combinationSe(double[] c, LevelStats[] ls, int row, Statistic s) {
        final int nb = ls[0].batches();
        for (LevelStats l : ls) {
            if (l.batches() != nb) {
                return Double.NaN;
            }
        }
        if (nb < 2) {
            return Double.NaN;
        }
        double sum = 0, sum2 = 0;
        int k = 0;
        for (int i = 0; i < nb; i++) {
            double x = 0;
            for (int j = 0; j < c.length; j++) {
                x += c[j] * ls[j].batch(row, s, i);
            }
            if (Double.isFinite(x)) {
                sum += x;
                sum2 += x * x;
                k++;
            }
        }
        if (k < 2) {
            return Double.NaN;
        }
        final double m = sum / k;
        return Math.sqrt(Math.max(0, (sum2 - k * m * m) / (k - 1)) / k);
    }

    /**
     * {max relative change, statistic index (−1: diverged fraction), row} between two estimates.
     * The change of a statistic is |a − b| / max(|a|, |b|) (0 when both are 0).
     */
    static double[] maxChange(List<RoundStats> a, List<RoundStats> b) {
        double worst = 0;
        int ws = 0, wr = 0;
        for (int r = 0; r < a.size(); r++) {
            final RoundStats x = a.get(r), y = b.get(r);
            final double fx = (double) x.diverged() / Math.max(1, x.runs() + x.diverged());
            final double fy = (double) y.diverged() / Math.max(1, y.runs() + y.diverged());
            if (Math.abs(fx - fy) > worst) {
                worst = Math.abs(fx - fy);
                ws = -1;
                wr = r;
            }
            if (x.runs() == 0 || y.runs() == 0) {
                continue;
            }
            for (Statistic s : Statistic.values()) {
                final double u = s.of(x), v = s.of(y);
                if (Double.isNaN(u) && Double.isNaN(v)) {
                    continue;
                }
                final double scale = Math.max(Math.abs(u), Math.abs(v));
                final double c = scale == 0 ? 0 : !Double.isFinite(u - v) ? Double.POSITIVE_INFINITY
                        : Math.abs(u - v) / scale;
                if (c > worst || Double.isNaN(c)) {
                    worst = Double.isNaN(c) ? Double.POSITIVE_INFINITY : c;
                    ws = s.ordinal();
                    wr = r;
                }
            }
        }
        return new double[] {worst, ws, wr};
    }

    private static String describe(int s, int row, List<RoundStats> rows) {
        return (s < 0 ? "diverged_fraction" : Statistic.values()[s].column()) + " at round " + rows.get(row).round();
    }

    /**
     * What a report shows of a refinement.
     *
     * @param scheme        euler-maruyama or talay-tubaro
     * @param levels        levels integrated
     * @param baseDt        Δt₀
     * @param finestDt      Δt of the finest level
     * @param converged     the last change was within the tolerance
     * @param tolerance     the relative tolerance
     * @param lastChange    the largest relative change between the last two estimates
     * @param worst         which statistic and round had it
     * @param finalLoss     the resolved estimate's final loss mean
     * @param discretisationError |S_{L−1} − S_L| of the final loss mean (Euler–Maruyama levels): with
     *                      weak order 1 and Δt halving, the estimate of the error of the finer level L
     * @param discretisationSe its batch-means standard error
     * @param richardson    2S_L − S_{L−1} of the final loss mean
     * @param order         weak order fitted on the final loss mean over the levels, of the configured
     *                      scheme (Talay–Tubaro: on its extrapolated estimates)
     * @param schemeOrder   the weak order p the scheme's estimates have in theory (1 or 2)
     * @param finalLossError D of the resolved final loss mean ({@link DiscretisationError}, with its
     *                      margin); NaN with one level
     * @param finalLossErrorRegime how that D was obtained
     * @param divergedByLevel diverged paths at the final row of each level, coarsest first
     * @param divergence    {@link #divergence()}
     */
    public record Summary(String scheme, int levels, double baseDt, double finestDt, boolean converged,
                          double tolerance, double lastChange, String worst, double finalLoss,
                          double discretisationError, double discretisationSe, double richardson,
                          WeakOrderFit order, int schemeOrder, double finalLossError, String finalLossErrorRegime,
                          int[] divergedByLevel, String divergence) implements Serializable { }
}
