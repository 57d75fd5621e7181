package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The ETAs are linear extrapolations of the time spent: the whole work's over its planned parts, a
 * series' over its rounds (a resumed series from the round it resumed at).
 */
class ProgressTest {
    static final long S = 1_000_000_000L;

    /**
     * A plan of 100 s (cost model): 30 s of parts done and 10 of the running part after 80 s, so 40%
     * in 80 s: 120 s left. Catches an ETA from the parts alone (30%: 187 s) or from the plan (60 s).
     */
    @Test
    void wholeWorkEta() {
        final Progress p = new Progress("[x]", 100, 0);
        assertEquals("0%, ETA 100 s (cost model)", p.status(0, 0));
        p.advance(30);
        assertEquals("40%, ETA 2.0 min", p.status(10, 80 * S));
        p.advance(70);
        assertEquals("100%, ETA 0 s", p.status(5, 90 * S));
        assertEquals("ETA ?", new Progress("[x]", Double.NaN, 0).status(1, S));
    }

    @Test
    void seriesEta() {
        // 300 of 1000 rounds in 30 s: 70 s left
        assertEquals("30% of the series, ETA 70 s", Progress.series(300, 0, 1000, 100 * S, 130 * S));
        // a series resumed at round 500 that reached 600 in 10 s: 400 rounds left at 10 s per 100
        assertEquals("60% of the series, ETA 40 s", Progress.series(600, 500, 1000, 0, 10 * S));
        assertEquals("0% of the series, ETA ?", Progress.series(0, 0, 1000, 0, S));
        assertEquals("3.0 h", Progress.seconds(3 * 3600));
    }
}
