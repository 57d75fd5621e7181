package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.distsde.config.CompressionSpec;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseSpec;
import org.distsde.config.ObjectiveSpec;
import org.distsde.config.SdeSpec;
import org.distsde.objective.Objective;
import org.junit.jupiter.api.Test;

/** The block forms of the shipped objectives and SDEs against their per-point forms. */
class BlockFormTest {
    private static final int N = 17;

    private static double[] points(int d, long seed) {
        final Random r = new Random(seed);
        final double[] x = new double[N * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * r.nextGaussian();
        }
        x[3 * d] = 0; // a zero coordinate (sign 0, gradient 0)
        return x;
    }

    private static ExperimentConfig cfg(String opt, ObjectiveSpec obj, NoiseSpec noise, int agents, String model,
                                        CompressionSpec comp) {
        final int d = obj.dim() != null ? obj.dim() : obj.h() != null ? obj.h().length : 2;
        return Configs.of(opt, obj, new double[d], noise, agents, 0.05, 10, 10, 10, comp, null, null,
                new SdeSpec(true, null, 10, model));
    }

    @Test
    void sdeBlockFormsEqualThePerPointForms() {
        final NoiseSpec cauchy = Configs.studentT(1, 0.7, null);
        final NoiseSpec cauchyHet = Configs.studentT(1, 0.7, new double[] {0.5, 1, 2});
        final NoiseSpec t2 = Configs.studentT(2, 1.3, null);
        final NoiseSpec t3 = Configs.studentT(3, 1.3, new double[] {1, 2, 0.5});
        final NoiseSpec gauss = Configs.gaussian(0.4, 0.3);
        final List<ExperimentConfig> cs = List.of(
                cfg("dsgd", Configs.quartic(3), gauss, 4, "full", null),
                cfg("dsgd", Configs.quadratic(1, 3), gauss, 4, "full", null),
                cfg("dcsgd", Configs.quartic(3), gauss, 4, "full",
                        CompressionSpec.of("random-sparsification", org.distsde.compress.Arguments.of("compression", "p", 0.5))),
                cfg("dsignsgd", Configs.quartic(2), cauchy, 3, "full", null),
                cfg("dsignsgd", Configs.quartic(1), cauchyHet, 3, "full", null),
                cfg("dsignsgd", Configs.quartic(2), t2, 3, "full", null),
                cfg("dsignsgd", Configs.quartic(2), t3, 3, "full", null),
                cfg("dsignsgd", Configs.quartic(2), gauss, 3, "full", null),
                cfg("dsignsgd", Configs.quartic(2), cauchyHet, 3, "phase3", null),
                cfg("dsignsgd", Configs.quartic(2), gauss, 3, "phase3", null),
                cfg("dsignsgd", Configs.quartic(2), t3, 3, "phase1", null));
        for (ExperimentConfig c : cs) {
            final Sde sde = Sdes.of(c);
            final int d = sde.dim();
            final double[] x = points(d, 3);
            final double[] a = new double[N * d], s = new double[N * d], g = new double[N];
            final double[] a1 = new double[N * d], s1 = new double[N * d], g1 = new double[N];
            sde.coefficients(x, N, a, s, g);
            for (int i = 0; i < N; i++) {
                g1[i] = sde.coefficients(x, i * d, a1, s1, i * d);
            }
            final String what = sde.describe() + " " + c.noise().type();
            assertArrayEquals(a1, a, 0.0, what + " drift");
            assertArrayEquals(s1, s, 0.0, what + " diffusion");
            assertArrayEquals(g1, g, 0.0, what + " |grad f|^2");
        }
    }

    @Test
    void objectiveBlockFormsEqualThePerPointForms() {
        final List<ObjectiveSpec> specs = List.of(Configs.quartic(1), Configs.quartic(5), Configs.quartic(40),
                Configs.quadratic(2), Configs.quadratic(1, 2, 3), new ObjectiveSpec("cosh", 3, null, null, null),
                new ObjectiveSpec("embedded-saddle", null, null, null, null));
        for (ObjectiveSpec spec : specs) {
            final Objective f = spec.build();
            final int d = f.dim();
            final double[] x = points(d, 5);
            final double[] v = new double[N], g = new double[N * d], n2 = new double[N];
            f.values(x, N, v);
            f.gradients(x, N, g, n2);
            final double[] g1 = new double[N * d];
            for (int i = 0; i < N; i++) {
                final double gn = f.gradient(x, i * d, g1, i * d);
                final double tol = d >= 16 ? 1e-13 : 0.0; // four partial sums from d = 16 on
                assertEquals(f.value(x, i * d), v[i], tol * Math.abs(v[i]), f.describe() + " value");
                assertEquals(gn, n2[i], tol * gn, f.describe() + " |grad f|^2");
            }
            assertArrayEquals(g1, g, 0.0, f.describe() + " gradient");
        }
    }
}
