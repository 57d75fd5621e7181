package org.distsde.sde.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The goodness of fit and the asymptotic-regime flag of the fitted weak order. */
class WeakOrderFitTest {
    static final double[] DT = {0.1, 0.05, 0.025, 0.0125};

    /** D_ℓ = C·Δt^p with relative standard error rel. */
    static double[][] powerLaw(double c, double p, double rel) {
        final double[] d = new double[DT.length], se = new double[DT.length];
        for (int i = 0; i < DT.length; i++) {
            d[i] = c * Math.pow(DT[i], p);
            se[i] = rel * Math.abs(d[i]);
        }
        return new double[][] {d, se};
    }

    @Test
    void anExactPowerLawIsAsymptotic() {
        final double[][] x = powerLaw(0.7, 1, 0.05);
        final WeakOrderFit f = WeakOrderFit.of(DT, x[0], x[1]);
        assertEquals(1, f.order(), 1e-12);
        assertEquals(0, f.chi2(), 1e-20);
        assertEquals(2, f.df());
        assertTrue(f.asymptotic(), f.regime());
        assertTrue(f.within(0.9, 1.1), f.text());
    }

    /**
     * Orders 0.3, 0.3 then 2 between the levels (a kink), with 1% errors: a narrow interval around
     * the average slope would be wrong. χ² rejects, the interval widens by √(χ²/df) and the fit is
     * flagged. Bug caught: a precise-looking order printed for levels that are no power law.
     */
    @Test
    void aKinkIsRejectedAndWidened() {
        final double[] d = {1, Math.pow(2, -0.3), Math.pow(2, -0.6), Math.pow(2, -2.6)};
        final double[] se = new double[4];
        for (int i = 0; i < 4; i++) {
            se[i] = 0.01 * d[i];
        }
        final WeakOrderFit f = WeakOrderFit.of(DT, d, se);
        assertFalse(f.asymptotic());
        assertTrue(f.pValue() < 0.01 && f.regime().contains("not linear"), f.regime());
        final double plain = 0.01 / Math.sqrt(sxx(DT)); // the weights' SE with equal relative errors
        assertEquals(plain * Math.sqrt(f.chi2() / f.df()), f.se(), 1e-9);
    }

    @Test
    void aSignChangeOrTwoDifferencesAreNotAsymptotic() {
        final WeakOrderFit s = WeakOrderFit.of(DT, new double[] {0.1, -0.05, 0.025, 0.0125},
                new double[] {0.001, 0.001, 0.001, 0.001});
        assertFalse(s.asymptotic());
        assertTrue(s.regime().contains("change sign"), s.regime());
        final WeakOrderFit two = WeakOrderFit.of(new double[] {0.1, 0.05}, new double[] {0.1, 0.05},
                new double[] {0.001, 0.001});
        assertFalse(two.asymptotic());
        assertTrue(two.regime().contains("two differences"), two.regime());
        // a difference within 2 SE of 0
        final WeakOrderFit noisy = WeakOrderFit.of(DT, new double[] {0.1, 0.05, 0.025, 0.0125},
                new double[] {0.001, 0.001, 0.001, 0.01});
        assertFalse(noisy.asymptotic());
        assertTrue(noisy.regime().contains("within 2 SE"), noisy.regime());
    }

    /** Σ(x − x̄)² of log Δt. */
    static double sxx(double[] dt) {
        double m = 0;
        for (double v : dt) {
            m += Math.log(v) / dt.length;
        }
        double s = 0;
        for (double v : dt) {
            s += (Math.log(v) - m) * (Math.log(v) - m);
        }
        return s;
    }
}
