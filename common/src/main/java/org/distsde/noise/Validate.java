package org.distsde.noise;

/** NaN-safe parameter checks with messages that name the field. */
final class Validate {
    private Validate() { }

    static void scales(String field, double[] v) {
        if (v == null || v.length == 0) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        for (int j = 0; j < v.length; j++) {
            if (!(v[j] >= 0) || Double.isInfinite(v[j])) {
                throw new IllegalArgumentException(field + (v.length > 1 ? "[" + j + "]" : "")
                        + " must be finite and >= 0 (got " + v[j] + ")");
            }
        }
    }
}
