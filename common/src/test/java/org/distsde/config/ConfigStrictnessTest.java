package org.distsde.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A duplicate key is an error naming it; a byte-order mark is accepted; malformed --set JSON is named. */
class ConfigStrictnessTest {
    static final String BASE = """
            {"name": "t", "runs": %s, "rounds": 10, "optimizer": "dsgd", "agents": 2, "eta": 0.1,
             "objective": {"type": "quadratic", "h": [1]}, "x0": [1], "noise": {"type": "gaussian", "sigma0": 1}}
            """;

    @Test
    void duplicateKeyIsRejectedWithItsName() {
        final ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(BASE.formatted("1000, \"runs\": 5"), List.of()));
        assertTrue(e.getMessage().contains("'runs'") && e.getMessage().toLowerCase().contains("duplicate"),
                e.getMessage());
    }

    @Test
    void byteOrderMarkIsAccepted(@TempDir Path dir) throws Exception {
        final Path f = dir.resolve("bom.json");
        Files.write(f, ("\uFEFF" + BASE.formatted("7")).getBytes(StandardCharsets.UTF_8));
        assertEquals(7, ConfigLoader.load(f, List.of()).first().runs());
    }

    @Test
    void malformedJsonInSetNamesTheArgument() {
        final ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(BASE.formatted("7"), List.of("noise={\"type\":")));
        assertTrue(e.getMessage().startsWith("--set noise: malformed JSON"), e.getMessage());
        // a plain word is still a string value (and then a type error of its field)
        final ConfigException w = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(BASE.formatted("7"), List.of("noise.sigma0=abc")));
        assertTrue(w.getMessage().contains("noise.sigma0"), w.getMessage());
    }
}
