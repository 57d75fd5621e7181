package org.distsde.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distsde.config.ExperimentConfig;
import org.distsde.noise.SymmetricStable;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * The theorem checks under symmetric α-stable noise and per-agent tail indices, in the setting
 * of {@link TheoremKnownAnswerTest} (d = 3, N = 4, x0 = (1, 0.5, −1) on Σxⱼ⁴/4, σ = 0.7, so
 * R = max(1, max|∂ⱼf(x0)|/σ) = 1/0.7).
 */
class StableNoiseTheoremTest {
    static final double R = 1 / 0.7;

    /** Theorems 4–6 need a finite variance: stable noise with α &lt; 2 is "not applicable", as Student-t with ν ≤ 2. */
    @Test
    void theorems4To6DoNotApplyBelowAlphaTwo() {
        for (String opt : new String[] {"dsgd", "dcsgd"}) {
            final ExperimentConfig c = TheoremKnownAnswerTest.config(opt,
                    "{\"type\": \"stable\", \"alpha\": 1.5, \"sigma\": 0.7}", "");
            final var r = TheoremChecker.check(c, Simulation.averages(c), TheoremKnownAnswerTest.rows(0.01), "optimizer");
            assertFalse(r.condition().applicable());
            assertEquals(Verdict.NOT_APPLICABLE, r.verdict());
            assertTrue(r.summary().contains("not applicable") && r.summary().contains("infinite variance")
                    && r.summary().contains("stable"), r.summary());
        }
        // α = 2: Gaussian with Σ = 2σ²I, bounded variance σ̄0² = 2σ², the theorem applies
        final ExperimentConfig c = TheoremKnownAnswerTest.config("dsgd",
                "{\"type\": \"stable\", \"alpha\": 2, \"sigma\": 0.7}", "");
        final var r = TheoremChecker.check(c, Simulation.averages(c), TheoremKnownAnswerTest.rows(0.01), "optimizer");
        assertTrue(r.condition().applicable());
        assertEquals(2 * 0.49, Simulation.averages(c).sigma0Sq(), 1e-15);
    }

    /**
     * Theorem 7: ℓ is the secant (2F(R) − 1)/R of the agents' law, the smallest over the agents'
     * tail indices when they differ (stable α or Student-t ν), with F the numerical stable CDF.
     */
    @Test
    void theorem7UsesTheSecantOfEachTailIndex() {
        final String[] noises = {"{\"type\": \"stable\", \"alpha\": 1.5, \"sigma\": 0.7}",
            "{\"type\": \"stable\", \"agentAlphas\": [1.5, 0.8, 2, 1.5], \"sigma\": 0.7}",
            "{\"type\": \"student-t\", \"agentNus\": [3, 1, 5, 3], \"sigma\": 0.7}"};
        final double[] ells = {secant(1.5), Math.min(secant(0.8), Math.min(secant(1.5), secant(2))),
            Math.min(DsignSgdCheck.ellStudent(1, R), Math.min(DsignSgdCheck.ellStudent(3, R),
                    DsignSgdCheck.ellStudent(5, R)))};
        for (int i = 0; i < noises.length; i++) {
            final ExperimentConfig c = TheoremKnownAnswerTest.config("dsignsgd", noises[i], "");
            final var r = TheoremChecker.check(c, Simulation.averages(c), TheoremKnownAnswerTest.rows(0.01),
                    Source.SDE_RESOLVED, null);
            assertEquals(ells[i], r.constants().ellNu(), 1e-12, noises[i]);
            // condition ηηₜ < 2Nℓ/(σ_H,1 L1 d) with σ_H,1 = 0.7
            assertEquals(2 * 4 * ells[i] / (0.7 * 0.5 * 3), r.points().get(1).ceiling(), 1e-12);
            assertTrue(r.condition().applicable(), r.summary());
        }
        // Student-t with one ν keeps its own constant
        assertEquals(DsignSgdCheck.ellStudent(3, R), TheoremChecker.check(TheoremKnownAnswerTest.config("dsignsgd",
                "{\"type\": \"student-t\", \"nu\": 3, \"sigma\": 0.7}", ""), Simulation.averages(TheoremKnownAnswerTest
                .config("dsignsgd", "{\"type\": \"student-t\", \"nu\": 3, \"sigma\": 0.7}", "")),
                TheoremKnownAnswerTest.rows(0.01), Source.SDE_RESOLVED, null).constants().ellNu(), 1e-15);
    }

    /** (2F_α(R) − 1)/R from the integral (independent of the table). */
    static double secant(double alpha) {
        return (2 * SymmetricStable.of(alpha).cdf(R) - 1) / R;
    }
}
