package org.distsde.jmh;

import java.util.concurrent.TimeUnit;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.BrownianIncrements;
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
 * One Euler–Maruyama step of the optimizers' SDEs ({@link Sdes#of}) over a block of paths, as the
 * structure-of-arrays engine does it: the block's coefficients (one block call), its Brownian
 * increments ({@link BrownianIncrements}: counter-based Gaussians, one range per step) and the flat
 * update loop. One operation is one path-step-coordinate: an invocation is P·d operations.
 * The paths restart from x0 at every invocation (the step index still advances), so every
 * invocation costs the same.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class SdeStepBenchmark {
    static final int PATHS_D1 = 1000;
    static final int PATHS_D1000 = 10;
    static final int OPS_D1 = PATHS_D1;
    static final int OPS_D1000 = PATHS_D1000 * 1000;

    /** An integrator, P paths at x0, coefficient scratch. */
    public abstract static class Step {
        Sde sde;
        EulerMaruyama em;
        BrownianIncrements bm;
        double[] gn2;
        double[] z;
        double[] inc;
        double[] one;
        int d;
        int paths;
        double dt;
        double[] x0;
        double[] x;
        double[] drift;
        double[] diff;
        long step;

        void init(ExperimentConfig cfg) {
            Setups.awaitVectorKernels();
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
            bm = new BrownianIncrements(cfg.seed(), 0, d);
            drift = new double[paths * d];
            diff = new double[paths * d];
            gn2 = new double[paths];
            z = new double[paths * d];
            inc = new double[paths * d];
            one = new double[paths * d];
            java.util.Arrays.fill(one, 1);
        }

        double[] run() {
            System.arraycopy(x0, 0, x, 0, x.length);
            sde.coefficients(x, paths, drift, diff, gn2);
            bm.block(0, paths, step++, dt, z, inc);
            EulerMaruyama.update(x, paths * d, one, drift, diff, inc, 0, dt);
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

    /**
     * The RNG bound of the kernels below: only the block's Brownian increments (one counter-based
     * Gaussian per path-step·d and the level-0 scaling, {@link BrownianIncrements#block}), d = 1,
     * 1000 paths.
     */
    @Benchmark
    @OperationsPerInvocation(OPS_D1)
    public double[] rngBoundD1(DsgdD1 s) {
        s.bm.block(0, s.paths, s.step++, s.dt, s.z, s.inc);
        return s.inc;
    }

    /** The RNG bound at d = 1000, 10 paths. */
    @Benchmark
    @OperationsPerInvocation(OPS_D1000)
    public double[] rngBoundD1000(DcsgdD1000 s) {
        s.bm.block(0, s.paths, s.step++, s.dt, s.z, s.inc);
        return s.inc;
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
