package org.distsde.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A config survives Java serialization (how Spark ships it to executors): the record's canonical
 * constructor validates again on the way in, so the defaults it fills must pass its own checks.
 */
class ConfigSerializationTest {
    static ExperimentConfig roundTrip(ExperimentConfig c) throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ExperimentConfig) in.readObject();
        }
    }

    @Test
    void everyOptimizerRoundTrips() throws Exception {
        for (OptimizerKind kind : OptimizerKind.values()) {
            final String opt = kind.id();
            final ExperimentConfig c = ConfigLoader.parse("{\"name\":\"s\",\"runs\":2,\"rounds\":2,\"optimizer\":\""
                    + opt + "\",\"agents\":2,\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":2},\"x0\":[1.0],"
                    + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":1.0},\"sde\":{\"enabled\":"
                    + !kind.sdeModels().isEmpty() + "}}", List.of()).first();
            final ExperimentConfig back = roundTrip(c);
            assertEquals(kind, back.optimizer(), opt);
            assertEquals(c.adaptive(), back.adaptive() == null ? null : back.adaptive(), opt);
        }
    }
}
