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
                xm[j] = x(f.x().mean()[j], c.x().mean()[j]);
                xv[j] = x(f.x().var()[j], c.x().var()[j]);
            }
            final RoundStats.Integrals fi = f.integrals(), ci = c.integrals();
            out.add(new RoundStats(f.round(), f.time(), f.runs(), f.diverged(),
                    new RoundStats.Rate(x(f.lr().mean(), c.lr().mean()), x(f.lr().min(), c.lr().min()),
                            x(f.lr().max(), c.lr().max())),
                    new RoundStats.Loss(x(f.loss().mean(), c.loss().mean()), f.loss().std(),
                            x(f.loss().p05(), c.loss().p05()), x(f.loss().p50(), c.loss().p50()),
                            x(f.loss().p95(), c.loss().p95())),
                    new RoundStats.Gradient(x(f.grad().normSqMean(), c.grad().normSqMean()),
                            x(f.grad().normMean(), c.grad().normMean())),
                    new RoundStats.Integrals(x(fi.phi1(), ci.phi1()), x(fi.phi2(), ci.phi2()),
                            x(fi.etaGradNormSq(), ci.etaGradNormSq()), x(fi.eta2GradNormSq(), ci.eta2GradNormSq()),
                            fi.cov()),
                    new RoundStats.Moments(xm, xv), null, null));
        }
        return out;
    }

    private static double x(double fine, double coarse) {
        return 2 * fine - coarse;
    }
}
