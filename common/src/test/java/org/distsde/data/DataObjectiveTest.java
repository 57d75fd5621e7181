package org.distsde.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.stream.IntStream;
import org.distsde.objective.DataObjective;
import org.junit.jupiter.api.Test;

class DataObjectiveTest {
    private static final Dataset BC = TestData.breastCancer().standardized();

    /** Least squares by modified Gram–Schmidt QR of Ã = [A 1] (not the normal equations): Rθ = Qᵀy. */
    private static double[] qrLeastSquares(Dataset data) {
        final int n = data.rows(), p = data.features(), d = p + 1;
        final double[][] q = new double[d][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                q[j][i] = data.feature(i, j);
            }
            q[p][i] = 1;
        }
        final double[][] r = new double[d][d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < j; k++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += q[k][i] * q[j][i];
                }
                r[k][j] = s;
                for (int i = 0; i < n; i++) {
                    q[j][i] -= s * q[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[j][i] * q[j][i];
            }
            norm = Math.sqrt(norm);
            r[j][j] = norm;
            for (int i = 0; i < n; i++) {
                q[j][i] /= norm;
            }
        }
        final double[] theta = new double[d];
        for (int j = d - 1; j >= 0; j--) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += q[j][i] * data.label(i);
            }
            for (int k = j + 1; k < d; k++) {
                s -= r[j][k] * theta[k];
            }
            theta[j] = s / r[j][j];
        }
        return theta;
    }

    @Test
    void leastSquaresMinimumMatchesQrAndHasZeroGradient() {
        // raw Breast Cancer features span 1e-3 … 4e3: the singularity test must not depend on column scales
        for (Dataset data : new Dataset[] {TestData.random(300, 5, 1, true), BC, TestData.breastCancer()}) {
            final DataObjective f = new DataObjective(data, new LeastSquares());
            final Minimum min = f.minimum();
            assertTrue(min.exact());
            final double[] theta = new LeastSquares().minimizer(data);
            final double[] g = new double[f.dim()];
            final double gn2 = f.gradient(theta, 0, g, 0);
            assertTrue(Math.sqrt(gn2) < 1e-9 * (1 + maxAbs(data)), "gradient at the solution: " + Math.sqrt(gn2));
            final double[] qr = qrLeastSquares(data);
            assertEquals(f.value(qr, 0), min.value(), 1e-10 * min.value(), "f* vs the QR solution");
            assertEquals(min.value(), f.minValue());
        }
    }

    private static double maxAbs(Dataset data) {
        return java.util.Arrays.stream(data.featureArray()).map(Math::abs).max().orElse(0);
    }

    @Test
    void leastSquaresWithNoiselessLabelsHasMinimumZeroAtTheGeneratingWeights() {
        final Dataset x = TestData.random(50, 3, 2, true);
        final double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            y[i] = 2 * x.feature(i, 0) - x.feature(i, 1) + 0.5 * x.feature(i, 2) - 3;
        }
        final Dataset data = new Dataset(x.featureArray(), y, 3);
        assertArrayEquals(new double[] {2, -1, 0.5, -3}, new LeastSquares().minimizer(data), 1e-12);
        assertEquals(0, new DataObjective(data, new LeastSquares()).minValue(), 1e-24);
    }

    @Test
    void singularNormalEquationsGiveAClearError() {
        final Dataset base = TestData.random(40, 2, 3, true);
        final double[] f = new double[40 * 3];
        for (int i = 0; i < 40; i++) { // the third feature is the sum of the first two
            f[3 * i] = base.feature(i, 0);
            f[3 * i + 1] = base.feature(i, 1);
            f[3 * i + 2] = base.feature(i, 0) + base.feature(i, 1);
        }
        final DataObjective obj = new DataObjective(new Dataset(f, base.labelArray(), 3), new LeastSquares());
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, obj::minValue);
        assertTrue(e.getMessage().contains("singular") && e.getMessage().contains("collinear"), e.getMessage());
    }

    @Test
    void logisticNewtonOptimumHasZeroGradientAndBeatsNeighbours() {
        final Dataset data = TestData.random(400, 4, 4, false);
        final DataObjective f = new DataObjective(data, new LogisticRegression());
        final Minimum min = f.minimum();
        assertTrue(min.exact() && min.method().startsWith("Newton"), min.toString());
        final double[] w = new LogisticRegression().minimizer(data);
        final double[] g = new double[5];
        assertTrue(Math.sqrt(f.gradient(w, 0, g, 0)) < 1e-10, "gradient at the Newton optimum");
        assertEquals(f.value(w, 0), min.value(), 1e-15);
        for (int j = 0; j < 5; j++) { // convex: any move increases f
            for (double s : new double[] {-1e-3, 1e-3}) {
                final double[] v = w.clone();
                v[j] += s;
                assertTrue(f.value(v, 0) > min.value());
            }
        }
    }

    @Test
    void separableLogisticDataHaveInfimumZero() {
        final Dataset x = TestData.random(100, 2, 5, true);
        final double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            y[i] = x.feature(i, 0) - 0.5 * x.feature(i, 1) > 0.1 ? 1 : 0;
        }
        final Dataset data = new Dataset(x.featureArray(), y, 2);
        final Minimum min = new DataObjective(data, new LogisticRegression()).minimum();
        assertEquals(0, min.value());
        assertTrue(min.exact() && min.method().contains("separable"), min.toString());
        assertThrows(IllegalArgumentException.class, () -> new LogisticRegression().minimizer(data));
    }

    @Test
    void mlpMinimumIsTheCrossEntropyLowerBound() {
        final DataObjective f = new DataObjective(BC, new Mlp());
        assertEquals(0, f.minValue());
        assertEquals(Minimum.Kind.LOWER_BOUND, f.minimum().kind());
        assertNull(f.smoothness());
        assertEquals(4421, f.dim());
    }

    /** The largest eigenvalue of a symmetric matrix by cyclic Jacobi rotations. */
    private static double jacobiMaxEigenvalue(double[][] a) {
        final int d = a.length;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off < 1e-26) {
                break;
            }
            for (int pp = 0; pp < d; pp++) {
                for (int q = pp + 1; q < d; q++) {
                    if (Math.abs(a[pp][q]) < 1e-300) {
                        continue;
                    }
                    final double theta = (a[q][q] - a[pp][pp]) / (2 * a[pp][q]);
                    final double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    final double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < d; k++) { // columns p, q
                        final double akp = a[k][pp], akq = a[k][q];
                        a[k][pp] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) { // rows p, q
                        final double apk = a[pp][k], aqk = a[q][k];
                        a[pp][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            max = Math.max(max, a[i][i]);
        }
        return max;
    }

    @Test
    void leastSquaresHessianNormIsTheLargestEigenvalueOfTheGramMatrix() {
        for (Dataset data : new Dataset[] {BC, TestData.random(200, 6, 6, true)}) {
            final int n = data.rows(), d = data.features() + 1;
            final double[][] m = new double[d][d]; // ÃᵀÃ/n, Ã = [A 1]
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < d; r++) {
                    final double ar = r < d - 1 ? data.feature(i, r) : 1;
                    for (int c = 0; c < d; c++) {
                        m[r][c] += ar * (c < d - 1 ? data.feature(i, c) : 1) / n;
                    }
                }
            }
            final double lambda = jacobiMaxEigenvalue(m);
            final DataObjective f = new DataObjective(data, new LeastSquares());
            final double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = Math.sin(j + 1); // the Hessian is constant: any point
            }
            assertEquals(lambda, f.hessianNorm(x, 0), 1e-4 * lambda, data.describe());
        }
    }

    @Test
    void objectiveContractBlockFormsAndThreads() throws Exception {
        final DataObjective f = new DataObjective(BC, new Mlp(8, 8));
        final int d = f.dim();
        final double[] x = new double[3 * d];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(f.initialPoint(42, r), 0, x, r * d, d);
        }
        assertArrayEquals(f.initialPoint(42, 1), f.initialPoint(42, 1)); // deterministic
        assertFalse(java.util.Arrays.equals(f.initialPoint(42, 1), f.initialPoint(42, 2)));
        final double[] vals = new double[3], g = new double[3 * d], gn2 = new double[3];
        f.values(x, 3, vals);
        f.gradients(x, 3, g, gn2);
        final double[] one = new double[d];
        for (int r = 0; r < 3; r++) {
            assertEquals(f.value(x, r * d), vals[r]);
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += g[r * d + j] * g[r * d + j];
            }
            assertEquals(s, gn2[r], 1e-15 * s);
            assertEquals(f.valueAndGradient(x, r * d, one, 0), vals[r], 1e-15);
        }
        // many threads at once (per-thread workspaces) give the single-threaded numbers
        final double[] par = IntStream.range(0, 64).parallel().mapToDouble(k -> {
            final double[] gk = new double[d];
            f.gradient(x, (k % 3) * d, gk, 0);
            return f.value(x, (k % 3) * d) + gk[k % d];
        }).toArray();
        for (int k = 0; k < 64; k++) {
            assertEquals(vals[k % 3] + g[(k % 3) * d + k % d], par[k]);
        }
        // serialisable (as Spark ships it), and works after deserialisation
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(f);
        }
        final DataObjective copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (DataObjective) in.readObject();
        }
        assertEquals(vals[2], copy.value(x, 2 * d));
    }

    @Test
    void minibatchGradientAveragesTheGivenRows() {
        final DataObjective f = new DataObjective(BC, new LogisticRegression());
        final double[] w = f.initialPoint(1, 0);
        w[0] = 0.3;
        final int[] rows = {9, 2, 9, 100};
        final double[] g = new double[f.dim()], expect = new double[f.dim()], gi = new double[f.dim()];
        final double gn2 = f.minibatchGradient(w, 0, rows, 1, 4, g, 0); // rows 2, 9, 100
        for (int r : new int[] {2, 9, 100}) {
            f.minibatchGradient(w, 0, new int[] {r}, 0, 1, gi, 0);
            for (int j = 0; j < f.dim(); j++) {
                expect[j] += gi[j] / 3;
            }
        }
        assertArrayEquals(expect, g, 1e-15);
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        assertEquals(s, gn2, 1e-15);
        assertEquals((f.minibatchValue(w, 0, rows, 1, 2) + f.minibatchValue(w, 0, rows, 2, 4) * 2) / 3,
                f.minibatchValue(w, 0, rows, 1, 4), 1e-15);
    }

    @Test
    void hotPathsAllocateNothing() {
        final com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        final long me = Thread.currentThread().getId();
        for (Model model : new Model[] {new LogisticRegression(), new LeastSquares(), new Mlp(12, 12)}) {
            final DataObjective f = new DataObjective(BC, model);
            final MinibatchGradients mg = new MinibatchGradients(f, AgentSplit.iid(BC.rows(), 4, 1), 8);
            final org.distsde.rng.KeyedStream rng = new org.distsde.rng.KeyedStream(1, org.distsde.rng.KeyedStream.Purpose.OPTIMIZER);
            final double[] w = f.initialPoint(1, 0), g = new double[f.dim()];
            final int[] rows = {3, 1, 4, 1, 5, 9, 2, 6};
            double sink = 0;
            for (int rep = 0; rep < 2; rep++) { // the first pass warms up (ThreadLocals, class loading)
                final long before = mx.getThreadAllocatedBytes(me);
                for (int t = 0; t < 100; t++) {
                    sink += f.value(w, 0) + f.gradient(w, 0, g, 0) + f.minibatchGradient(w, 0, rows, 0, 8, g, 0);
                    mg.sample(t % 4, w, 0, rng.at(t, t % 4, 0), g);
                }
                final long bytes = mx.getThreadAllocatedBytes(me) - before;
                if (rep == 1) { // 400 calls: one small object each would be >= 6 KB
                    assertTrue(bytes < 1024, model.describe() + " allocated " + bytes + " bytes in 400 calls");
                }
            }
            assertTrue(Double.isFinite(sink));
        }
    }
}
