package org.distsde.sde;

/**
 * {@link StepKernel} in plain Java: the fallback when the Vector API is unavailable, and the
 * definition the vector kernel reproduces.
 */
final class PlainSteps implements StepKernel {
    static final PlainSteps INSTANCE = new PlainSteps();

    private PlainSteps() { }

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public boolean diverging(double[] val, double[] g2, int n, double fStar, double threshold) {
        // two max-reductions (NaN and +∞ propagate); subtraction is monotone, so max(val) − f* = max(val − f*)
        double vMax = Double.NEGATIVE_INFINITY, gMax = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            vMax = Math.max(vMax, val[p]);
        }
        for (int p = 0; p < n; p++) {
            gMax = Math.max(gMax, g2[p]);
        }
        return !(vMax - fStar <= threshold) || !(gMax < Double.POSITIVE_INFINITY);
    }

    @Override
    public void advance(int n, double[] x, double[] drift, double[] diff, double[] inc, int incOff, double[] mask,
                        double[] lr, double eta, boolean uniform, double[] gn2, double[] phi1, double[] phi2,
                        double[] i1, double[] i2, double dt) {
        if (uniform) {
            final double e0 = lr[0] / eta;
            for (int p = 0; p < n; p++) {
                final double e = mask[p] * e0;
                phi1[p] += e * dt;
                phi2[p] += e * e * dt;
                i1[p] += e * gn2[p] * dt;
                i2[p] += e * e * gn2[p] * dt;
                x[p] += e * (drift[p] * dt + diff[p] * inc[incOff + p]);
            }
            return;
        }
        for (int p = 0; p < n; p++) {
            final double e = mask[p] * (lr[p] / eta);
            phi1[p] += e * dt;
            phi2[p] += e * e * dt;
            i1[p] += e * gn2[p] * dt;
            i2[p] += e * e * gn2[p] * dt;
            x[p] += e * (drift[p] * dt + diff[p] * inc[incOff + p]);
        }
    }
}
