package org.distsde.sim;

import org.distsde.stats.HillEstimator;

/** Hand-made {@link RoundStats} rows for tests: the scalar fields in the metrics table's order. */
public final class Rows {
    private Rows() { }

    /** A row without coordinate moments and tail indices; {@code cov} the integrals' covariance (null: none). */
    public static RoundStats row(int round, double time, double lr, double lrMin, double lrMax, int runs, int diverged,
                                 double lossMean, double lossStd, double p05, double p50, double p95, double gradNormSq,
                                 double gradNorm, double phi1, double phi2, double intEta, double intEta2, double[] cov) {
        return new RoundStats(round, time, runs, diverged, new RoundStats.Rate(lr, lrMin, lrMax),
                new RoundStats.Loss(lossMean, lossStd, p05, p50, p95), new RoundStats.Gradient(gradNormSq, gradNorm),
                new RoundStats.Integrals(phi1, phi2, intEta, intEta2, cov), RoundStats.Moments.NONE,
                HillEstimator.Estimate.NONE, HillEstimator.Estimate.NONE);
    }
}
