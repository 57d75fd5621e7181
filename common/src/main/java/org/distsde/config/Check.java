package org.distsde.config;

/** NaN-safe validators whose messages name the field (e.g. "noise.sigma1 must be >= 0 (got -1.0)"). */
public final class Check {
    private Check() { }

    public static double finite(String field, double v) {
        if (!Double.isFinite(v)) {
            throw new ConfigException(field + " must be a finite number (got " + v + ")");
        }
        return v;
    }

    public static double positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ConfigException(field + " must be finite and > 0 (got " + v + ")");
        }
        return v;
    }

    public static double nonNegative(String field, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new ConfigException(field + " must be finite and >= 0 (got " + v + ")");
        }
        return v;
    }

    public static int atLeast(String field, int v, int min) {
        if (v < min) {
            throw new ConfigException(field + " must be >= " + min + " (got " + v + ")");
        }
        return v;
    }

    public static <T> T required(String field, T v) {
        if (v == null) {
            throw new ConfigException(field + " is required");
        }
        return v;
    }

    public static double[] nonNegativeArray(String field, double[] v) {
        required(field, v);
        if (v.length == 0) {
            throw new ConfigException(field + " must not be empty");
        }
        for (int i = 0; i < v.length; i++) {
            nonNegative(v.length == 1 ? field : field + "[" + i + "]", v[i]);
        }
        return v;
    }

    public static double[] finiteArray(String field, double[] v) {
        required(field, v);
        if (v.length == 0) {
            throw new ConfigException(field + " must not be empty");
        }
        for (int i = 0; i < v.length; i++) {
            finite(v.length == 1 ? field : field + "[" + i + "]", v[i]);
        }
        return v;
    }
}
