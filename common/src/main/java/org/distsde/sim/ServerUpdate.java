package org.distsde.sim;

import java.io.Serializable;

/**
 * The server's step of one optimizer for a block of runs, with the state it keeps per run (none
 * for DSGD/DCSGD/DSignSGD; the moments m, v of the adaptive optimizers). The state lives with the
 * runs' iterates wherever they are simulated and is saved in checkpoints ({@link #state()}).
 */
public interface ServerUpdate extends Serializable {
    /**
     * Steps every alive run at round k: x_{k+1} from x_k, the agents' summed messages and the
     * learning rate lr[r] = η·ηₖ·νₖ.
     *
     * @param x     iterates, flat [run·d + j], updated in place
     * @param sum   Σᵢ mᵢ per run, flat like x
     */
    void step(long k, double[] x, double[] sum, double[] lr, boolean[] alive);

    /** A copy of the state to checkpoint (empty when stateless). */
    default double[] state() {
        return new double[0];
    }

    /** Restores a state from {@link #state()}. */
    default void restore(double[] s) {
        if (s != null && s.length != 0) {
            throw new IllegalStateException("checkpoint carries server state this optimizer does not have");
        }
    }
}
