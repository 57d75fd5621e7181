package org.distsde.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.distsde.compress.Identity;
import org.distsde.compress.RandomSparsification;
import org.junit.jupiter.api.Test;

/**
 * {@code compression} as the config gives it: a type and the parameters its factory declares, or
 * {@code agents}, one compressor per agent. Wrong types, unknown parameters and mismatched lengths
 * are refused with the field named.
 */
class CompressionConfigTest {
    static final String BASE = """
            {"name": "c", "runs": 2, "rounds": 2, "optimizer": "dcsgd", "agents": 3, "eta": 0.1,
             "objective": {"type": "quartic", "dim": 2}, "x0": [1], "noise": {"type": "gaussian", "sigma0": 1},
             "compression": %s}
            """;

    static ExperimentConfig parse(String compression) {
        return ConfigLoader.parse(BASE.formatted(compression), List.of()).first();
    }

    static String refused(String compression) {
        return assertThrows(ConfigException.class, () -> parse(compression)).getMessage();
    }

    @Test
    void everyAgentsCompressorFromItsParameters() {
        final ExperimentConfig c = parse("{\"type\": \"random-sparsification\", \"omega\": 3}");
        assertTrue(c.compression().homogeneous() && c.compression().compresses());
        assertEquals(0.25, ((RandomSparsification) c.compression().build()).p(), 1e-15);
        final ExperimentConfig per = parse("{\"type\": \"random-sparsification\", \"agentOmegas\": [0, 1, 3]}");
        assertFalse(per.compression().homogeneous());
        assertEquals(0.5, ((RandomSparsification) per.compression().build(1)).p(), 1e-15);
        assertSame(Identity.INSTANCE, parse("{\"type\": \"none\"}").compression().build());
        assertFalse(parse("{}").compression().compresses());
    }

    /** {@code agents}: each agent its own type; the list must have N entries. */
    @Test
    void agentsListGivesEachAgentItsOwnCompressor() {
        final ExperimentConfig c = parse("{\"agents\": [{\"type\": \"none\"}, {\"type\": \"random-sparsification\","
                + " \"p\": 0.5}, {\"type\": \"random-sparsification\", \"omega\": 1}]}");
        assertFalse(c.compression().homogeneous());
        assertSame(Identity.INSTANCE, c.compression().build(0));
        assertEquals(0.5, ((RandomSparsification) c.compression().build(2)).p(), 1e-15);
        assertTrue(refused("{\"agents\": [{\"type\": \"none\"}]}").contains("compression.agents must have N = 3"));
        assertTrue(refused("{\"agents\": [{\"type\": \"none\"}, {\"type\": \"none\"}, {\"type\": \"random-sparsification\","
                + " \"p\": 2}]}").contains("compression.agents[2].p must be in (0, 1]"));
        assertTrue(refused("{\"type\": \"none\", \"agents\": []}").contains("compression.type"));
    }

    /**
     * A number given as a string is refused (no coercion), naming the field; a parameter of another
     * type is unknown; the type must be registered. Catches a reader that coerces "0.5" to 0.5 or
     * silently ignores a misspelt parameter (which would run without compression).
     */
    @Test
    void wrongTypesAndUnknownParametersAreNamed() {
        assertTrue(refused("{\"type\": \"random-sparsification\", \"p\": \"0.5\"}")
                .contains("field 'compression.p' has a value of the wrong type"));
        assertTrue(refused("{\"type\": \"random-sparsification\", \"pp\": 0.5}")
                .contains("unknown field 'compression.pp'"));
        assertTrue(refused("{\"type\": \"none\", \"p\": 0.5}").contains("unknown field 'compression.p'"));
        assertTrue(refused("{\"type\": \"rand-kk\"}").contains("compression.type must be one of none, random-sparsification"));
        assertTrue(refused("{\"type\": 3}").contains("compression.type"));
        assertTrue(refused("{\"type\": \"random-sparsification\", \"agentOmegas\": [0, \"1\", 2]}")
                .contains("compression.agentOmegas[1]"));
    }
}
