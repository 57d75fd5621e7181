package org.distsde.data;

import org.distsde.objective.DataObjective;
import org.distsde.objective.Objective;
import org.distsde.objective.Smoothness;

/**
 * F̄(x) = (1/N)Σᵢ fᵢ(x), the agents' average of their shards' mean losses: the function whose
 * gradient (1/N)Σᵢ∇fᵢ is the mean aggregated message of agents that send their shards' full
 * gradients ({@code objective.data.gradient local}). It equals f when the shards have equal
 * sizes; with unequal shards (a Dirichlet split) uniform averaging weights a row of agent i by
 * 1/(N·nᵢ) instead of 1/n, and this, not f, is what the optimizer's drift follows. The SDEs use it
 * for their drift; the reported loss stays f. Thread-safe.
 */
public final class ShardMean implements Objective {
    private static final long serialVersionUID = 1L;
    private final DataObjective f;
    private final AgentSplit split;
    private final int[] rows;
    private final int d;
    private transient ThreadLocal<double[]> scratch;

    public ShardMean(DataObjective f, AgentSplit split) {
        this.f = f;
        this.split = split;
        this.rows = split.rows();
        this.d = f.dim();
    }

    @Override public int dim() { return d; }

    /** Agent i's shard gradient ∇fᵢ(x) into out[ooff .. ooff+d); returns its squared norm. */
    public double agentGradient(int i, double[] x, int off, double[] out, int ooff) {
        return f.minibatchGradient(x, off, rows, split.start(i), split.end(i), out, ooff);
    }

    /** N. */
    public int agents() { return split.agents(); }

    @Override
    public double value(double[] x, int off) {
        double s = 0;
        for (int i = 0; i < split.agents(); i++) {
            s += f.minibatchValue(x, off, rows, split.start(i), split.end(i));
        }
        return s / split.agents();
    }

    @Override
    public double gradient(double[] x, int off, double[] g, int goff) {
        double[] t = scratch == null ? null : scratch.get();
        if (t == null) {
            if (scratch == null) {
                scratch = new ThreadLocal<>();
            }
            t = new double[d];
            scratch.set(t);
        }
        java.util.Arrays.fill(g, goff, goff + d, 0);
        final int n = split.agents();
        for (int i = 0; i < n; i++) {
            agentGradient(i, x, off, t, 0);
            for (int j = 0; j < d; j++) {
                g[goff + j] += t[j];
            }
        }
        double s = 0;
        for (int j = 0; j < d; j++) {
            g[goff + j] /= n;
            s += g[goff + j] * g[goff + j];
        }
        return s;
    }

    /** Not needed by the SDEs (the sampled check of Definition 1 runs on f). */
    @Override
    public double hessianNorm(double[] x, int off) {
        throw new UnsupportedOperationException("the Hessian of the agents' average is not computed; use f");
    }

    /** f*'s value (a lower bound of F̄ too when f* is the cross-entropy's 0; else only f's minimum). */
    @Override public double minValue() { return f.minValue(); }

    @Override public Smoothness smoothness() { return null; }

    @Override public String describe() { return "agents' average of " + f.describe() + " over " + split.describe(); }
}
