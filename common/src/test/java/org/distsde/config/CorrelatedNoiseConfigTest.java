package org.distsde.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.distsde.noise.CorrelatedGaussianNoise;
import org.distsde.noise.Correlation;
import org.distsde.sim.AgentAverages;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code noise.correlation} and {@code noise.lowRank}: parsed, built (marginals, factor, theorem
 * constants), surviving Java serialization (re-validated), and refused with one line naming the
 * field when malformed or combined with what cannot use them.
 */
class CorrelatedNoiseConfigTest {
    static final String BASE = """
            {"name": "t", "runs": 10, "rounds": 10, "optimizer": "%s", "agents": 3, "eta": 0.1,
             "objective": {"type": "quadratic", "h": [1, 2, 3]}, "x0": [1], "noise": %s%s}
            """;
    static final String FULL = "\"correlation\": [[1, 0.5, -0.3], [0.5, 2, 0.1], [-0.3, 0.1, 4]]";
    static final String LOW = "\"lowRank\": {\"diag\": [0.5, 0, 1], \"u\": [[1, 0], [2, 1], [0, -1]]}";

    static ExperimentConfig parse(String optimizer, String noise, String extra) {
        return ConfigLoader.parse(BASE.formatted(optimizer, noise, extra), List.of()).first();
    }

    static String gaussian(String corr) {
        return "{\"type\": \"gaussian\", \"sigma0\": 0.5, \"sigma1\": 2, " + corr + "}";
    }

    @Test
    void fullAndLowRankAreBuilt() {
        final NoiseSpec s = parse("dsgd", gaussian(FULL), "").noise();
        assertTrue(s.correlated());
        assertEquals("noise.correlation", s.correlationField());
        final CorrelatedGaussianNoise m = assertInstanceOf(CorrelatedGaussianNoise.class, s.build(0, 3));
        assertEquals(Math.sqrt((0.25 + 4 * 3.0) * 2), m.scale(1, 3.0), 1e-15); // s·√C_jj
        assertEquals(0.25 * 4, m.sigma0Sq(), 1e-15); // Definition 2: σ0²·max_j C_jj
        assertEquals(4 * 4, m.sigma1Sq(), 1e-15);
        assertEquals(7.0 / 3, m.meanDiagonal(), 1e-15);
        final Correlation c = s.correlationModel();
        assertEquals(-0.3, c.entry(2, 0), 0);
        final NoiseSpec l = parse("dcsgd", gaussian(LOW), "").noise();
        assertEquals("noise.lowRank", l.correlationField());
        assertEquals(5, l.correlationModel().draws());
        assertEquals(0.5 + 1, l.correlationModel().entry(0, 0), 1e-15);
        final NoiseSpec plain = parse("dsgd", "{\"type\": \"gaussian\", \"sigma0\": 1}", "").noise();
        assertFalse(plain.correlated());
        assertNull(plain.correlationModel());
        assertNull(plain.correlationField());
        assertTrue(parse("dsignsgd", gaussian(FULL), ", \"sde\": {\"enabled\": true, \"model\": \"phase1\"}").noise()
                .correlated());
    }

    /** The theorem constants (Definition 2): σ̄0² = (1/N)Σ fᵢ²σ0²·max_j C_jj, σ_max,ᵢ = fᵢσ0·√max_j C_jj. */
    @Test
    void agentAveragesCarryTheLargestDiagonalEntry() {
        final ExperimentConfig c = parse("dsgd", "{\"type\": \"gaussian\", \"sigma0\": 0.5, \"sigma1\": 2, "
                + "\"agentFactors\": [1, 2, 3], " + FULL + "}", "");
        final AgentAverages a = Simulation.averages(c);
        assertEquals(0.25 * 4 * (1 + 4 + 9) / 3, a.sigma0Sq(), 1e-14);
        assertEquals(4 * 4 * (1 + 4 + 9) / 3.0, a.sigma1Sq(), 1e-13);
        assertEquals(3 / (1 / 1.0 + 1 / 2.0 + 1 / 3.0), a.sigmaHarmonic(), 1e-14); // σ_max,ᵢ = fᵢ·0.5·√4
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        for (String corr : new String[] {FULL, LOW}) {
            final ExperimentConfig c = parse("dsgd", gaussian(corr), ", \"sde\": {\"enabled\": true}");
            final ExperimentConfig back = ConfigSerializationTest.roundTrip(c);
            assertTrue(back.noise().correlated());
            assertEquals(c.noise().correlationModel().entry(1, 0), back.noise().correlationModel().entry(1, 0), 0);
        }
    }

