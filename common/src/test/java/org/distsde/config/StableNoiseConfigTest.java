package org.distsde.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.distsde.noise.StableNoise;
import org.distsde.noise.StudentTNoise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code "type": "stable"} and the per-agent tail indices: accepted configs and one-line errors naming the field. */
class StableNoiseConfigTest {
    static final String BASE = """
            {"name": "t", "runs": 10, "rounds": 10, "optimizer": "%s", "agents": 3, "eta": 0.1,
             "objective": {"type": "quadratic", "h": [1, 2]}, "x0": [1], "noise": %s%s}
            """;

    static ExperimentConfig parse(String optimizer, String noise, String extra) {
        return ConfigLoader.parse(BASE.formatted(optimizer, noise, extra), List.of()).first();
    }

    @Test
    void stableAndPerAgentIndicesAreBuilt() {
        final NoiseSpec s = parse("dsignsgd", "{\"type\": \"stable\", \"alpha\": 1.5, \"sigma\": [0.5, 2]}", "").noise();
        assertTrue(s.homogeneous());
        assertFalse(s.finiteVariance());
        final StableNoise m = assertInstanceOf(StableNoise.class, s.build(2, 3));
        assertEquals(1.5, m.alpha());
        assertEquals(2, m.scale(1, 0));
        final NoiseSpec a = parse("dsignsgd", "{\"type\": \"stable\", \"agentAlphas\": [0.5, 1, 2], \"sigma\": 1, "
                + "\"agentFactors\": [1, 2, 3]}", "").noise();
        assertFalse(a.homogeneous());
        assertEquals(2, ((StableNoise) a.build(2, 3)).alpha());
        assertEquals(3, a.build(2, 3).scale(0, 0));
        assertEquals(0.5, a.tailIndex(0));
        assertTrue(parse("dsgd", "{\"type\": \"stable\", \"alpha\": 2, \"sigma\": 1}", "").noise().finiteVariance());
        assertTrue(parse("dsgd", "{\"type\": \"stable\", \"agentAlphas\": [2, 2, 2], \"sigma\": 1}", "").noise()
                .homogeneous()); // equal indices: one model for all agents
        final NoiseSpec t = parse("dsignsgd", "{\"type\": \"student-t\", \"agentNus\": [1, 3, 5], \"sigma\": 1}", "").noise();
        assertEquals(5, ((StudentTNoise) t.build(2, 3)).nu());
        assertFalse(t.finiteVariance());
        assertTrue(parse("dsgd", "{\"type\": \"student-t\", \"agentNus\": [3, 4, 5], \"sigma\": 1}", "").noise()
                .finiteVariance());
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("{\"type\": \"stable\", \"alpha\": 0, \"sigma\": 1}", "", "noise.alpha"),
                Arguments.of("{\"type\": \"stable\", \"alpha\": -1, \"sigma\": 1}", "", "noise.alpha"),
                Arguments.of("{\"type\": \"stable\", \"alpha\": 2.5, \"sigma\": 1}", "", "noise.alpha"),
                Arguments.of("{\"type\": \"stable\", \"alpha\": NaN, \"sigma\": 1}", "", "noise.alpha"),
                Arguments.of("{\"type\": \"stable\", \"alpha\": \"abc\", \"sigma\": 1}", "", "noise.alpha"),
                Arguments.of("{\"type\": \"stable\", \"sigma\": 1}", "", "noise.alpha"),
                Arguments.of("{\"type\": \"stable\", \"alpha\": 1.5}", "", "noise.sigma"),
                Arguments.of("{\"type\": \"stable\", \"alpha\": 1.5, \"sigma\": -1}", "", "noise.sigma"),
                Arguments.of("{\"type\": \"stable\", \"alpha\": 1.5, \"sigma\": [1, 2, 3]}", "", "noise.sigma"),
                Arguments.of("{\"type\": \"stable\", \"alpha\": 1.5, \"sigma\": 1, \"sigma0\": 1}", "", "noise.sigma0"),
                Arguments.of("{\"type\": \"stable\", \"alpha\": 1.5, \"sigma\": 1, \"nu\": 3}", "", "noise.nu"),
                Arguments.of("{\"type\": \"stable\", \"alpha\": 1.5, \"agentAlphas\": [1, 1, 1], \"sigma\": 1}", "",
                        "noise.alpha"),
                Arguments.of("{\"type\": \"stable\", \"agentAlphas\": [1, 2.5, 1], \"sigma\": 1}", "", "noise.agentAlphas[1]"),
                Arguments.of("{\"type\": \"stable\", \"agentAlphas\": [1, NaN, 1], \"sigma\": 1}", "", "noise.agentAlphas[1]"),
                Arguments.of("{\"type\": \"stable\", \"agentAlphas\": [1, 1], \"sigma\": 1}", "", "noise.agentAlphas"),
                Arguments.of("{\"type\": \"stable\", \"agentAlphas\": [1, 1, 1, 1], \"sigma\": 1}", "", "noise.agentAlphas"),
                Arguments.of("{\"type\": \"student-t\", \"agentNus\": [1, 0, 1], \"sigma\": 1}", "", "noise.agentNus[1]"),
                Arguments.of("{\"type\": \"student-t\", \"agentNus\": [1, 2], \"sigma\": 1}", "", "noise.agentNus"),
                Arguments.of("{\"type\": \"student-t\", \"nu\": 1, \"agentNus\": [1, 2, 3], \"sigma\": 1}", "", "noise.nu"),
                Arguments.of("{\"type\": \"student-t\", \"nu\": 1, \"sigma\": 1, \"alpha\": 1}", "", "noise.alpha"),
                Arguments.of("{\"type\": \"gaussian\", \"sigma0\": 1, \"alpha\": 1.5}", "", "noise.alpha"),
                Arguments.of("{\"type\": \"gaussian\", \"sigma0\": 1, \"agentAlphas\": [1, 1, 1]}", "", "noise.agentAlphas"),
                Arguments.of("{\"type\": \"gaussian\", \"sigma0\": 1, \"agentNus\": [1, 1, 1]}", "", "noise.agentNus"),
                Arguments.of("{\"type\": \"stable\", \"alpha\": 1.5, \"sigma\": 1}",
                        ", \"normalization\": {\"type\": \"theorem\"}, \"smoothness\": {\"l0\": 1, \"l1\": 0}",
                        "normalization.type"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badNoiseIsOneLineNamingTheField(String noise, String extra, String field) {
        final ConfigException e = assertThrows(ConfigException.class, () -> parse("dsgd", noise, extra));
        assertTrue(e.getMessage().contains(field), "'" + field + "' not in: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
