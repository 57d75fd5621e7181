package org.distsde.rng;

/**
 * The choice of {@link BlockKernel}: the Vector API kernel when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and the CPU has 512-bit vectors, else the plain-Java
 * kernel. Both return the same numbers, so the choice changes only the speed. The system property
 * {@code distsde.rng.kernel} = {@code auto} (default), {@code vector} or {@code plain} forces one
 * (benchmarks, tests); {@code vector} fails when it is unavailable.
 *
 * <p><b>Warm-up.</b> Until C2 has compiled it, Vector API code runs with every vector boxed on
 * the heap: measured 10⁴–10⁵ ns per Gaussian over the first ~2·10⁶ Gaussians of a fresh JVM
 * (3.4 s at load average 19 on 2 cores), against 2 ns once compiled and 50–200 ns for the plain
 * kernel while it warms up. So under {@code auto} the first use starts one daemon thread that runs
 * the vector kernel on dummy keys until it is fast (every step below 20 ns per value five times in
 * a row, or gives up after 60 s), and every {@link GaussianBlocks} uses the plain kernel until
 * then ({@link #warm}, {@link VectorWarmup}) — a switch that changes no number.
 */
final class Kernels {
    static final String PROPERTY = "distsde.rng.kernel";
    private static final boolean VECTOR = vectorUsable();

    private Kernels() { }

    /** Whether the Vector API kernel can run here (module present, 512-bit vectors). */
    static boolean vectorAvailable() {
        return VECTOR;
    }

    /** A new kernel of the configured kind (one per {@link GaussianBlocks}: kernels keep scratch). */
    static BlockKernel create() {
        final String mode = System.getProperty(PROPERTY, "auto");
        switch (mode) {
            case "plain":
                return new PlainKernel();
            case "vector":
                if (!VECTOR) {
                    throw new IllegalStateException(PROPERTY + "=vector needs --add-modules jdk.incubator.vector "
                            + "and a CPU with 512-bit vectors");
                }
                return vector();
            case "auto":
                if (!VECTOR) {
                    return new PlainKernel();
                }
                Warmup.start();
                return new WarmingKernel(new PlainKernel(), vector());
            default:
                throw new IllegalStateException(PROPERTY + " must be auto, vector or plain (got '" + mode + "')");
        }
    }

    /** Whether the vector kernel has been measured fast (compiled) in this JVM. */
    static boolean warm() {
        return Warmup.WARMUP.warm();
    }

    /** The warm-up of the vector kernel: started once per JVM, on the first auto kernel. */
    static final class Warmup implements VectorWarmup.Probe {
        static final VectorWarmup WARMUP = new VectorWarmup("distsde-rng-warmup", new Warmup());
        private static final int GROUPS = 32, KEYS = 64;
        private final BlockKernel k = vector();
        private final double[] z = new double[16 * GROUPS];
        private final long[] w = new long[16 * GROUPS];
        private final long[] ks = new long[KEYS], ss = new long[KEYS];

        static void start() {
            WARMUP.start();
        }

        @Override
        public boolean fast(long i) {
            for (int j = 0; j < KEYS; j++) {
                ks[j] = KeyedStream.mix(i * KEYS + j);
                ss[j] = ~ks[j];
            }
            final long a = System.nanoTime();
            k.normals(ks[0], ss[0], 8 * i, GROUPS, z, 0);
            final long b = System.nanoTime();
            k.words(ks[1], ss[1], 8 * i, GROUPS, w, 0);
            k.uniforms(ks[2], ss[2], 8 * i, GROUPS, z, 0);
            final long c = System.nanoTime();
            k.normalsAcrossKeys(ks, ss, KEYS, i, (int) i & 1, z, 0);
            final long d = System.nanoTime();
            return b - a < 20L * 16 * GROUPS && c - b < 40L * 16 * GROUPS && d - c < 20L * KEYS * 8;
        }
    }

    /** Loaded by name: the class links against jdk.incubator.vector, absent without --add-modules. */
    private static BlockKernel vector() {
        try {
            return (BlockKernel) Class.forName("org.distsde.rng.VectorKernel").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean vectorUsable() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return (Boolean) Class.forName("org.distsde.rng.VectorKernel").getDeclaredMethod("usable").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }
}
