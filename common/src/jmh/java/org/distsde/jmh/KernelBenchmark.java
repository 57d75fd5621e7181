package org.distsde.jmh;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.distsde.config.ExperimentConfig;
import org.distsde.objective.Objective;
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
 * streams (and pays the once-per-round part of the re-key, as a simulation round does).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
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
