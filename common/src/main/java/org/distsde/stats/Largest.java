package org.distsde.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The m largest of a stream of non-negative values and how many were seen, in O(m) memory: a
 * binary min-heap on a primitive array, so a value below the current m-th largest costs one
 * comparison. Blocks of a sample merge ({@link #addAll}) into the m largest of the whole sample,
 * which is what Hill's estimator needs ({@link HillEstimator#ofLargest}). NaN values are not
 * allowed (callers pass only finite or infinite magnitudes).
 */
public final class Largest implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] heap;
    private int size;
    private long seen;

    public Largest(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("m must be at least 1 (got " + m + ")");
        }
        this.heap = new double[m];
    }

    /** Enough to estimate the tail index of up to n values with k = ⌊√n⌋: ⌊√n⌋ + 1. */
    public static Largest forHill(long n) {
        return new Largest((int) Math.min(Integer.MAX_VALUE - 8, (long) Math.floor(Math.sqrt((double) n)) + 1));
    }

    public void add(double v) {
        seen++;
        if (size < heap.length) {
            int i = size++;
            heap[i] = v;
            while (i > 0) { // sift up
                final int p = (i - 1) >>> 1;
                if (heap[p] <= heap[i]) {
                    break;
                }
                swap(i, p);
                i = p;
            }
        } else if (v > heap[0]) {
            heap[0] = v;
            int i = 0;
            while (true) { // sift down
                final int l = 2 * i + 1, r = l + 1;
                int m = i;
                if (l < size && heap[l] < heap[m]) {
                    m = l;
                }
                if (r < size && heap[r] < heap[m]) {
                    m = r;
                }
                if (m == i) {
                    break;
                }
                swap(i, m);
                i = m;
            }
        }
    }

    /** Adds another block's largest values and its count. */
    public void addAll(Largest other) {
        final long before = seen;
        for (int i = 0; i < other.size; i++) {
            add(other.heap[i]);
        }
        seen = before + other.seen;
    }

    /** The values seen. */
    public long seen() {
        return seen;
    }

    /** The kept values (the min(m, seen) largest), in increasing order. */
    public double[] ascending() {
        final double[] a = Arrays.copyOf(heap, size);
        Arrays.sort(a);
        return a;
    }

    /** Hill's estimate of the tail index of all values seen (k = ⌊√seen⌋; NONE below 100 values). */
    public HillEstimator.Estimate hill() {
        final double[] a = ascending();
        if (seen > Integer.MAX_VALUE) {
            throw new IllegalStateException("more than 2^31 values");
        }
        final int n = (int) seen;
        if (HillEstimator.k(n) < HillEstimator.MIN_K) {
            return HillEstimator.Estimate.NONE;
        }
        return HillEstimator.ofLargest(a, n);
    }

    private void swap(int i, int j) {
        final double t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
    }
}
