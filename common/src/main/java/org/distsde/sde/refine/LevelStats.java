package org.distsde.sde.refine;

import java.io.Serializable;
import java.util.List;
import org.distsde.sde.SdeSimulation;
import org.distsde.sim.RoundStats;

/**
 * One Δt level of an SDE series: its statistics rows and, for the Monte Carlo error of differences
 * between coupled levels, batch means. The paths are cut into {@code batches} contiguous batches
 * (path p in batch ⌊p·B/P⌋, the same at every level, so batch b of two levels holds the same
 * Brownian paths); for every recorded row and every {@link Statistic} the mean over the alive paths
 * of each batch is kept. The standard error of a difference of two levels is then the standard
 * deviation of the batch differences over √B (batch means, with the coupling's correlation in).
 *
 * @param level  number of Δt halvings from the base step
 * @param dt     the step Δt₀/2^level
 * @param rows   the statistics rows (all paths)
 * @param batchMeans flat [(row·Q + statistic)·B + batch], NaN where a batch has no alive path
 * @param batches  B
 */
public record LevelStats(int level, double dt, List<RoundStats> rows, double[] batchMeans, int batches)
        implements Serializable {
    public LevelStats {
        rows = List.copyOf(rows);
        if (batchMeans.length != rows.size() * Statistic.COUNT * batches) {
            throw new IllegalArgumentException("batchMeans must hold rows x statistics x batches values");
        }
    }

    /** Default number of batches for the batch-means standard errors. */
    public static final int DEFAULT_BATCHES = 32;

    /** Batch mean of statistic {@code s} at row {@code row}, batch {@code b}. */
    public double batch(int row, Statistic s, int b) {
        return batchMeans[(row * Statistic.COUNT + s.ordinal()) * batches + b];
    }

    /**
     * Builds a level from its path blocks (any order, tiling [0, P)) and the rows combined from them.
     */
    public static LevelStats of(int level, double dt, List<RoundStats> rows, List<SdeSimulation.Block> blocks,
                                int batches) {
        int paths = 0;
        for (SdeSimulation.Block b : blocks) {
            paths = Math.max(paths, b.p1());
        }
        final int nb = Math.max(1, Math.min(batches, paths));
        final int nrows = blocks.get(0).rounds().length;
        final double[] sum = new double[nrows * Statistic.COUNT * nb];
        final int[] count = new int[nrows * nb];
        for (SdeSimulation.Block blk : blocks) {
            final int n = blk.size();
            final double[][] src = {blk.loss(), blk.gradNormSq(), blk.phi1(), blk.phi2(), blk.intEta(), blk.intEta2()};
            for (int r = 0; r < nrows; r++) {
                for (int i = 0; i < n; i++) {
                    final int at = r * n + i;
                    if (!blk.alive()[at]) {
                        continue;
                    }
                    final int b = (int) ((long) (blk.p0() + i) * nb / paths);
                    count[r * nb + b]++;
                    for (int q = 0; q < Statistic.COUNT; q++) {
                        sum[(r * Statistic.COUNT + q) * nb + b] += src[q][at];
                    }
                }
            }
        }
        if (rows.size() != nrows) {
            throw new IllegalArgumentException("rows (" + rows.size() + ") and blocks (" + nrows + " rows) differ");
        }
        for (int r = 0; r < nrows; r++) {
            for (int q = 0; q < Statistic.COUNT; q++) {
                for (int b = 0; b < nb; b++) {
                    final int c = count[r * nb + b];
                    sum[(r * Statistic.COUNT + q) * nb + b] = c == 0 ? Double.NaN : sum[(r * Statistic.COUNT + q) * nb + b] / c;
                }
            }
        }
        return new LevelStats(level, dt, rows, sum, nb);
    }

    /** A level with no batch information (standard errors NaN), e.g. an extrapolated one. */
    public static LevelStats withoutBatches(int level, double dt, List<RoundStats> rows) {
        return new LevelStats(level, dt, rows, new double[0], 0);
    }
}
