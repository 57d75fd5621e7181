package org.distsde.verify;

import java.io.Serializable;
import java.util.Locale;
import org.distsde.sde.refine.WeakOrderFit;

/**
 * Definition 3 at the final time T: the optimizer and its Δt-resolved SDE run at η, η/2, …, η/2^{K−1}
 * over the same horizon; the weak error |E f(x_{T/η}) − E f(X_T)| of each, with the standard error
 * of the two independent Monte Carlo means and the SDE side's discretisation error D (from its
 * levels) combined as √(SE_opt² + SE_sde² + D²), and the order fitted on them ({@link WeakOrderFit}).
 */
public record EtaStudy(double[] eta, double[] optimizer, double[] optimizerSe, double[] sde, double[] sdeSe,
                       double[] sdeDisc) implements Serializable {
    /** The signed weak errors E f(optimizer) − E f(SDE). */
    public double[] errors() {
        final double[] e = new double[eta.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = optimizer[i] - sde[i];
        }
        return e;
    }

    /** The errors' combined standard errors. */
    public double[] errorSe() {
        final double[] s = new double[eta.length];
        for (int i = 0; i < s.length; i++) {
            final double d = Double.isNaN(sdeDisc[i]) ? 0 : sdeDisc[i];
            s[i] = Math.sqrt(optimizerSe[i] * optimizerSe[i] + sdeSe[i] * sdeSe[i] + d * d);
        }
        return s;
    }

    /** The order fitted on |error| against η. */
    public WeakOrderFit fit() {
        return WeakOrderFit.of(eta, errors(), errorSe());
    }

    /** "eta 0.1: 0.026 ± 0.0007; …". */
    public String describe() {
        final StringBuilder b = new StringBuilder();
        final double[] e = errors(), s = errorSe();
        for (int i = 0; i < eta.length; i++) {
            b.append(i == 0 ? "" : "; ").append(String.format(Locale.ROOT, "eta %.4g: error %.3g +- %.2g", eta[i], e[i],
                    s[i]));
        }
        return b.toString();
    }
}
