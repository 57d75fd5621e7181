package org.distsde.spark;

import java.util.List;
import org.distsde.sim.RoundStats;

/** A series' recorded rows, and its compute time: the sum of its tasks' times over the slots. */
public record SeriesRows(List<RoundStats> rows, double seconds) { }
