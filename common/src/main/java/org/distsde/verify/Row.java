package org.distsde.verify;

import java.io.Serializable;
import org.distsde.theory.Verdict;

/**
 * One statement's result, self-describing (the rows of {@code verify.csv} and {@code verify.json}):
 * the statement (id, paper, number, title, kind), the verdict and its numbers ({@link Outcome}), the
 * shipped config and series it was measured on, whether the paper's sizes were used, and the
 * seconds its runs took (shared runs are counted once, on the first statement that needed them).
 */
public record Row(String id, String paper, String number, String title, Kind kind, String comparison, Verdict verdict,
                  double measured, double predicted, double mcError, double discError, double k, String notes,
                  String config, String series, boolean full, double seconds) implements Serializable {
    /** The row of statement s with outcome o. */
    public static Row of(Statement s, Outcome o, boolean full, double seconds) {
        return new Row(s.id(), s.paper(), s.number(), s.title(), s.kind(), s.kind().description(), o.verdict(),
                o.measured(), o.predicted(), o.mcError(), o.discError(), o.k(), o.notes(), s.config(),
                s.series() == null ? "" : String.join("|", s.series()), full, seconds);
    }
}
