package org.distsde.sde;

import org.distsde.config.OptimizerKind;
import org.distsde.config.CompressionSpec;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NoiseSpec;
import org.distsde.config.NormalizationSpec;
import org.distsde.config.ObjectiveSpec;
import org.distsde.config.ScheduleSpec;
import org.distsde.config.SdeSpec;

/** Small configuration builders for the tests. */
public final class Configs {
    private Configs() { }

    public static ObjectiveSpec quadratic(double... h) {
        return new ObjectiveSpec("quadratic", null, h, null, null);
    }

    public static ObjectiveSpec quartic(int d) {
        return new ObjectiveSpec("quartic", d, null, null, null);
    }

    public static NoiseSpec gaussian(double s0, double s1) {
        return new NoiseSpec("gaussian", new double[] {s0}, new double[] {s1}, null, null, null, null);
    }

    public static NoiseSpec studentT(double nu, double sigma, double[] agentFactors) {
        return new NoiseSpec("student-t", null, null, nu, new double[] {sigma}, agentFactors, null);
    }

    public static ExperimentConfig of(String optimizer, ObjectiveSpec obj, double[] x0, NoiseSpec noise, int agents,
                                      double eta, int runs, int rounds, int recordEvery, CompressionSpec comp,
                                      ScheduleSpec schedule, NormalizationSpec norm, SdeSpec sde) {
        return new ExperimentConfig("test", "", 42L, runs, rounds, recordEvery, OptimizerKind.parse(optimizer), agents, eta, obj, x0,
                noise, comp, schedule, norm, null, null, null, null, sde, null, null);
    }
}
