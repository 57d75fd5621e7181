package org.distsde.sde;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link StepKernel} with the Vector API ({@code jdk.incubator.vector}, the preferred vector width):
 * each method is one pass over the block, lane by lane the operations of {@link PlainSteps} in the
 * same order (IEEE +, −, ×, ÷: the same bits), the last n mod L elements by the same scalar code. Loaded only when the module is
 * present ({@link StepKernels}).
 */
final class VectorSteps implements StepKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /** Whether the CPU has vectors of at least 256 bits (else the plain kernel is as fast). */
    static boolean usable() {
        return S.vectorBitSize() >= 256;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public boolean diverging(double[] val, double[] g2, int n, double fStar, double threshold) {
        VectorMask<Double> bad = S.maskAll(false);
        int p = 0;
        for (final int end = S.loopBound(n); p < end; p += S.length()) {
            // compare is false for NaN: a NaN value or gradient norm counts as diverging, as in the plain test
            bad = bad.or(DoubleVector.fromArray(S, val, p).sub(fStar).compare(VectorOperators.LE, threshold).not())
                    .or(DoubleVector.fromArray(S, g2, p).compare(VectorOperators.LT, Double.POSITIVE_INFINITY).not());
        }
        boolean b = bad.anyTrue();
        for (; p < n; p++) {
            b |= !(val[p] - fStar <= threshold) || !(g2[p] < Double.POSITIVE_INFINITY);
        }
        return b;
    }

    @Override
    public void advance(int n, double[] x, double[] drift, double[] diff, double[] inc, int incOff, double[] mask,
                        double[] lr, double eta, boolean uniform, double[] gn2, double[] phi1, double[] phi2,
                        double[] i1, double[] i2, double dt) {
        final double e0 = lr[0] / eta;
        int p = 0;
        for (final int end = S.loopBound(n); p < end; p += S.length()) {
            final DoubleVector m = DoubleVector.fromArray(S, mask, p);
            final DoubleVector e = uniform ? m.mul(e0) : m.mul(DoubleVector.fromArray(S, lr, p).div(eta));
            final DoubleVector ee = e.mul(e);
            final DoubleVector g = DoubleVector.fromArray(S, gn2, p);
            DoubleVector.fromArray(S, phi1, p).add(e.mul(dt)).intoArray(phi1, p);
            DoubleVector.fromArray(S, phi2, p).add(ee.mul(dt)).intoArray(phi2, p);
            DoubleVector.fromArray(S, i1, p).add(e.mul(g).mul(dt)).intoArray(i1, p);
            DoubleVector.fromArray(S, i2, p).add(ee.mul(g).mul(dt)).intoArray(i2, p);
            final DoubleVector step = DoubleVector.fromArray(S, drift, p).mul(dt)
                    .add(DoubleVector.fromArray(S, diff, p).mul(DoubleVector.fromArray(S, inc, incOff + p)));
            DoubleVector.fromArray(S, x, p).add(e.mul(step)).intoArray(x, p); // Algorithm 1
        }
        for (; p < n; p++) {
            final double e = uniform ? mask[p] * e0 : mask[p] * (lr[p] / eta);
            phi1[p] += e * dt;
            phi2[p] += e * e * dt;
            i1[p] += e * gn2[p] * dt;
            i2[p] += e * e * gn2[p] * dt;
            x[p] += e * (drift[p] * dt + diff[p] * inc[incOff + p]);
        }
    }
}
