package org.distsde.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.distsde.theory.Source;
import org.distsde.theory.TheoremChecker;
import org.junit.jupiter.api.Test;

/** checks.txt: a counterexample is shown prominently; discrete sources never read VIOLATED. */
class ChecksTextTest {
    /** The Eq. 6 erratum setting (a): DCSGD, h = 1, d = 1, N = 1, σ0 = 10, ω = 0.1, η = 0.1, ε = 0.5. */
    static ExperimentConfig settingA() {
        return ConfigLoader.parse("""
                {"name": "thm6-erratum", "seed": 7, "runs": 10, "rounds": 10, "recordEvery": 1, "optimizer": "dcsgd",
                 "agents": 1, "eta": 0.1, "objective": {"type": "quadratic", "h": [1]}, "x0": [1],
                 "noise": {"type": "gaussian", "sigma0": 10},
                 "compression": {"type": "random-sparsification", "omega": 0.1}}
                """, List.of()).first();
    }

    /** Constant schedule (φ¹ = φ² = t) and E∫‖∇f‖² = m·t with measured-side SE {@code se}. */
    static RoundStats row(int k, double lrMax, double m, double se, int runs) {
        final double t = 0.1 * k;
        final double[] cov = new double[10];
        cov[7] = runs * (se * t) * (se * t);
        return new RoundStats(k, t, runs, 0, new RoundStats.Rate(lrMax, lrMax, lrMax), new RoundStats.Loss(0, 0, 0, 0, 0),
                new RoundStats.Gradient(m, Math.sqrt(m)), new RoundStats.Integrals(t, t, m * t, m * t, cov), null, null,
                null);
    }

    @Test
    void counterexampleAndDiscreteSources() {
        final ExperimentConfig c = settingA();
        final List<RoundStats> rows = List.of(row(0, 0.1, 1, 0, 100), row(100, 0.1, 5.8, 0.1, 100));
        final String text = ChecksText.render(TheoremChecker.check(c, Simulation.averages(c), rows,
                Source.SDE_RESOLVED, null), 12);
        assertTrue(text.contains("*** COUNTEREXAMPLE to Theorem 6 as printed (Eq. 6): Eq. 6 as printed VIOLATED "
                + "while condition"), text);
        assertTrue(text.contains("(Eq. 6 derived (= Eq. 4 form): HOLDS)"), text);
        final String otext = ChecksText.render(TheoremChecker.check(c, Simulation.averages(c), rows, Source.OPTIMIZER,
                null), 12);
        assertFalse(otext.contains("VIOLATED") || otext.contains("COUNTEREXAMPLE"), otext);
        assertTrue(otext.contains("SDE bound evaluated on the discrete optimizer"), otext);
        final List<RoundStats> bad = List.of(row(0, 11, 1, 0, 100), row(100, 11, 5.8, 0.1, 100)); // lr 11 > 10
        assertTrue(ChecksText.render(TheoremChecker.check(c, Simulation.averages(c), bad, Source.SDE_RESOLVED, null),
                12).contains("NOT CLAIMED"));
    }
}
