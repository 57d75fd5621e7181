package org.distsde.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The config's types are strict: a number written as a string is refused with the field named
 * (Jackson would coerce {@code "2.5"} to 2.5), and an unknown field (a misspelling) is reported
 * before the required field it was meant to be.
 */
class StrictTypesTest {
    static final String BASE = """
            {"name": "t", "runs": 2, "rounds": 2, "optimizer": "dsgd", "agents": 2, "eta": 0.1,
             "objective": {"type": "quartic", "dim": 2}, "x0": [1.0],
             "noise": {"type": "student-t", "nu": 2.5, "sigma": 1.0}}
            """;

    static String refused(String... sets) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(BASE, List.of(sets))).getMessage();
    }

    /**
     * Catches a mapper that coerces strings to numbers or booleans: the value would be accepted and
     * the run would go ahead with it.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "noise.nu=\"2.5\"|noise.nu", "eta=\"0.1\"|eta", "runs=\"10\"|runs", "seed=\"7\"|seed",
        "x0=[\"1.0\"]|x0", "sde.enabled=\"true\"|sde.enabled", "noise.sigma=[\"1\", 2]|noise.sigma",
        "adaptive={\"beta1\": \"0.9\"}|adaptive.beta1"})
    void numbersAndBooleansWrittenAsStringsAreRefusedNamingTheField(String set, String field) {
        final String m = set.startsWith("adaptive") ? refused("optimizer=adam", set) : refused(set);
        assertTrue(m.contains("'" + field) && m.contains("wrong type"), m);
    }

    /** The same values as JSON numbers are accepted (the strictness is about types, not values). */
    @Test
    void theSameValuesAsNumbersAreAccepted() {
        final ExperimentConfig c = ConfigLoader.parse(BASE, List.of("noise.nu=2.5", "eta=0.1", "runs=10")).first();
        assertEquals(2.5, c.noise().nu());
        assertEquals(10, c.runs());
    }

    /**
     * "agent" for "agents": the unknown field is named, not "agents is required". Catches binding
     * that runs the records' checks (which see agents missing) before looking for unknown fields.
     */
    @Test
    void anUnknownFieldIsReportedBeforeAMissingRequiredOne() {
        final String json = BASE.replace("\"agents\": 2", "\"agent\": 2");
        final ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(json, List.of()));
        assertEquals("config: unknown field 'agent'", e.getMessage());
        final ConfigException nested = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                BASE.replace("\"sigma\": 1.0", "\"sigmas\": 1.0"), List.of()));
        assertEquals("config: unknown field 'noise.sigmas'", nested.getMessage());
        final ConfigException inData = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                BASE, List.of("objective={\"type\": \"logistic\", \"data\": {\"path\": \"x.csv\", \"handle\": 1}}")));
        assertEquals("config: unknown field 'objective.data.handle'", inData.getMessage());
    }
}
