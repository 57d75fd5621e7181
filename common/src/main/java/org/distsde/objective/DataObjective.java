package org.distsde.objective;

import org.distsde.data.Dataset;
import org.distsde.data.Minimum;
import org.distsde.data.Model;
import org.distsde.rng.KeyedStream;

/**
 * f(w) = (1/n) Σᵢ ℓ(w; aᵢ, yᵢ): a model's mean loss over all rows of a dataset; ∇f the full-batch
 * gradient. {@link #minibatchGradient} averages over a given subset of rows instead (the agents'
 * minibatches).
 *
 * <p>Immutable and thread-safe: each thread gets its own model {@link Model.Workspace} (a
 * ThreadLocal, re-created after deserialisation), so evaluations allocate nothing.
 * {@link #smoothness()} is null (no closed-form (L0, L1) pair); f* is {@link #minimum()}, computed
 * once on first use.
 */
public final class DataObjective implements Objective {
    private static final long serialVersionUID = 1L;
    /** Power iterations of {@link #hessianNorm} at most, and their relative tolerance. */
    static final int POWER_ITER = 100;
    static final double POWER_TOL = 1e-6;

    private final Dataset data;
    private final Model model;
    private final int d;
    private transient volatile ThreadLocal<Model.Workspace> local;
    private transient volatile Minimum minimum;

    /** @throws IllegalArgumentException if the data do not suit the model (e.g. labels not 0/1) */
    public DataObjective(Dataset data, Model model) {
        model.check(data);
        this.data = data;
        this.model = model;
        this.d = model.dim(data.features());
    }

    public Dataset data() { return data; }

    public Model model() { return model; }

    /** The calling thread's workspace. */
    private Model.Workspace ws() {
        ThreadLocal<Model.Workspace> t = local;
        if (t == null) { // benign race: at worst two ThreadLocals, each holding scratch only
            final int p = data.features();
            final Model m = model;
            t = ThreadLocal.withInitial(() -> m.workspace(p));
            local = t;
        }
        return t.get();
    }

    @Override public int dim() { return d; }

    @Override
    public double value(double[] x, int off) {
        return model.loss(x, off, data, null, 0, data.rows(), ws());
    }

    @Override
    public double gradient(double[] x, int off, double[] g, int goff) {
        model.lossAndGradient(x, off, data, null, 0, data.rows(), g, goff, ws());
        return normSq(g, goff);
    }

    /** f and ∇f together (one forward pass): writes ∇f into g[goff .. goff+d) and returns f(x). */
    public double valueAndGradient(double[] x, int off, double[] g, int goff) {
        return model.lossAndGradient(x, off, data, null, 0, data.rows(), g, goff, ws());
    }

    /**
     * The average gradient over the rows {@code rows[k]}, from ≤ k &lt; to (a minibatch; rows may
     * repeat), written into {@code out[outOff .. outOff+d)}; returns its squared norm.
     */
    public double minibatchGradient(double[] w, int off, int[] rows, int from, int to, double[] out, int outOff) {
        model.lossAndGradient(w, off, data, rows, from, to, out, outOff, ws());
        return normSq(out, outOff);
    }

    /** The average loss over the rows {@code rows[k]}, from ≤ k &lt; to. */
    public double minibatchValue(double[] w, int off, int[] rows, int from, int to) {
        return model.loss(w, off, data, rows, from, to, ws());
    }

    private double normSq(double[] g, int goff) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += g[goff + j] * g[goff + j];
        }
        return s;
    }

    /**
     * ‖∇²f(x)‖₂ by power iteration on Hessian-vector products Hv ≈ (∇f(x + hv) − ∇f(x − hv))/(2h)
     * (central differences, ‖v‖ = 1, h = 1e-4·(1 + ‖x‖∞)), from a fixed pseudo-random start
     * vector. Stops when the estimate ‖Hv‖ changes by less than {@value #POWER_TOL} relatively
     * between iterations, after at most {@value #POWER_ITER} iterations. The result is |λ| of the
     * Hessian's eigenvalue of largest magnitude, i.e. the spectral norm (converging slowly when the
     * two largest |λ| are close). Allocates its scratch: not for hot loops.
     */
    @Override
    public double hessianNorm(double[] x, int off) {
        final double[] v = new double[d], xp = new double[d], xm = new double[d];
        final double[] gp = new double[d], gm = new double[d];
        final KeyedStream rng = new KeyedStream(0, KeyedStream.Purpose.CHECK).at(0, 0, 0);
        double xmax = 0;
        for (int j = 0; j < d; j++) {
            v[j] = rng.nextDouble() - 0.5;
            xmax = Math.max(xmax, Math.abs(x[off + j]));
        }
        scale(v, 1 / Math.sqrt(normSq(v, 0)));
        final double h = 1e-4 * (1 + xmax);
        double est = 0;
        for (int it = 0; it < POWER_ITER; it++) {
            for (int j = 0; j < d; j++) {
                xp[j] = x[off + j] + h * v[j];
                xm[j] = x[off + j] - h * v[j];
            }
            gradient(xp, 0, gp, 0);
            gradient(xm, 0, gm, 0);
            for (int j = 0; j < d; j++) {
                v[j] = (gp[j] - gm[j]) / (2 * h);
            }
            final double norm = Math.sqrt(normSq(v, 0));
            if (norm == 0) {
                return 0;
            }
            scale(v, 1 / norm);
            final boolean done = Math.abs(norm - est) <= POWER_TOL * norm;
            est = norm;
            if (done) {
                break;
            }
        }
        return est;
    }

    private static void scale(double[] v, double c) {
        for (int j = 0; j < v.length; j++) {
            v[j] *= c;
        }
    }

    /** f* and whether it is exact or a lower bound (computed once, then cached). */
    public Minimum minimum() {
        Minimum m = minimum;
        if (m == null) { // deterministic: a race computes the same value twice
            m = model.minimum(data);
            minimum = m;
        }
        return m;
    }

    @Override public double minValue() { return minimum().value(); }

    /** No closed-form (L0, L1) pair. */
    @Override public Smoothness smoothness() { return null; }

    /**
     * Initial weights from the model's default initialisation, drawn from the stream
     * (seed, {@link KeyedStream.Purpose#MODEL_INIT}) at key (run, 0, 0).
     */
    public double[] initialPoint(long seed, long run) {
        final double[] w = new double[d];
        model.initialize(new KeyedStream(seed, KeyedStream.Purpose.MODEL_INIT).at(run, 0, 0), data.features(), w);
        return w;
    }

    @Override public String describe() { return model.describe() + " on " + data.describe(); }
}
