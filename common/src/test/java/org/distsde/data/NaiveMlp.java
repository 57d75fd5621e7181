package org.distsde.data;

/**
 * A per-row reference of {@link Mlp} written from its documented parameter layout (per layer:
 * W as in×out row-major, W[i·out + o], then b), with none of its batching: the loss and the ReLU
 * on/off pattern.
 */
final class NaiveMlp {
    private final int[] width;

    NaiveMlp(int[] hidden, int p) {
        width = new int[hidden.length + 2];
        width[0] = p;
        System.arraycopy(hidden, 0, width, 1, hidden.length);
        width[width.length - 1] = 1;
    }

    /** The output logit of one row; appends the hidden units' on/off pattern to {@code pattern} if not null. */
    double logit(double[] w, Dataset data, int row, StringBuilder pattern) {
        double[] a = new double[width[0]];
        for (int j = 0; j < a.length; j++) {
            a[j] = data.feature(row, j);
        }
        int o = 0;
        for (int l = 0; l + 1 < width.length; l++) {
            final int in = width[l], out = width[l + 1];
            final double[] z = new double[out];
            for (int u = 0; u < out; u++) {
                double s = w[o + out * in + u];
                for (int i = 0; i < in; i++) {
                    s += w[o + i * out + u] * a[i];
                }
                z[u] = s;
            }
            o += out * in + out;
            if (l + 2 < width.length) {
                for (int u = 0; u < out; u++) {
                    if (pattern != null) {
                        pattern.append(z[u] > 0 ? '1' : '0');
                    }
                    z[u] = Math.max(0, z[u]);
                }
            }
            a = z;
        }
        return a[0];
    }

    /** Mean binary cross-entropy over {@code rows} (all rows when null), written as −y log σ(z) − (1−y) log(1 − σ(z)). */
    double loss(double[] w, Dataset data, int[] rows) {
        final int m = rows == null ? data.rows() : rows.length;
        double s = 0;
        for (int k = 0; k < m; k++) {
            final int i = rows == null ? k : rows[k];
            final double z = logit(w, data, i, null), y = data.label(i);
            // log σ(z) = −log(1 + e^{−z}), log(1 − σ(z)) = −log(1 + e^{z}), each evaluated safely
            final double logSig = -(Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z))));
            final double log1mSig = -(Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))));
            s += -y * logSig - (1 - y) * log1mSig;
        }
        return s / m;
    }

    String pattern(double[] w, Dataset data) {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < data.rows(); i++) {
            logit(w, data, i, b);
        }
        return b.toString();
    }
}
