package org.distsde.data;

/** Checks of a row range [from, to) handed to a {@link Model}. */
final class Rows {
    private Rows() { }

    static void check(int from, int to) {
        if (to <= from) {
            throw new IllegalArgumentException("model: empty row range [" + from + ", " + to + ")");
        }
    }
}
