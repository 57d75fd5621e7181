package org.distsde.verify;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * How a statement is decided from its evidence: what it needs run ({@link Need}) and the
 * {@link Outcome} from the evidence of its series (in the statement's order). Pure: no Spark, no
 * I/O; the runs are the jobs' ({@code spark/VerifyJob}).
 */
public interface Check extends Serializable {
    /** What must be run on the statement's series. */
    Set<Need> needs();

    /** The verdict. */
    Outcome evaluate(List<Evidence> series, Family family);
}
