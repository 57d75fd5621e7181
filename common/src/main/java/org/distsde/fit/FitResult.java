package org.distsde.fit;

import java.io.Serializable;
import java.util.List;
import org.distsde.config.ConfigException;
import org.distsde.config.ExperimentConfig;
import org.distsde.noise.NoiseModel;
import org.distsde.objective.Objective;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.Simulation;

/**
 * The noise fit of one series: the trajectory and its points, every agent's fit, the pooled
 * averages, the (L0, L1) estimate, the learning-rate condition with the fitted constants, and for
 * comparison the constants the config itself sets ({@link Configured}).
 *
 * <p>The agents' fits are the expensive part and independent of each other: {@link #of} takes
 * them computed anywhere (one Spark task per block of agents), {@link #local} computes them here.
 */
public record FitResult(int series, String label, String optimizer, String objective, int agents, int dim, long seed,
                        Options options, int trajectoryRun, int trajectoryLastRound, int rounds, String trajectoryNote,
                        FitPoints points,
                        List<NoiseFit.AgentFit> agentFits, Configured configured, PooledNoise pooled,
                        SmoothnessFit.Result smoothness, FittedConditions.Check condition) implements Serializable {
    public FitResult {
        agentFits = List.copyOf(agentFits);
    }

    /** K points, M samples per point and agent, R trajectory runs. */
    public record Options(int points, int samples, int trajectoryRuns) implements Serializable {
        public static final int DEFAULT_POINTS = 20, DEFAULT_SAMPLES = 200, DEFAULT_TRAJECTORY_RUNS = 8;

        public Options {
            if (points < 3) {
                throw new ConfigException("--points must be >= 3 (two constants and a residual; got " + points + ")");
            }
            if (samples < 10) {
                throw new ConfigException("--samples must be >= 10 (got " + samples + ")");
            }
            if (trajectoryRuns < 1) {
                throw new ConfigException("--trajectory-runs must be >= 1 (got " + trajectoryRuns + ")");
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_POINTS, DEFAULT_SAMPLES, DEFAULT_TRAJECTORY_RUNS);
        }
    }

    /**
     * The config's own constants in Definition 2's terms (Student-t or stable noise with a
     * finite variance: σ0ᵢ² = σ_max,ᵢ²·Var T, σ1ᵢ² = 0, as {@link AgentAverages}): per agent and their
     * averages; {@code tailIndex}: ν or α (NaN for Gaussian noise); {@code omega}: the agents' ωᵢ.
     */
    public record Configured(double[] sigma0Sq, double[] sigma1Sq, double[] tailIndex, double[] omega,
                             double meanSigma0Sq, double meanSigma1Sq, double meanSigma0SqOmega,
                             double meanSigma1SqOmega, boolean finiteVariance, Double l0, Double l1)
            implements Serializable {
        static Configured of(ExperimentConfig cfg) {
            final int n = cfg.agents();
            final double[] s0 = new double[n], s1 = new double[n], tail = new double[n], om = new double[n];
            final int d = cfg.buildObjective().dim();
            for (int i = 0; i < n; i++) {
                final NoiseModel m = cfg.noise().build(i, n);
                final var comp = cfg.compression().build(i);
                final AgentAverages one = new AgentAverages().add(m);
                s0[i] = one.sigma0Sq();
                s1[i] = one.sigma1Sq();
                tail[i] = cfg.noise().tailIndex(i);
                om[i] = comp.compression(d).omega();
            }
            final AgentAverages a = Simulation.averages(cfg);
            final var sm = cfg.smoothnessPair();
            return new Configured(s0, s1, tail, om, a.sigma0Sq(), a.sigma1Sq(), a.sigma0SqOmega(), a.sigma1SqOmega(),
                    a.finiteVariance(), sm == null ? null : sm.l0(), sm == null ? null : sm.l1());
        }
    }

    /** Assembles a series' result from its trajectory and its agents' fits (agents 0 … N−1 in order). */
    public static FitResult of(int series, String label, ExperimentConfig cfg, Options opt, Trajectory traj,
                               List<NoiseFit.AgentFit> fits) {
        final Configured conf = Configured.of(cfg);
        final PooledNoise pool = PooledNoise.of(fits, conf.omega());
        final Objective f = cfg.buildObjective();
        final SmoothnessFit.Result smooth = SmoothnessFit.of(f, traj.points(), cfg.initialPoint(), cfg.seed(),
                cfg.smoothnessPair());
        final FittedConditions.Check cond = FittedConditions.check(cfg, traj, fits, pool, smooth);
        return new FitResult(series, label, cfg.optimizer().id(), f.describe(), cfg.agents(), f.dim(), cfg.seed(), opt,
                traj.run(), traj.lastRound(), cfg.rounds(), traj.note(), traj.points(), fits, conf, pool, smooth, cond);
    }

    /** The whole fit in this thread (the reference the Spark job must equal). */
    public static FitResult local(int series, String label, ExperimentConfig cfg, Options opt) {
        final Trajectory traj = Trajectory.of(cfg, opt.points(), opt.trajectoryRuns());
        final List<NoiseFit.AgentFit> fits = NoiseFit.fit(AgentGradientsOf.of(cfg), cfg.buildObjective(),
                traj.points(), 0, cfg.agents(), opt.samples(), cfg.seed());
        return of(series, label, cfg, opt, traj, fits);
    }
}
