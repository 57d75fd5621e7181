package org.distsde.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How closely an SDE tracks its optimizer: the time average over the recorded rounds k &gt; 0 of
 * |log E f(x_k) − log E f(X_{kη})| (means over the alive runs / paths), with a Monte Carlo error.
 * Per row the standard error of log(mean) is std/(mean·√n) (delta method) for each side, combined
 * in quadrature; the error of the time average is the average of the rows' errors, the bound for
 * fully correlated rows (the same runs at every time), so it is conservative. Rows where a side
 * has no alive run or a non-positive mean are skipped and counted.
 *
 * @param meanAbsLogDiff the time-averaged |Δ log E f|
 * @param se             its Monte Carlo standard error (conservative)
 * @param rows           rows averaged
 * @param skipped        rows skipped
 */
public record Tracking(double meanAbsLogDiff, double se, int rows, int skipped) implements java.io.Serializable {
    /** Matches the rows of the two series by round. */
    public static Tracking of(List<RoundStats> optimizer, List<RoundStats> sde) {
        final Map<Integer, RoundStats> byRound = new HashMap<>();
        for (RoundStats s : optimizer) {
            byRound.put(s.round(), s);
        }
        double sum = 0, seSum = 0;
        int n = 0, skipped = 0;
        for (RoundStats b : sde) {
            final RoundStats a = byRound.get(b.round());
            if (a == null || b.round() == 0) {
                continue;
            }
            if (a.runs() < 2 || b.runs() < 2 || !(a.loss().mean() > 0) || !(b.loss().mean() > 0)) {
                skipped++;
                continue;
            }
            final double ea = a.loss().std() / (a.loss().mean() * Math.sqrt(a.runs()));
            final double eb = b.loss().std() / (b.loss().mean() * Math.sqrt(b.runs()));
            sum += Math.abs(Math.log(a.loss().mean()) - Math.log(b.loss().mean()));
            seSum += Math.sqrt(ea * ea + eb * eb);
            n++;
        }
        return n == 0 ? new Tracking(Double.NaN, Double.NaN, 0, skipped) : new Tracking(sum / n, seSum / n, n, skipped);
    }
}