    static Stream<Arguments> bad() {
        final String dsign = "dsignsgd";
        return Stream.of(
                Arguments.of("dsgd", gaussian("\"correlation\": [[1, 0], [0, 1]]"), "", "noise.correlation"), // 2x2, d = 3
                Arguments.of("dsgd", gaussian("\"correlation\": [[1, 0, 0], [0, 1, 0]]"), "", "noise.correlation"),
                Arguments.of("dsgd", gaussian("\"correlation\": [[1, 0, 0], [0, 1], [0, 0, 1]]"), "", "noise.correlation"),
                Arguments.of("dsgd", gaussian("\"correlation\": [[1, 0.5, 0], [0.4, 1, 0], [0, 0, 1]]"), "",
                        "noise.correlation"), // not symmetric
                Arguments.of("dsgd", gaussian("\"correlation\": [[1, 2, 0], [2, 1, 0], [0, 0, 1]]"), "",
                        "noise.correlation"), // not positive definite
                Arguments.of("dsgd", gaussian("\"correlation\": [[1, NaN, 0], [NaN, 1, 0], [0, 0, 1]]"), "",
                        "noise.correlation[0][1]"),
                Arguments.of("dsgd", gaussian("\"correlation\": [[1, \"a\", 0], [0, 1, 0], [0, 0, 1]]"), "",
                        "noise.correlation"),
                Arguments.of("dsgd", gaussian("\"correlation\": 5"), "", "noise.correlation"),
                Arguments.of("dsgd", gaussian("\"lowRank\": {\"diag\": [1, 1], \"u\": [[1], [1]]}"), "", "noise.lowRank"),
                Arguments.of("dsgd", gaussian("\"lowRank\": {\"diag\": [1, -1, 1], \"u\": [[1], [1], [1]]}"), "",
                        "noise.lowRank.diag[1]"),
                Arguments.of("dsgd", gaussian("\"lowRank\": {\"diag\": [1, 1, 1], \"u\": [[1], [1]]}"), "",
                        "noise.lowRank.u"),
                Arguments.of("dsgd", gaussian("\"lowRank\": {\"diag\": [1, 1, 1]}"), "", "noise.lowRank.u"),
                Arguments.of("dsgd", gaussian("\"lowRank\": {\"diag\": [1, 1, 1], \"u\": [[1], [1], [1]], \"v\": 1}"), "",
                        "noise.lowRank.v"),
                Arguments.of("dsgd", gaussian(FULL + ", " + LOW), "", "noise.correlation and noise.lowRank"),
                Arguments.of("dsgd", "{\"type\": \"gaussian\", \"sigma0\": [1, 2, 3], " + FULL + "}", "", "noise.sigma0"),
                Arguments.of("dsgd", "{\"type\": \"gaussian\", \"sigma1\": [1, 2, 3], " + LOW + "}", "", "noise.sigma1"),
                Arguments.of("dsgd", "{\"type\": \"student-t\", \"nu\": 3, \"sigma\": 1, " + FULL + "}", "",
                        "noise.correlation"),
                Arguments.of("dsgd", "{\"type\": \"stable\", \"alpha\": 2, \"sigma\": 1, " + LOW + "}", "", "noise.lowRank"),
                Arguments.of(dsign, gaussian(FULL), ", \"signSampling\": \"cdf\"", "signSampling"),
                Arguments.of(dsign, gaussian(LOW), ", \"sde\": {\"enabled\": true, \"model\": \"phase3\"}", "sde.model"),
                Arguments.of("adamw", gaussian(FULL), "", "noise.correlation"),
                Arguments.of("rmsprop", gaussian(LOW), "", "noise.lowRank"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badCorrelationIsOneLineNamingTheField(String optimizer, String noise, String extra, String field) {
        final ConfigException e = assertThrows(ConfigException.class, () -> parse(optimizer, noise, extra));
        assertTrue(e.getMessage().contains(field), "'" + field + "' not in: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
