package org.distsde.optim;

import java.util.function.Function;
import org.distsde.compress.AgentCompressors;
import org.distsde.compress.Compressor;
import org.distsde.noise.AgentNoise;
import org.distsde.sim.AgentKernel;

/**
 * A message kernel whose agents draw their stochastic gradients ({@link GradientDraws}, built on
 * this kernel's stream and samplers) and compress what they send ({@link AgentCompressors}).
 */
abstract class DrawingKernel extends AgentKernel {
    protected final GradientDraws draws;
    private final AgentCompressors compressors;
    /** The compressor of every agent when homogeneous, else null. */
    protected final Compressor compressor;

    DrawingKernel(int d, AgentNoise noises, long seed, AgentCompressors compressors,
                  Function<AgentKernel, GradientDraws> draws) {
        super(d, noises, seed);
        this.draws = draws.apply(this);
        this.compressors = compressors;
        this.compressor = compressors.homogeneous() ? compressors.of(0) : null;
    }

    /** Agent i's compressor. */
    protected final Compressor compressor(int i) {
        return compressor != null ? compressor : compressors.of(i);
    }

    @Override
    public boolean needsIterates() {
        return draws.needsIterates();
    }
}
