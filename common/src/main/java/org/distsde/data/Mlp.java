package org.distsde.data;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A fully connected ReLU network with one linear output unit and the binary cross-entropy with
 * logits, labels y ∈ {0, 1}: z = W_L·relu(… relu(W₀a + b₀) …) + b_L, ℓ = log(1 + eᶻ) − y·z.
 * The default is seed 000's network (Appendix F.1, "DNN on Breast Cancer Dataset": 10 dense
 * layers of 20 ReLU units, binary cross-entropy).
 *
 * <p>Parameter layout, layer by layer from the input (l = 0 … L, layer L the output unit): the
 * weights W_l as an in_l × out_l matrix, row-major ({@code W[i·out + o]} connects input i to unit
 * o; the shape of a JAX/Flax Dense kernel), then the biases b_l (out_l). Initial weights
 * He-normal, N(0, 2/in_l), biases 0. f* is reported as 0, the lower bound of the cross-entropy.
 *
 * <p>Forward and backward passes run on blocks of up to {@value #BLOCK} rows at a time through the
 * layers (matrix-shaped loops over primitive arrays in the {@link Workspace}, the innermost ones
 * running over a layer's units, contiguous in W, so they vectorise; zero ReLU outputs are skipped);
 * nothing is allocated per call. The ReLU derivative at exactly 0 is taken as 0.
 */
public final class Mlp implements Model {
    private static final long serialVersionUID = 1L;
    /** Rows per block of the batched passes. */
    static final int BLOCK = 64;
    private final int[] hidden;

    /** Seed 000's network: 10 hidden layers of 20 ReLU units. */
    public Mlp() {
        this(seed000Widths());
    }

    /** Hidden layer widths, input side first (none: logistic regression); each ≥ 1. */
    public Mlp(int... hidden) {
        for (int l = 0; l < hidden.length; l++) {
            if (hidden[l] < 1) {
                throw new IllegalArgumentException("mlp.hidden[" + l + "] must be >= 1 (got " + hidden[l] + ")");
            }
        }
        this.hidden = hidden.clone();
    }

    private static int[] seed000Widths() {
        final int[] h = new int[10];
        Arrays.fill(h, 20);
        return h;
    }

    public int[] hidden() { return hidden.clone(); }

    /** Widths input … output: p, hidden…, 1. */
    private int[] widths(int p) {
        final int[] w = new int[hidden.length + 2];
        w[0] = p;
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = 1;
        return w;
    }

    @Override
    public int dim(int p) {
        final int[] w = widths(p);
        int d = 0;
        for (int l = 0; l + 1 < w.length; l++) {
            d += w[l + 1] * (w[l] + 1);
        }
        return d;
    }

    @Override public void check(Dataset data) { Logistic.checkBinary(data, "mlp"); }

    /** Per-thread buffers: the activations of every layer for a block, two delta buffers, offsets. */
    static final class Buffers implements Workspace {
        final int p;
        final int dim;
        final int[] width;
        final int[] wOff, bOff;
        final double[][] act;
        double[] delta, deltaPrev;

        Buffers(int p, int[] width) {
            this.p = p;
            this.width = width;
            final int layers = width.length - 1;
            wOff = new int[layers];
            bOff = new int[layers];
            int o = 0, max = 0;
            for (int l = 0; l < layers; l++) {
                wOff[l] = o;
                o += width[l + 1] * width[l];
                bOff[l] = o;
                o += width[l + 1];
            }
            dim = o;
            act = new double[width.length][];
            for (int l = 0; l < width.length; l++) {
                act[l] = new double[BLOCK * width[l]];
                max = Math.max(max, width[l]);
            }
            delta = new double[BLOCK * max];
            deltaPrev = new double[BLOCK * max];
        }
    }

    @Override
    public Workspace workspace(int p) { return new Buffers(p, widths(p)); }

    private Buffers buffers(Workspace ws, int p) {
        if (ws instanceof Buffers b && b.p == p) {
            return b;
        }
        throw new IllegalArgumentException("mlp: needs a workspace from workspace(" + p + ")");
    }

    @Override
    public double loss(double[] w, int off, Dataset data, int[] rows, int from, int to, Workspace ws) {
        Rows.check(from, to);
        final Buffers b = buffers(ws, data.features());
        double s = 0;
        for (int k = from; k < to; k += BLOCK) {
            final int m = Math.min(BLOCK, to - k);
            forward(w, off, data, rows, k, m, b);
            final double[] z = b.act[b.act.length - 1];
            for (int r = 0; r < m; r++) {
                s += Logistic.loss(z[r], data.label(rows == null ? k + r : rows[k + r]));
            }
        }
        return s / (to - from);
    }

    @Override
    public double lossAndGradient(double[] w, int off, Dataset data, int[] rows, int from, int to,
            double[] g, int goff, Workspace ws) {
        Rows.check(from, to);
        final int p = data.features();
        final Buffers b = buffers(ws, p);
        Arrays.fill(g, goff, goff + b.dim, 0);
        final double inv = 1.0 / (to - from);
        double s = 0;
        for (int k = from; k < to; k += BLOCK) {
            final int m = Math.min(BLOCK, to - k);
            forward(w, off, data, rows, k, m, b);
            final double[] z = b.act[b.act.length - 1];
            for (int r = 0; r < m; r++) {
                final double y = data.label(rows == null ? k + r : rows[k + r]);
                s += Logistic.loss(z[r], y);
                b.delta[r] = (Logistic.sigmoid(z[r]) - y) * inv; // d(mean loss)/dz
            }
            backward(w, off, m, b, g, goff);
        }
        return s * inv;
    }

    /** Rows k … k+m−1 (through {@code rows}) through the layers; act[l] holds layer l's outputs. */
    private static void forward(double[] w, int off, Dataset data, int[] rows, int k, int m, Buffers b) {
        final int[] width = b.width;
        final int p = width[0];
        for (int r = 0; r < m; r++) {
            data.copyRow(rows == null ? k + r : rows[k + r], b.act[0], r * p);
        }
        final int last = width.length - 2;
        for (int l = 0; l <= last; l++) {
            final int in = width[l], out = width[l + 1];
            final int wo = off + b.wOff[l], bo = off + b.bOff[l];
            final double[] a = b.act[l], next = b.act[l + 1];
            for (int r = 0; r < m; r++) { // next_r = b + Σᵢ a_ri W[i, ·]: axpy over the units (vectorisable)
                final int nr = r * out, ar = r * in;
                System.arraycopy(w, bo, next, nr, out);
                for (int i = 0; i < in; i++) {
                    final double av = a[ar + i];
                    if (av == 0) {
                        continue; // a ReLU output of 0 (about half of them) adds nothing
                    }
                    final int wi = wo + i * out;
                    for (int o = 0; o < out; o++) {
                        next[nr + o] += av * w[wi + o];
                    }
                }
                if (l < last) {
                    for (int o = 0; o < out; o++) {
                        next[nr + o] = Math.max(next[nr + o], 0);
                    }
                }
            }
        }
    }

    /** Backpropagates delta (d loss / d output, m rows) and adds the gradient into g. */
    private static void backward(double[] w, int off, int m, Buffers b, double[] g, int goff) {
        final int[] width = b.width;
        for (int l = width.length - 2; l >= 0; l--) {
            final int in = width[l], out = width[l + 1];
            final int wo = b.wOff[l], bo = b.bOff[l];
            final double[] a = b.act[l], d = b.delta;
            for (int r = 0; r < m; r++) { // gW[i, ·] += a_ri d_r, gb += d_r
                final int ar = r * in, dr = r * out;
                for (int o = 0; o < out; o++) {
                    g[goff + bo + o] += d[dr + o];
                }
                for (int i = 0; i < in; i++) {
                    final double av = a[ar + i];
                    if (av == 0) {
                        continue;
                    }
                    final int gi = goff + wo + i * out;
                    for (int o = 0; o < out; o++) {
                        g[gi + o] += av * d[dr + o];
                    }
                }
            }
            if (l == 0) {
                break;
            }
            final double[] dp = b.deltaPrev;
            for (int r = 0; r < m; r++) { // dPrev_ri = 1[a_ri > 0]·Σₒ W[i, o] d_ro
                final int ar = r * in, dr = r * out;
                for (int i = 0; i < in; i++) {
                    double s = 0;
                    if (a[ar + i] > 0) {
                        final int wi = off + wo + i * out;
                        for (int o = 0; o < out; o++) {
                            s += w[wi + o] * d[dr + o];
                        }
                    }
                    dp[ar + i] = s;
                }
            }
            b.deltaPrev = d;
            b.delta = dp;
        }
    }

    @Override
    public void initialize(UniformRandomProvider rng, int p, double[] w) {
        final int[] width = widths(p);
        final ContinuousSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        int o = 0;
        for (int l = 0; l + 1 < width.length; l++) {
            final double sd = Math.sqrt(2.0 / width[l]); // He et al. (2015)
            final int nw = width[l + 1] * width[l];
            for (int q = 0; q < nw; q++) {
                w[o++] = sd * normal.sample();
            }
            Arrays.fill(w, o, o + width[l + 1], 0);
            o += width[l + 1];
        }
    }

    @Override
    public Minimum minimum(Dataset data) {
        return new Minimum(0, Minimum.Kind.LOWER_BOUND, "the cross-entropy is >= 0");
    }

    @Override
    public String describe() {
        if (hidden.length == 0) {
            return "mlp(no hidden layer, bce)";
        }
        final boolean uniform = Arrays.stream(hidden).allMatch(h -> h == hidden[0]);
        return "mlp(" + (uniform ? hidden.length + "x" + hidden[0] : Arrays.toString(hidden)) + " relu, bce)";
    }
}
