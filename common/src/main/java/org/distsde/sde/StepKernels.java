package org.distsde.sde;

import org.distsde.rng.VectorWarmup;

/**
 * The {@link StepKernel} in use: the Vector API one ({@link VectorSteps}) when the JVM has
 * {@code --add-modules jdk.incubator.vector} and vectors of at least 256 bits, once it has been
 * compiled ({@link VectorWarmup}: a daemon thread runs it on dummy paths first), else the plain one.
 * Both return the same bits, so the choice changes only the speed. The system property
 * {@code distsde.rng.kernel} (which picks the Gaussians' kernel) picks this one too: {@code plain}
 * forces plain Java, {@code vector} the Vector API without waiting for the warm-up.
 */
final class StepKernels {
    private static final StepKernel VECTOR = load();
    private static final VectorWarmup WARMUP = VECTOR == null ? null
            : new VectorWarmup("distsde-sde-warmup", new Probe(VECTOR));

    private StepKernels() { }

    /** The kernel to use now (cheap: called once per step and block). */
    static StepKernel current() {
        if (VECTOR == null) {
            return PlainSteps.INSTANCE;
        }
        switch (System.getProperty("distsde.rng.kernel", "auto")) {
            case "plain":
                return PlainSteps.INSTANCE;
            case "vector":
                return VECTOR;
            default:
                if (WARMUP.warm()) {
                    return VECTOR;
                }
                WARMUP.start();
                return PlainSteps.INSTANCE;
        }
    }

    /** The vector kernel, or null where it cannot run (tests compare it with the plain one). */
    static StepKernel vector() {
        return VECTOR;
    }

    /** Loaded by name: the class links against jdk.incubator.vector, absent without --add-modules. */
    private static StepKernel load() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            final Class<?> c = Class.forName("org.distsde.sde.VectorSteps");
            if (!(Boolean) c.getDeclaredMethod("usable").invoke(null)) {
                return null;
            }
            return (StepKernel) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Every method of the vector kernel on 512 dummy paths; fast below 20 ns per path each. */
    private static final class Probe implements VectorWarmup.Probe {
        private static final int N = 512;
        private final StepKernel k;
        private final double[] x = new double[N], a = new double[N], b = new double[N], c = new double[N];
        private final double[] one = new double[N], p1 = new double[N], p2 = new double[N], q1 = new double[N];
        private final double[] q2 = new double[N];

        Probe(StepKernel k) {
            this.k = k;
            java.util.Arrays.fill(one, 1);
        }

        @Override
        public boolean fast(long i) {
            for (int p = 0; p < N; p++) {
                x[p] = (p - N / 2) * 0.01;
                a[p] = x[p] * x[p] * x[p];
                c[p] = x[p];
            }
            final long t0 = System.nanoTime();
            final boolean d = k.diverging(one, c, N, 0, 10);
            k.advance(N, x, a, b, c, 0, one, one, 2, (i & 1) == 0, one, p1, p2, q1, q2, 0.01);
            return !d && System.nanoTime() - t0 < 20L * 2 * N;
        }
    }
}
