package org.distsde.jmh;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.rng.GaussianBlocks;
import org.distsde.sde.SdeSimulation;

/** The benchmark configurations (JSON, as the command-line configs in conf/). */
final class Setups {
    private Setups() { }

    /**
     * Waits (up to 60 s) until the Vector API kernels — the Gaussians' and the SDE step's — have
     * been compiled by their warm-up threads and are in use: until then the kernels run plain Java
     * (the same numbers, slower) and forced vector code runs uncompiled (10⁴ ns per value), which
     * would mix two speeds into the measured iterations.
     */
    static void awaitVectorKernels() {
        final long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 60_000_000_000L) {
            final boolean rng = new GaussianBlocks(0, 0).kernel().equals("vector");
            final boolean step = SdeSimulation.stepKernel().equals("vector");
            if (rng && step) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        System.err.println("the vector kernels did not warm up within 60 s: measuring the plain ones");
    }

    static ExperimentConfig parse(String json) {
        return ConfigLoader.parse(json, List.of()).first();
    }

    /** DSGD on x⁴/4, d = 1, N = 10, Gaussian noise σ₁ = 1 (conf/fig1-b1-dsgd.json). */
    static ExperimentConfig dsgd(int runs) {
        return parse("""
                {"name": "bench-dsgd", "seed": 12345, "runs": %d, "rounds": 1000, "optimizer": "dsgd",
                 "agents": 10, "eta": 0.01, "objective": {"type": "quartic", "dim": 1}, "x0": [8.0],
                 "noise": {"type": "gaussian", "sigma0": 0.0, "sigma1": 1.0}}
                """.formatted(runs));
    }

    /** DCSGD on Σxⱼ⁴/4, d = 1000, N = 10, random sparsification ω = 1 (p = 0.5) (conf/fig1-b2-dcsgd.json). */
    static ExperimentConfig dcsgd(int runs) {
        return parse("""
                {"name": "bench-dcsgd", "seed": 12345, "runs": %d, "rounds": 1000, "optimizer": "dcsgd",
                 "agents": 10, "eta": 0.1, "objective": {"type": "quartic", "dim": 1000}, "x0": [1.25],
                 "noise": {"type": "gaussian", "sigma0": 0.0, "sigma1": 0.1},
                 "compression": {"type": "random-sparsification", "omega": 1.0}}
                """.formatted(runs));
    }

    /** DSignSGD on x⁴/4, d = 1, N = 10, Student-t noise ν = 1, σ = 1; signSampling noise or cdf. */
    static ExperimentConfig dsign(int runs, String signSampling) {
        return parse("""
                {"name": "bench-dsign", "seed": 12345, "runs": %d, "rounds": 1000, "optimizer": "dsignsgd",
                 "agents": 10, "eta": 0.01, "objective": {"type": "quartic", "dim": 1}, "x0": [1.0],
                 "noise": {"type": "student-t", "nu": 1, "sigma": 1.0}, "signSampling": "%s"}
                """.formatted(runs, signSampling));
    }

    /** AdamW's agents: Σxⱼ⁴/4, d = 1000, N = 10, Gaussian noise σ0 = 1 (conf/bench-adamw.json). */
    static ExperimentConfig adamw(int runs) {
        return parse("""
                {"name": "bench-adamw", "seed": 12345, "runs": %d, "rounds": 50, "optimizer": "adamw",
                 "agents": 10, "eta": 0.01, "objective": {"type": "quartic", "dim": 1000}, "x0": [1.25],
                 "noise": {"type": "gaussian", "sigma0": 1.0},
                 "adaptive": {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "theta": 0.01}}
                """.formatted(runs));
    }

    static ExperimentConfig of(String optimizer, int runs, String signSampling) {
        return switch (optimizer) {
            case "dsgd" -> dsgd(runs);
            case "dcsgd" -> dcsgd(runs);
            case "dsignsgd" -> dsign(runs, signSampling);
            default -> throw new IllegalArgumentException(optimizer);
        };
    }
}
