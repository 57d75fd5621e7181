package org.distsde.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.distsde.rng.KeyedStream;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Rows;
import org.junit.jupiter.api.Test;

/** The stationary averages and their batch-means standard errors. */
class TimeWindowTest {
    static List<RoundStats> rows(double[] v) {
        final List<RoundStats> out = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            out.add(Rows.row(i, i, 0, 0, 0, 10, 0, v[i], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        }
        return out;
    }

    /** Only the last half is averaged; 200 rows give 20 batches; the mean is exact. */
    @Test
    void lastHalfAndBatches() {
        final double[] v = new double[201];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < 100 ? 1000 : 5; // a transient, then a constant
        }
        final TimeWindow w = TimeWindow.lastHalf(rows(v), q -> q.loss().mean());
        assertEquals(5, w.value(), 1e-12);
        assertEquals(0, w.se(), 1e-12);
        assertEquals(101, w.rows());
        assertEquals(20, w.batches());
        assertEquals(100, w.from(), 0);
    }

    /**
     * An AR(1) series x_{i+1} = a x_i + z_i with a = 0.5 (correlation time ~1.4 rows): over 400
     * replications the batch-means intervals mean ± t·SE (t of 19 degrees of freedom at 95%) cover the
     * true mean 0 at a rate within the Binomial(400, 0.95) range of probability 1 − 1e-3, while
     * the naive sd/√n ignoring the correlation (1.7 times too small here) would cover about 74%.
     * Bug caught: a standard error that treats correlated rows as independent.
     */
    @Test
    void batchMeansCoverCorrelatedSeries() {
        final KeyedStream rng = new KeyedStream(3, KeyedStream.Purpose.CHECK);
        final double t = org.apache.commons.statistics.distribution.TDistribution.of(19)
                .inverseSurvivalProbability(0.025);
        int covered = 0;
        for (int rep = 0; rep < 400; rep++) {
            final double[] v = new double[800];
            double x = 0;
            for (int i = 0; i < v.length; i++) {
                rng.at(rep, i, 0);
                x = 0.5 * x + gaussian(rng);
                v[i] = x;
            }
            final TimeWindow w = TimeWindow.lastHalf(rows(v), q -> q.loss().mean());
            covered += Math.abs(w.value()) <= t * w.se() ? 1 : 0;
        }
        System.out.println("AR(1) batch-means coverage " + covered + "/400");
        final var b = org.apache.commons.statistics.distribution.BinomialDistribution.of(400, 0.95);
        assertTrue(covered >= b.inverseCumulativeProbability(5e-4) && covered <= b.inverseSurvivalProbability(5e-4),
                "coverage " + covered + "/400");
    }

    /** A standard normal from two uniforms (Box–Muller). */
    static double gaussian(KeyedStream rng) {
        return Math.sqrt(-2 * Math.log(rng.nextOpenDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
