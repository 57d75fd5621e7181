package org.distsde.optim;

import org.distsde.config.AdaptiveSettings;
import org.distsde.sim.ServerUpdate;

/**
 * The server of RMSprop(W) / Adam(W) (seed 000, Eq. 11) for a block of runs: the moments m, v
 * of every run (flat [run·d + j]; m₀ = 0, v₀ = {@code adaptive.v0}) are its state. ḡ = (1/N)Σᵢ mᵢ.
 */
final class AdaptiveServer implements ServerUpdate {
    private static final long serialVersionUID = 1L;
    private final AdaptiveSettings s;
    private final int agents;
    private final int d;
    private final double[] m;
    private final double[] v;

    AdaptiveServer(AdaptiveSettings s, int agents, int d, int runs) {
        this.s = s;
        this.agents = agents;
        this.d = d;
        this.m = new double[runs * d];
        this.v = new double[runs * d];
        for (int r = 0; r < runs; r++) {
            System.arraycopy(s.v0(), 0, v, r * d, d);
        }
    }

    @Override
    public void step(long k, double[] x, double[] sum, double[] lr, boolean[] alive) {
        final double invN = 1.0 / agents;
        final double b1 = s.beta1(), b2 = s.beta2(), eps = s.epsilon(), theta = s.theta();
        // Eq. 11: m̂_{k+1} = m_{k+1}/(1 − β₁^{k+1}), v̂_{k+1} = v_{k+1}/(1 − β₂^{k+1}); RMSprop: no correction
        final double c1 = s.biasCorrection() ? 1 / (1 - Math.pow(b1, k + 1)) : 1;
        final double c2 = s.biasCorrection() ? 1 / (1 - Math.pow(b2, k + 1)) : 1;
        for (int r = 0; r < alive.length; r++) {
            if (!alive[r]) {
                continue;
            }
            final double step = lr[r];
            final double decay = step * theta;
            final int off = r * d;
            for (int j = 0; j < d; j++) {
                final int q = off + j;
                final double g = sum[q] * invN;
                final double mq = b1 * m[q] + (1 - b1) * g;
                final double vq = b2 * v[q] + (1 - b2) * g * g;
                m[q] = mq;
                v[q] = vq;
                // Eq. 11: x_{k+1} = x_k − η m̂/(√v̂ + ε) − ηθx_k
                x[q] = x[q] - step * (mq * c1) / (Math.sqrt(vq * c2) + eps) - decay * x[q];
            }
        }
    }

    @Override
    public double[] state() {
        final double[] st = new double[m.length * 2];
        System.arraycopy(m, 0, st, 0, m.length);
        System.arraycopy(v, 0, st, m.length, v.length);
        return st;
    }

    @Override
    public void restore(double[] st) {
        if (st == null || st.length != 2 * m.length) {
            throw new IllegalStateException("checkpoint's server state does not match this configuration");
        }
        System.arraycopy(st, 0, m, 0, m.length);
        System.arraycopy(st, m.length, v, 0, v.length);
    }
}
