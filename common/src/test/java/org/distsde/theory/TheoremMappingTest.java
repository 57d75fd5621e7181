package org.distsde.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.optim.Optimizer;
import org.distsde.optim.Optimizers;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * Every registered optimizer is checked against its own theorem ({@link Optimizer#theorem()}
 * mapped by an exhaustive switch in {@link TheoremChecker}): DSGD Theorem 4, DCSGD Theorems 5–6 (Theorem 5 at σ1 = 0),
 * DSignSGD Theorem 7, the adaptive optimizers and error feedback (EF-SGD, EF21, DIANA) none. Catches the former
 * fall-through, which checked any optimizer that was not DSGD, DCSGD or adaptive against Theorem 7.
 */
class TheoremMappingTest {
    static final Map<String, String> EXPECTED = Map.of("dsgd", "Theorem 4", "dcsgd", "Theorem 5",
            "dsignsgd", "Theorem 7", "rmsprop", "no theorem (rmsprop)", "rmspropw", "no theorem (rmspropw)",
            "adam", "no theorem (adam)", "adamw", "no theorem (adamw)", "ef-sgd", "no theorem (ef-sgd)",
            "ef21", "no theorem (ef21)", "diana", "no theorem (diana)");

    @Test
    void everyOptimizerGetsItsOwnTheorem() {
        assertEquals(EXPECTED.keySet(), Optimizers.all().stream().map(Optimizer::id).collect(
                java.util.stream.Collectors.toSet()), "a new optimizer needs its expected theorem here");
        for (Optimizer o : Optimizers.all()) {
            final ExperimentConfig c = ConfigLoader.parse("{\"name\":\"t\",\"runs\":2,\"rounds\":2,\"optimizer\":\""
                    + o.id() + "\",\"agents\":2,\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":2},"
                    + "\"x0\":[1.0],\"noise\":{\"type\":\"gaussian\",\"sigma0\":1.0}}", List.of()).first();
            final TheoremCheck t = TheoremChecker.theorem(c, Simulation.averages(c), c.buildObjective(),
                    c.smoothnessPair());
            assertTrue(t.theorem().startsWith(EXPECTED.get(o.id())), o.id() + " is checked against " + t.theorem());
            assertEquals(EXPECTED.get(o.id()).startsWith("no theorem"), !t.notApplicable().isEmpty(), o.id());
        }
    }
}
