package org.distsde.spark;

import java.util.List;
import org.distsde.sim.RoundStats;

/**
 * A series' recorded rows, its compute time (the sum of its tasks' times over the slots) and where
 * its job ran (null where that is not tracked).
 */
public record SeriesRows(List<RoundStats> rows, double seconds, Dispatch dispatch) {
    public SeriesRows(List<RoundStats> rows, double seconds) {
        this(rows, seconds, null);
    }
}
