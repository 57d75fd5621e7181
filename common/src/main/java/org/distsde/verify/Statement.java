package org.distsde.verify;

import java.io.Serializable;
import java.util.List;

/**
 * One checkable statement of a paper: what it is ({@code paper}, {@code number}, {@code title},
 * {@code kind}), where it is measured ({@code config}, a shipped {@code conf/verify-*.json}, and the
 * labels of the series of its sweep the check reads, in order; null: every series) and how
 * ({@code check}). Adding a statement is one {@link Catalogue} entry.
 */
public record Statement(String id, String paper, String number, String title, Kind kind, String config,
                        List<String> series, Check check) implements Serializable {
    public Statement {
        series = series == null ? null : List.copyOf(series);
    }
}
