package org.distsde.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.distsde.rng.KeyedStream;
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
 * Random number generators: the keyed xoshiro256++ stream of the simulator against Commons RNG's
 * L64_X128_MIX and {@link SplittableRandom}. One operation is one random number (or one re-key).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class GeneratorBenchmark {
    /** Draws per invocation. */
    static final int N = 1024;

    private KeyedStream keyed;
    private ContinuousSampler keyedGauss;
    private UniformRandomProvider l64;
    private ContinuousSampler l64Gauss;
    private SplittableRandom splittable;
    private long round;

    @Setup
    public void setup() {
        keyed = new KeyedStream(12345L, KeyedStream.Purpose.OPTIMIZER).at(7, 3, 11);
        keyedGauss = ZigguratSampler.NormalizedGaussian.of(keyed);
        l64 = RandomSource.L64_X128_MIX.create(12345L);
        l64Gauss = ZigguratSampler.NormalizedGaussian.of(l64);
        splittable = new SplittableRandom(12345L);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long keyedNextLong() {
        long acc = 0;
        for (int i = 0; i < N; i++) {
            acc ^= keyed.nextLong();
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double keyedNextDouble() {
        double acc = 0;
        for (int i = 0; i < N; i++) {
            acc += keyed.nextDouble();
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double keyedZigguratGaussian() {
        double acc = 0;
        for (int i = 0; i < N; i++) {
            acc += keyedGauss.sample();
        }
        return acc;
    }

    /**
     * Re-key at (run, agent, round) within one round (the round half of the hash is cached, as in
     * a simulation round), followed by the first draw of the new stream so the re-key is observable.
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long keyedRekeySameRound() {
        final long k = round++;
        long acc = 0;
        for (int i = 0; i < N; i++) {
            acc ^= keyed.at(i, i & 15, k).next();
        }
        return acc;
    }

    /** Re-key with a new round every time (no cached round half), followed by one draw. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long keyedRekeyNewRound() {
        long acc = 0;
        for (int i = 0; i < N; i++) {
            acc ^= keyed.at(i, i & 15, round++).next();
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long l64x128MixNextLong() {
        long acc = 0;
        for (int i = 0; i < N; i++) {
            acc ^= l64.nextLong();
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double l64x128MixZigguratGaussian() {
        double acc = 0;
        for (int i = 0; i < N; i++) {
            acc += l64Gauss.sample();
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long splittableNextLong() {
        long acc = 0;
        for (int i = 0; i < N; i++) {
            acc ^= splittable.nextLong();
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double splittableNextGaussian() {
        double acc = 0;
        for (int i = 0; i < N; i++) {
            acc += splittable.nextGaussian();
        }
        return acc;
    }
}
