package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The ETAs are linear extrapolations of the time spent: series and sweep, and resumed series. */
class ProgressTest {
    static final long S = 1_000_000_000L;

    @Test
    void seriesAndSweepEtas() {
        // 300 of 1000 rounds in 30 s: 70 s left; second of 4 series, sweep started 130 s ago:
        // (1 + 0.3)/4 = 32.5% done, 130 s · 0.675/0.325 = 270 s = 4.5 min left
        assertEquals("(30%, ETA 70 s; sweep 2/4 series, 33%, ETA 4.5 min)",
                Progress.line(300, 0, 1000, 100 * S, 1, 4, 0, 130 * S));
        // a series resumed at round 500 that reached 600 in 10 s: 400 rounds left at 10 s per 100
        assertEquals("(60%, ETA 40 s; sweep 1/1 series, 60%, ETA 7 s)", Progress.line(600, 500, 1000, 0, 0, 1, 0, 10 * S));
        assertEquals("(0%, ETA ?; sweep 1/2 series, 0%, ETA ?)", Progress.line(0, 0, 1000, 0, 0, 2, 0, S));
        assertEquals("3.0 h", Progress.seconds(3 * 3600));
    }
}
