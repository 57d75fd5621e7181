package org.distsde.sim;

/** x_{k+1} = x_k − (lr/N) Σᵢ mᵢ: the server of DSGD, DCSGD and DSignSGD (Section 3), stateless. */
public final class PlainServer implements ServerUpdate {
    private static final long serialVersionUID = 1L;
    private final int agents;
    private final int d;

    public PlainServer(int agents, int d) {
        this.agents = agents;
        this.d = d;
    }

    @Override
    public void step(long k, double[] x, double[] sum, double[] lr, boolean[] alive) {
        final double invN = 1.0 / agents;
        final int runs = alive.length;
        for (int r = 0; r < runs; r++) {
            if (!alive[r]) {
                continue;
            }
            final double step = lr[r] * invN;
            final int off = r * d;
            for (int j = 0; j < d; j++) {
                x[off + j] -= step * sum[off + j];
            }
        }
    }
}
