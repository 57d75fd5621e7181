package org.distsde.rng;

/**
 * The plain kernel until the vector kernel is compiled ({@link Kernels#warm}), the vector kernel
 * from then on: both return the same numbers, so the switch, whenever it happens, changes only
 * the speed. Not thread-safe (the kernels' scratch).
 */
final class WarmingKernel implements BlockKernel {
    private final BlockKernel plain;
    private final BlockKernel vector;

    WarmingKernel(BlockKernel plain, BlockKernel vector) {
        this.plain = plain;
        this.vector = vector;
    }

    private BlockKernel now() {
        return Kernels.warm() ? vector : plain;
    }

    @Override
    public void normals(long key, long salt, long block0, int groups, double[] out, int off) {
        now().normals(key, salt, block0, groups, out, off);
    }

    @Override
    public void words(long key, long salt, long block0, int groups, long[] out, int off) {
        now().words(key, salt, block0, groups, out, off);
    }

    @Override
    public void uniforms(long key, long salt, long block0, int groups, double[] out, int off) {
        now().uniforms(key, salt, block0, groups, out, off);
    }

    @Override
    public void normalsAcrossKeys(long[] keys, long[] salts, int n, long block, int half, double[] out, int off) {
        now().normalsAcrossKeys(keys, salts, n, block, half, out, off);
    }

    @Override
    public String name() {
        return Kernels.warm() ? vector.name() : plain.name() + " (vector warming up)";
    }
}
