package org.distsde.verify;

import java.io.Serializable;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.distsde.sim.RoundStats;

/**
 * A stationary value: the average of a per-row quantity (a mean or a variance over the runs) over the
 * rows recorded in the last half of the run, t ≥ T/2, with a batch-means standard error: the window's
 * rows are cut into B = min(10, n/2) contiguous batches, and SE = sd(batch means)/√B, which contains the
 * rows' correlation in time as long as a batch is longer than it (the window's relaxation times are
 * stated with each config); the decision then uses Student's t with B − 1 degrees of freedom.
 *
 * @param value   the average
 * @param se      its batch-means standard error (NaN below four rows)
 * @param batches B
 * @param rows    rows averaged
 * @param from    the window's first time
 */
public record TimeWindow(double value, double se, int batches, int rows, double from) implements Serializable {
    /** The window of {@code q} over rows with t ≥ fraction·T (fraction = 0.5: the last half). */
    public static TimeWindow of(List<RoundStats> all, ToDoubleFunction<RoundStats> q, double fraction) {
        final double from = fraction * all.get(all.size() - 1).time();
        final double[] v = all.stream().filter(r -> r.time() >= from && r.runs() >= 2).mapToDouble(q).toArray();
        final int n = v.length;
        if (n == 0) {
            return new TimeWindow(Double.NaN, Double.NaN, 0, 0, from);
        }
        double mean = 0;
        for (double x : v) {
            mean += x / n;
        }
        final int b = Math.max(Math.min(20, n / 5), Math.min(2, n / 2));
        if (b < 2) {
            return new TimeWindow(mean, Double.NaN, b, n, from);
        }
        final double[] bm = new double[b];
        for (int i = 0; i < b; i++) {
            final int lo = (int) ((long) n * i / b), hi = (int) ((long) n * (i + 1) / b);
            for (int j = lo; j < hi; j++) {
                bm[i] += v[j] / (hi - lo);
            }
        }
        double bmMean = 0;
        for (double x : bm) {
            bmMean += x / b;
        }
        double ss = 0;
        for (double x : bm) {
            ss += (x - bmMean) * (x - bmMean);
        }
        return new TimeWindow(mean, Math.sqrt(ss / (b - 1) / b), b, n, from);
    }

    /** The last half. */
    public static TimeWindow lastHalf(List<RoundStats> all, ToDoubleFunction<RoundStats> q) {
        return of(all, q, 0.5);
    }
}
