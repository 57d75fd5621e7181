package org.distsde.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sweep.cases}: several paths set together per series, crossed with the other sweep keys. */
class SweepCasesTest {
    static final String BASE = "{\"name\":\"c\",\"runs\":2,\"rounds\":2,\"optimizer\":\"dsgd\",\"agents\":1,"
            + "\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":1},\"x0\":[1.0],"
            + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":1.0},";

    @Test
    void casesSetPathsTogetherAndCrossWithOtherKeys() {
        final var exp = ConfigLoader.parse(BASE + "\"sweep\":{\"agents\":[1,4],\"cases\":["
                + "{\"label\":\"plain\",\"optimizer\":\"dsgd\"},"
                + "{\"label\":\"adamw fast\",\"optimizer\":\"adamw\",\"eta\":0.2,\"adaptive.theta\":0.5}]}}", List.of());
        assertEquals(4, exp.series().size());
        final ExperimentConfig c = exp.series().get(1).config();
        assertEquals(OptimizerKind.ADAMW, c.optimizer());
        assertEquals(0.2, c.eta(), 0);
        assertEquals(0.5, c.adaptive().theta(), 0);
        assertEquals(1, c.agents());
        assertEquals("agents=1 cases=adamw fast", exp.series().get(1).label());
        assertEquals(OptimizerKind.DSGD, exp.series().get(2).config().optimizer());
        assertEquals(4, exp.series().get(3).config().agents());
    }

    @Test
    void aCaseMustBeAnObject() {
        final ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(BASE + "\"sweep\":{\"cases\":[1]}}", List.of()));
        assertTrue(e.getMessage().contains("sweep.cases"), e.getMessage());
    }

    @Test
    void aBadValueInACaseNamesTheField() {
        final ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(BASE
                + "\"sweep\":{\"cases\":[{\"optimizer\":\"adamw\",\"adaptive.beta2\":1.5}]}}", List.of()));
        assertTrue(e.getMessage().contains("adaptive.beta2"), e.getMessage());
    }
}
