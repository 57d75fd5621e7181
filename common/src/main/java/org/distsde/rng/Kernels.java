package org.distsde.rng;

/**
 * The choice of {@link BlockKernel}: the Vector API kernel when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and the CPU has 512-bit vectors, else the plain-Java
 * kernel. Both return the same numbers, so the choice changes only the speed. The system property
 * {@code distsde.rng.kernel} = {@code auto} (default), {@code vector} or {@code plain} forces one
 * (benchmarks, tests); {@code vector} fails when it is unavailable.
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
                return VECTOR ? vector() : new PlainKernel();
            default:
                throw new IllegalStateException(PROPERTY + " must be auto, vector or plain (got '" + mode + "')");
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
