package org.distsde.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * n rows of p features (row-major) and a label per row. Immutable: the arrays are copied in, and
 * models read them through the row kernels {@link #dot}, {@link #addScaledRow} and {@link #copyRow},
 * which allocate nothing. Thread-safe.
 */
public final class Dataset implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int n;
    private final int p;
    private final double[] x;
    private final double[] y;

    /**
     * @param features row-major, {@code features[i·p + j]} is feature j of row i; finite
     * @param labels   one per row; finite
     * @param p        the number of features, ≥ 1
     */
    public Dataset(double[] features, double[] labels, int p) {
        if (p < 1) {
            throw new IllegalArgumentException("dataset: features per row must be >= 1 (got " + p + ")");
        }
        if (labels.length < 1) {
            throw new IllegalArgumentException("dataset: must have at least one row");
        }
        if (features.length != (long) labels.length * p) {
            throw new IllegalArgumentException("dataset: " + features.length + " feature values for "
                    + labels.length + " rows of " + p + " features (expected " + (long) labels.length * p + ")");
        }
        for (int k = 0; k < features.length; k++) {
            if (!Double.isFinite(features[k])) {
                throw new IllegalArgumentException("dataset: feature " + k % p + " of row " + k / p
                        + " is not finite (" + features[k] + ")");
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (!Double.isFinite(labels[i])) {
                throw new IllegalArgumentException("dataset: label of row " + i + " is not finite (" + labels[i] + ")");
            }
        }
        this.n = labels.length;
        this.p = p;
        this.x = features.clone();
        this.y = labels.clone();
    }

    /** Number of rows n. */
    public int rows() { return n; }

    /** Number of features p. */
    public int features() { return p; }

    public double feature(int row, int j) { return x[row * p + j]; }

    public double label(int row) { return y[row]; }

    /** A copy of the row-major features. */
    public double[] featureArray() { return x.clone(); }

    /** A copy of the labels. */
    public double[] labelArray() { return y.clone(); }

    /** Σⱼ x[row, j]·w[off + j]. */
    public double dot(int row, double[] w, int off) {
        final int o = row * p;
        double s = 0;
        for (int j = 0; j < p; j++) {
            s += x[o + j] * w[off + j];
        }
        return s;
    }

    /** out[off + j] += a·x[row, j] for all j. */
    public void addScaledRow(int row, double a, double[] out, int off) {
        final int o = row * p;
        for (int j = 0; j < p; j++) {
            out[off + j] += a * x[o + j];
        }
    }

    /** dst[off .. off+p) = row {@code row}'s features. */
    public void copyRow(int row, double[] dst, int off) {
        System.arraycopy(x, row * p, dst, off, p);
    }

    /** The rows {@code rows[k]}, k &lt; rows.length, in that order (rows may repeat). */
    public Dataset select(int[] rows) {
        final double[] f = new double[rows.length * p];
        final double[] l = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < 0 || rows[k] >= n) {
                throw new IllegalArgumentException("dataset: row " + rows[k] + " out of range [0, " + n + ")");
            }
            System.arraycopy(x, rows[k] * p, f, k * p, p);
            l[k] = y[rows[k]];
        }
        return new Dataset(f, l, p);
    }

    /**
     * Every feature column z-scored: (x − mean)/sd with the population standard deviation (as
     * scikit-learn's StandardScaler); a constant column is only centred (all zeros). Labels unchanged.
     */
    public Dataset standardized() {
        final double[] f = x.clone();
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i * p + j];
            }
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                final double d = x[i * p + j] - mean;
                ss += d * d;
            }
            final double sd = Math.sqrt(ss / n);
            // a column whose spread is rounding noise around its mean counts as constant
            final boolean constant = !(sd > 1e-12 * Math.max(1, Math.abs(mean)));
            for (int i = 0; i < n; i++) {
                final double c = x[i * p + j] - mean;
                f[i * p + j] = constant ? c : c / sd;
            }
        }
        return new Dataset(f, y, p);
    }

    /**
     * The distinct labels, ascending, for classification data.
     *
     * @throws IllegalArgumentException if a label is not an integer
     */
    public int[] classes() {
        return classCounts().keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Rows per class label (ascending labels); labels must be integers. */
    public Map<Integer, Integer> classCounts() {
        final TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            final double v = y[i];
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("dataset: label of row " + i + " is not an integer class (" + v + ")");
            }
            counts.merge((int) v, 1, Integer::sum);
        }
        return counts;
    }

    /** True when every label is an integer. */
    public boolean integerLabels() {
        for (double v : y) {
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** E.g. {@code dataset(n=569, p=30, classes {0=212, 1=357})} or {@code dataset(n=100, p=3, labels in [-1.2, 3.4])}. */
    public String describe() {
        if (integerLabels()) {
            final Map<Integer, Integer> c = classCounts();
            if (c.size() <= 20) {
                return "dataset(n=" + n + ", p=" + p + ", classes " + c + ")";
            }
        }
        final double lo = Arrays.stream(y).min().orElse(0), hi = Arrays.stream(y).max().orElse(0);
        return "dataset(n=" + n + ", p=" + p + ", labels in [" + lo + ", " + hi + "])";
    }

    @Override public String toString() { return describe(); }
}
