package org.distsde.jmh;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.distsde.rng.GaussianBlocks;
import org.distsde.rng.KeyedStream;
import org.distsde.sde.BrownianIncrements;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Standard Gaussians, one thread, ns per Gaussian: the counter-based {@link GaussianBlocks}
 * (Vector API kernel and plain-Java kernel; the source of every kernel's Gaussians, and through
 * {@link BrownianIncrements#block} of the SDE engine's) against the engine's former 256-layer
 * ziggurat ({@link FormerZiggurat} on a {@link KeyedStream}, one draw at a time, as the SDE engine
 * drew before) and Commons RNG's {@code ZigguratSampler.NormalizedGaussian} on a
 * {@link KeyedStream} (the optimizer kernels' former draws).
 *
 * <ul>
 * <li>{@code d1000*}: long blocks, 1000 Gaussians per key, a new key (run) every invocation.</li>
 * <li>{@code d1*}: short streams, one Gaussian per key for 1024 keys (run, agent, round) — the
 *     d = 1 pattern of DSGD, one re-key per draw — and, for comparison, the same 1024 Gaussians
 *     as counters of one key per (agent, round).</li>
 * </ul>
 * Forked with {@code --add-modules jdk.incubator.vector}; the plain kernel is forced per instance.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class NormalsBenchmark {
    static final int D = 1000;
    static final int KEYS = 1024;
    static final long SEED = 12345L;

    private GaussianBlocks vector;
    private GaussianBlocks plain;
    private KeyedStream keyed;
    private ContinuousSampler commons;
    private KeyedStream former;
    private java.util.function.LongSupplier more;
    private BrownianIncrements engineD1000;
    private BrownianIncrements engineD1;
    private final double[] out = new double[Math.max(D, KEYS)];
    private final double[] scratch = new double[Math.max(D, KEYS)];
    private long key;

    @Setup
    public void setup() {
        Setups.awaitVectorKernels();
        System.setProperty("distsde.rng.kernel", "vector"); // fails where the Vector API kernel cannot run
        vector = new GaussianBlocks(SEED, KeyedStream.Purpose.SDE);
        System.setProperty("distsde.rng.kernel", "plain");
        plain = new GaussianBlocks(SEED, KeyedStream.Purpose.SDE);
        System.clearProperty("distsde.rng.kernel");
        keyed = new KeyedStream(SEED, KeyedStream.Purpose.OPTIMIZER);
        commons = ZigguratSampler.NormalizedGaussian.of(keyed);
        former = new KeyedStream(SEED, KeyedStream.Purpose.SDE);
        more = former::nextLong;
        engineD1000 = new BrownianIncrements(SEED, 0, D);
        engineD1 = new BrownianIncrements(SEED, 0, 1);
    }

    @Benchmark
    @OperationsPerInvocation(D)
    public double[] d1000Vector() {
        vector.at(key++, 0, 0).normals(0, out, 0, D);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(D)
    public double[] d1000Plain() {
        plain.at(key++, 0, 0).normals(0, out, 0, D);
        return out;
    }

    /** The engine's former ziggurat one draw at a time (as its former {@code BrownianIncrements.gaussians}). */
    @Benchmark
    @OperationsPerInvocation(D)
    public double[] d1000FormerEngineZiggurat() {
        final KeyedStream s = former.at(key++, 0, 0);
        for (int i = 0; i < D; i++) {
            out[i] = FormerZiggurat.sample(s.nextLong(), more);
        }
        return out;
    }

    /** The engine's block path now ({@code BrownianIncrements.block}: one range of counters, the level-0 scaling): one path, d = 1000. */
    @Benchmark
    @OperationsPerInvocation(D)
    public double[] d1000EngineBlock() {
        engineD1000.block(key++, 1, 0, 1.0, scratch, out);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(D)
    public double[] d1000CommonsZiggurat() {
        keyed.at(key++, 0, 0);
        for (int i = 0; i < D; i++) {
            out[i] = commons.sample();
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(D)
    public double[] d1000VectorUniforms() {
        vector.at(key++, 0, 0).uniforms(0, out, 0, D);
        return out;
    }

    /** One Gaussian per key through {@code at(...).normals(0, out, i, 1)} (one Philox block, scalar). */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public double[] d1VectorPerKey() {
        final long round = key++;
        for (int i = 0; i < KEYS; i++) {
            vector.at(i, i & 15, round).normals(0, out, i, 1);
        }
        return out;
    }

    /** One Gaussian per key for 1024 runs in one pass ({@code normalsAcrossRuns}, vectorised over the keys). */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public double[] d1VectorAcrossRuns() {
        vector.normalsAcrossRuns(0, KEYS, 3, key++, 0, out, 0);
        return out;
    }

    /**
     * The d = 1 pattern with the run as the counter: one key per (agent, round), the 1024 runs'
     * Gaussians at counters 0 … 1023 (the layout proposed for the kernels: no per-run hashing).
     */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public double[] d1VectorRunsAsCounters() {
        vector.at(0, 3, key++).normals(0, out, 0, KEYS);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(KEYS)
    public double[] d1PlainAcrossRuns() {
        plain.normalsAcrossRuns(0, KEYS, 3, key++, 0, out, 0);
        return out;
    }

    /** The engine's d = 1 pattern now: 1024 paths' Gaussians as one range of counters (BrownianIncrements.block). */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public double[] d1EngineBlock() {
        engineD1.block(0, KEYS, key++, 1.0, scratch, out);
        return out;
    }

    /** The engine's former d = 1 pattern: one keyed stream per path and step, its first word through the ziggurat. */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public double[] d1FormerEngineZiggurat() {
        final long step = key++;
        for (int i = 0; i < KEYS; i++) {
            final KeyedStream s = former.at(i, 0, step);
            out[i] = FormerZiggurat.sample(s.nextLong(), more);
        }
        return out;
    }

    /** The kernels' d = 1 pattern today: re-key, then one Commons ziggurat draw. */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public double[] d1CommonsZiggurat() {
        final long round = key++;
        for (int i = 0; i < KEYS; i++) {
            keyed.at(i, i & 15, round);
            out[i] = commons.sample();
        }
        return out;
    }
}
