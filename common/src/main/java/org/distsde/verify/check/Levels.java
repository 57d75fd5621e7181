package org.distsde.verify.check;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.distsde.sde.refine.DiscretisationError;
import org.distsde.sde.refine.Refinement;
import org.distsde.sim.RoundStats;

/** A quantity of the resolved SDE with its discretisation error D from the refinement's coarser estimates. */
final class Levels {
    private Levels() { }

    /** {value, D} of q at row i of the resolved estimate; D NaN without a coarser level, 0 for no refinement. */
    static double[] at(Refinement ref, List<RoundStats> rows, int i, ToDoubleFunction<RoundStats> q, double noise) {
        final double v = q.applyAsDouble(rows.get(i));
        if (ref == null) {
            return new double[] {v, 0};
        }
        final List<RoundStats> c1 = ref.coarser(), c2 = ref.coarsest();
        final double d = DiscretisationError.of(v, c1 == null ? Double.NaN : q.applyAsDouble(c1.get(i)),
                c2 == null ? Double.NaN : q.applyAsDouble(c2.get(i)), ref.order(), noise).value();
        return new double[] {v, d};
    }

    /** {value, D} of a functional F(rows) of the whole estimate (e.g. a time average). */
    static double[] of(Refinement ref, List<RoundStats> rows, ToDoubleFunction<List<RoundStats>> f, double noise) {
        final double v = f.applyAsDouble(rows);
        if (ref == null) {
            return new double[] {v, 0};
        }
        final List<RoundStats> c1 = ref.coarser(), c2 = ref.coarsest();
        final double d = DiscretisationError.of(v, c1 == null ? Double.NaN : f.applyAsDouble(c1),
                c2 == null ? Double.NaN : f.applyAsDouble(c2), ref.order(), noise).value();
        return new double[] {v, d};
    }
}
