package org.distsde.jmh;

import java.util.concurrent.TimeUnit;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.EulerMaruyama;
import org.distsde.sde.Sde;
import org.distsde.sde.Sdes;
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
 * One Euler–Maruyama step of the optimizers' SDEs ({@link Sdes#of}): the coefficients at the
 * current point (one gradient evaluation) and the step with fresh Gaussians from the keyed stream,
 * for every path. One operation is one path-step-coordinate: an invocation is P·d operations.
 * The paths restart from x0 at every invocation (the step index still advances), so every
 * invocation costs the same.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SdeStepBenchmark {
    static final int PATHS_D1 = 1000;
    static final int PATHS_D1000 = 10;
    static final int OPS_D1 = PATHS_D1;
    static final int OPS_D1000 = PATHS_D1000 * 1000;

    /** An integrator, P paths at x0, coefficient scratch. */
    public abstract static class Step {
        Sde sde;
        EulerMaruyama em;
        int d;
        int paths;
        double dt;
        double[] x0;
        double[] x;
        double[] drift;
        double[] diff;
        long step;

        void init(ExperimentConfig cfg) {
            sde = Sdes.of(cfg);
            em = new EulerMaruyama(sde, cfg.seed());
            d = sde.dim();
            paths = cfg.runs();
            dt = cfg.eta();
            final double[] p = cfg.initialPoint();
            x0 = new double[paths * d];
            for (int i = 0; i < paths; i++) {
                System.arraycopy(p, 0, x0, i * d, d);
            }
            x = x0.clone();
            em.begin(0, paths);
            drift = new double[d];
            diff = new double[d];
        }

        double[] run() {
            System.arraycopy(x0, 0, x, 0, x.length);
            for (int p = 0; p < paths; p++) {
                sde.coefficients(x, p * d, drift, diff, 0);
                em.step(x, p * d, drift, diff, 0, 1, dt, p);
            }
            return x;
        }
    }

    @State(Scope.Thread)
    public static class DsgdD1 extends Step {
        @Setup(Level.Trial)
        public void setup() {
            init(Setups.dsgd(PATHS_D1));
        }
    }

    @State(Scope.Thread)
    public static class DcsgdD1000 extends Step {
        @Setup(Level.Trial)
        public void setup() {
            init(Setups.dcsgd(PATHS_D1000));
        }
    }

    @State(Scope.Thread)
    public static class DsignD1 extends Step {
        @Setup(Level.Trial)
        public void setup() {
            init(Setups.dsign(PATHS_D1, "noise"));
        }
    }

    /** DSGD SDE (Eq. 8), quartic d = 1, N = 10, 1000 paths. */
    @Benchmark
    @OperationsPerInvocation(OPS_D1)
    public void dsgdQuarticD1(DsgdD1 s, Blackhole bh) {
        bh.consume(s.run());
    }

    /** DCSGD SDE (Eq. 27–28), quartic d = 1000, N = 10, ω = 1, 10 paths. */
    @Benchmark
    @OperationsPerInvocation(OPS_D1000)
    public void dcsgdQuarticD1000(DcsgdD1000 s, Blackhole bh) {
        bh.consume(s.run());
    }

    /** DSignSGD SDE (Eq. 49–52), quartic d = 1, N = 10, Student-t ν = 1, 1000 paths. */
    @Benchmark
    @OperationsPerInvocation(OPS_D1)
    public void dsignStudentT1D1(DsignD1 s, Blackhole bh) {
        bh.consume(s.run());
    }
}
