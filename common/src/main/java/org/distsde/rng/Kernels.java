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
 * then ({@link #warm}) — a switch that changes no number.
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
        return Warmup.warm;
    }

    /** The warm-up thread: runs once per JVM, on the first auto kernel. */
    static final class Warmup implements Runnable {
        static volatile boolean warm;
        private static boolean started;

        static synchronized void start() {
            if (!started) {
                started = true;
                final Thread t = new Thread(new Warmup(), "distsde-rng-warmup");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                t.start();
            }
        }

        @Override
        public void run() {
            final BlockKernel k = vector();
            final int groups = 32, keys = 64;
            final double[] z = new double[16 * groups];
            final long[] w = new long[16 * groups];
            final long[] ks = new long[keys], ss = new long[keys];
            final long t0 = System.nanoTime();
            int fast = 0;
            for (long i = 0; fast < 5 && System.nanoTime() - t0 < 60_000_000_000L; i++) {
                for (int j = 0; j < keys; j++) {
                    ks[j] = KeyedStream.mix(i * keys + j);
                    ss[j] = ~ks[j];
                }
                final long a = System.nanoTime();
                k.normals(ks[0], ss[0], 8 * i, groups, z, 0);
                final long b = System.nanoTime();
                k.words(ks[1], ss[1], 8 * i, groups, w, 0);
                k.uniforms(ks[2], ss[2], 8 * i, groups, z, 0);
                final long c = System.nanoTime();
                k.normalsAcrossKeys(ks, ss, keys, i, (int) i & 1, z, 0);
                final long d = System.nanoTime();
                final boolean quick = b - a < 20L * 16 * groups && c - b < 40L * 16 * groups && d - c < 20L * keys * 8;
                fast = quick ? fast + 1 : 0;
            }
            warm = fast >= 5;
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
