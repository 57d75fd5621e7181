package org.distsde.verify.check;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import org.distsde.verify.Check;
import org.distsde.verify.Evidence;
import org.distsde.verify.Family;
import org.distsde.verify.Need;
import org.distsde.verify.Outcome;

/**
 * A statement decided by a computation that needs no simulation (an identity between printed and
 * derived forms, a closed form against a numerical integral, an inequality between special
 * functions): the {@link Outcome} is the computation's, with D = its numerical error.
 */
public record Computed(Computation computation) implements Check {
    /** The computation. */
    @FunctionalInterface
    public interface Computation extends Serializable {
        Outcome run(Family family);
    }

    @Override
    public Set<Need> needs() {
        return Set.of();
    }

    @Override
    public Outcome evaluate(List<Evidence> series, Family family) {
        return computation.run(family);
    }
}
