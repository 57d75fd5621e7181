package org.distsde.sde.refine;

import java.util.ArrayList;
import java.util.List;
import org.distsde.sim.RoundStats;

/**
 * Talay–Tubaro extrapolation of two coupled Euler–Maruyama levels, row by row: 2·S(Δt/2) − S(Δt)
 * for every statistic that is an expectation or a smooth functional of the law (means, quantiles,
 * variances, the time integrals), which removes the Δt term of the weak-error expansion (D. Talay
 * and L. Tubaro, Stochastic Analysis and Applications 8(4), 1990). Run counts, times and the
 * integrals' covariance are the finer level's.
 */
public final class TalayTubaro {
    private TalayTubaro() { }

    /** Extrapolates {@code fine} (Δt/2) and {@code coarse} (Δt), recorded at the same rounds. */
    public static List<RoundStats> extrapolate(List<RoundStats> fine, List<RoundStats> coarse) {
        if (fine.size() != coarse.size()) {
            throw new IllegalArgumentException("levels recorded " + fine.size() + " and " + coarse.size() + " rows");
        }
        final List<RoundStats> out = new ArrayList<>(fine.size());
        for (int i = 0; i < fine.size(); i++) {
            final RoundStats f = fine.get(i), c = coarse.get(i);
            if (f.round() != c.round()) {
                throw new IllegalArgumentException("levels recorded different rounds (" + f.round() + ", " + c.round() + ")");
            }
            final double[] xm = new double[f.coordinates()], xv = new double[f.coordinates()];
            for (int j = 0; j < xm.length; j++) {
                xm[j] = x(f.xMean()[j], c.xMean()[j]);
                xv[j] = x(f.xVar()[j], c.xVar()[j]);
            }
            out.add(new RoundStats(f.round(), f.time(), x(f.lr(), c.lr()), x(f.lrMin(), c.lrMin()), x(f.lrMax(), c.lrMax()),
                    f.runs(), f.diverged(), x(f.lossMean(), c.lossMean()), f.lossStd(), x(f.lossP05(), c.lossP05()),
                    x(f.lossP50(), c.lossP50()), x(f.lossP95(), c.lossP95()), x(f.gradNormSqMean(), c.gradNormSqMean()),
                    x(f.gradNormMean(), c.gradNormMean()), x(f.phi1(), c.phi1()), x(f.phi2(), c.phi2()),
                    x(f.intEtaGradNormSq(), c.intEtaGradNormSq()), x(f.intEta2GradNormSq(), c.intEta2GradNormSq()),
                    xm, xv, f.integralCov()));
        }
        return out;
    }

    private static double x(double fine, double coarse) {
        return 2 * fine - coarse;
    }
}
