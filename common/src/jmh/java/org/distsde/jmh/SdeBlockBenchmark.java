package org.distsde.jmh;

import java.util.concurrent.TimeUnit;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.SdeSimulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole block of SDE paths as a task of {@code integrate} runs it ({@link SdeSimulation#runBlock}):
 * 200 paths over 1000 steps (d = 1), at the bench's settings for each optimizer's SDE, including
 * the recording and the step rule. One operation is one path-step·d.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class SdeBlockBenchmark {
    static final int PATHS = 200;
    static final int STEPS = 1000;

    /** dsgd (B.1, σ₁ = 3, max1 normalization), dsignsgd (B.3, Cauchy σ = 1, ηₖ = 1/√(k+1)). */
    @Param({"dsgd", "dsignsgd"})
    public String sde;

    SdeSimulation sim;

    @Setup
    public void setup() {
        Setups.awaitVectorKernels();
        final ExperimentConfig c = switch (sde) {
            case "dsgd" -> ConfigLoader.parse("""
                    {"name": "block-dsgd", "seed": 12345, "runs": %d, "rounds": %d, "recordEvery": 10,
                     "optimizer": "dsgd", "agents": 10, "eta": 0.01, "objective": {"type": "quartic", "dim": 1},
                     "x0": [8.0], "noise": {"type": "gaussian", "sigma0": 0.0, "sigma1": 3.0},
                     "normalization": {"type": "grad-norm", "floor": 1}}
                    """.formatted(PATHS, STEPS), java.util.List.of()).first();
            default -> ConfigLoader.parse("""
                    {"name": "block-dsign", "seed": 12345, "runs": %d, "rounds": %d, "recordEvery": 10,
                     "optimizer": "dsignsgd", "agents": 10, "eta": 0.1, "objective": {"type": "quartic", "dim": 1},
                     "x0": [1.0], "noise": {"type": "student-t", "nu": 1, "sigma": 1.0},
                     "schedule": {"type": "power", "theta": 0.5}}
                    """.formatted(PATHS, STEPS), java.util.List.of()).first();
        };
        sim = new SdeSimulation(c);
    }

    @Benchmark
    @OperationsPerInvocation(PATHS * STEPS)
    public SdeSimulation.Block block() {
        return sim.runBlock(0, PATHS);
    }
}
