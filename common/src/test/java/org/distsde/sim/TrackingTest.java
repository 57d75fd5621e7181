package org.distsde.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Tracking} on hand-made rows: means 1 vs 2 (|Δlog| = ln 2) at rounds 10, 20; round 0 is skipped. */
class TrackingTest {
    static RoundStats row(int round, int runs, double mean, double std) {
        return Rows.row(round, round * 0.1, 0.1, 0.1, 0.1, runs, 0, mean, std, mean, mean, mean, 1, 1, 0, 0, 0, 0,
                null);
    }

    @Test
    void timeAverageOfAbsLogDifferenceWithDeltaMethodError() {
        final List<RoundStats> a = new ArrayList<>(), b = new ArrayList<>();
        a.add(row(0, 100, 5, 1));
        b.add(row(0, 100, 50, 1)); // round 0 is the common start: never averaged
        a.add(row(10, 100, 1, 0.5));
        b.add(row(10, 400, 2, 2));
        a.add(row(20, 100, 4, 2));
        b.add(row(20, 100, 2, 1));
        b.add(row(30, 100, 2, 1)); // no optimizer row at 30: ignored
        final Tracking t = Tracking.of(a, b);
        assertEquals(2, t.rows());
        assertEquals(Math.log(2), t.meanAbsLogDiff(), 1e-15);
        // row 10: 0.5/(1·10) = 0.05 and 2/(2·20) = 0.05; row 20: 2/(4·10) = 0.05 and 1/(2·10) = 0.05
        assertEquals(Math.sqrt(2) * 0.05, t.se(), 1e-15);
    }

    @Test
    void rowsWithoutAliveRunsAreSkipped() {
        final Tracking t = Tracking.of(List.of(row(10, 0, Double.NaN, Double.NaN)), List.of(row(10, 50, 1, 1)));
        assertEquals(0, t.rows());
        assertEquals(1, t.skipped());
    }
}
