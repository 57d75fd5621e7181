package org.distsde.jmh;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.distsde.config.ExperimentConfig;
import org.distsde.objective.Objective;
import org.distsde.rng.GaussianBlocks;
import org.distsde.rng.KeyedStream;
import org.distsde.sim.AgentWorker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One round of the agents' computation ({@link AgentWorker#accumulate}) for all runs and all N
 * agents, at fixed gradients. One operation is one agent-coordinate: an invocation is
 * R·N·d operations. The round index advances every invocation, so each invocation draws fresh
 * numbers (and pays the once-per-round part of the keys, as a simulation round does).
 *
 * <p>The RNG bounds ({@code rngBound*}): the draws of the same kernels alone, as the kernels make
 * them — per agent one range of counter-based Gaussians or uniforms for all runs
 * ({@link GaussianBlocks}, key (agent, round), counter run·d + j), and for DCSGD per agent and
 * run the keyed stream's d keep decisions ({@link KeyedStream#keep}) then the kept coordinates'
 * Gaussians. A kernel's cost over its bound is what it adds to its draws.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class KernelBenchmark {
    static final int AGENTS = 10;
    static final int RUNS_D1 = 1000;
    static final int RUNS_D1000 = 10;
    /** R·N·d for the d = 1 cases (1000 runs). */
    static final int OPS_D1 = RUNS_D1 * AGENTS;
    /** R·N·d for the d = 1000 case (10 runs). */
    static final int OPS_D1000 = RUNS_D1000 * AGENTS * 1000;

    /** A worker, the gradients at x0 for every run, and the accumulator. */
    public abstract static class Round {
        AgentWorker worker;
        int agents;
        double[] grads;
        double[] gn2;
        boolean[] active;
        double[] acc;
        long round;

        void init(ExperimentConfig cfg) {
            Setups.awaitVectorKernels();
            worker = new AgentWorker(cfg);
            agents = cfg.agents();
            final Objective f = cfg.buildObjective();
            final int d = f.dim();
            final int runs = cfg.runs();
            final double[] x0 = cfg.initialPoint();
            grads = new double[runs * d];
            gn2 = new double[runs];
            active = new boolean[runs];
            acc = new double[runs * d];
            for (int r = 0; r < runs; r++) {
                gn2[r] = f.gradient(x0, 0, grads, r * d);
                active[r] = true;
            }
            if (agents != AGENTS) {
                throw new IllegalStateException("agents " + agents);
            }
        }

        double[] run() {
            Arrays.fill(acc, 0);
            worker.accumulate(0, agents, round++, grads, gn2, active, acc);
            return acc;
        }
    }

    @State(Scope.Thread)
    public static class DsgdD1 extends Round {
        @Setup(Level.Trial)
        public void setup() {
            init(Setups.dsgd(RUNS_D1));
        }
    }

    @State(Scope.Thread)
    public static class DcsgdD1000 extends Round {
        @Setup(Level.Trial)
        public void setup() {
            init(Setups.dcsgd(RUNS_D1000));
        }
    }

    @State(Scope.Thread)
    public static class DsignNoise extends Round {
        @Setup(Level.Trial)
        public void setup() {
            init(Setups.dsign(RUNS_D1, "noise"));
        }
    }

    @State(Scope.Thread)
    public static class DsignCdf extends Round {
        @Setup(Level.Trial)
        public void setup() {
            init(Setups.dsign(RUNS_D1, "cdf"));
        }
    }

    @State(Scope.Thread)
    public static class AdamwD1000 extends Round {
        @Setup(Level.Trial)
        public void setup() {
            init(Setups.adamw(RUNS_D1000));
        }
    }

    /** The draws alone: per agent the Gaussians or uniforms of all runs as one range, or DCSGD's keep-then-draw. */
    @State(Scope.Thread)
    public static class Draws {
        final GaussianBlocks g = new GaussianBlocks(12345, KeyedStream.Purpose.OPTIMIZER);
        final KeyedStream s = new KeyedStream(12345, KeyedStream.Purpose.OPTIMIZER);
        final double[] out = new double[RUNS_D1000 * 1000];

        @Setup(Level.Trial)
        public void setup() {
            Setups.awaitVectorKernels();
        }
        final int[] idx = new int[1000];
        final long below = (long) Math.ceil(0.5 * 0x1.0p53); // p = 0.5 (ω = 1)
        long round;
    }

    /** Bound of dsgdQuarticD1: 1000 runs' Gaussians per agent, one range each. */
    @Benchmark
    @OperationsPerInvocation(OPS_D1)
    public double[] rngBoundNormalsD1(Draws s) {
        final long k = s.round++;
        for (int i = 0; i < AGENTS; i++) {
            s.g.at(0, i, k).normals(0, s.out, 0, RUNS_D1);
        }
        return s.out;
    }

    /** Bound of dsignStudentT1Cdf: 1000 runs' uniforms per agent, one range each. */
    @Benchmark
    @OperationsPerInvocation(OPS_D1)
    public double[] rngBoundUniformsD1(Draws s) {
        final long k = s.round++;
        for (int i = 0; i < AGENTS; i++) {
            s.g.at(0, i, k).uniforms(0, s.out, 0, RUNS_D1);
        }
        return s.out;
    }

    /** Bound of adamwD1000: 10 runs × 1000 coordinates of Gaussians per agent, in windows of two runs. */
    @Benchmark
    @OperationsPerInvocation(OPS_D1000)
    public double[] rngBoundNormalsD1000(Draws s) {
        final long k = s.round++;
        for (int i = 0; i < AGENTS; i++) {
            s.g.at(0, i, k);
            for (int r = 0; r < RUNS_D1000; r += 2) {
                s.g.normals(r * 1000L, s.out, 0, 2000);
            }
        }
        return s.out;
    }

    /** Bound of dcsgdQuarticD1000: per agent and run, d keep decisions from the keyed stream, then the kept Gaussians. */
    @Benchmark
    @OperationsPerInvocation(OPS_D1000)
    public double[] rngBoundSparseD1000(Draws s) {
        final long k = s.round++;
        for (int i = 0; i < AGENTS; i++) {
            for (int r = 0; r < RUNS_D1000; r++) {
                final int n = s.s.at(r, i, k).keep(1000, s.below, s.idx);
                s.g.at(0, i, k).normals(r * 1000L, s.out, 0, n);
            }
        }
        return s.out;
    }

    /** AdamW's agents: quartic d = 1000, N = 10, 10 runs, Gaussian noise σ0 = 1 (the messages, not the server). */
    @Benchmark
    @OperationsPerInvocation(OPS_D1000)
    public void adamwQuarticD1000(AdamwD1000 s, Blackhole bh) {
        bh.consume(s.run());
    }

    /** DSGD, quartic d = 1, N = 10, 1000 runs, Gaussian noise. */
    @Benchmark
    @OperationsPerInvocation(OPS_D1)
    public void dsgdQuarticD1(DsgdD1 s, Blackhole bh) {
        bh.consume(s.run());
    }

    /** DCSGD, quartic d = 1000, N = 10, 10 runs, random sparsification p = 0.5. */
    @Benchmark
    @OperationsPerInvocation(OPS_D1000)
    public void dcsgdQuarticD1000(DcsgdD1000 s, Blackhole bh) {
        bh.consume(s.run());
    }

    /** DSignSGD, d = 1, N = 10, 1000 runs, Student-t ν = 1, signs of drawn noise. */
    @Benchmark
    @OperationsPerInvocation(OPS_D1)
    public void dsignStudentT1Noise(DsignNoise s, Blackhole bh) {
        bh.consume(s.run());
    }

    /** DSignSGD, d = 1, N = 10, 1000 runs, Student-t ν = 1, signs from a uniform and the CDF. */
    @Benchmark
    @OperationsPerInvocation(OPS_D1)
    public void dsignStudentT1Cdf(DsignCdf s, Blackhole bh) {
        bh.consume(s.run());
    }
}
