package org.distsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.NormalizationSpec;
import org.distsde.config.ScheduleSpec;
import org.distsde.config.SdeSpec;
import org.distsde.sim.RoundStats;
import org.junit.jupiter.api.Test;

/** The structure-of-arrays engine: blocking invariance, refinement levels, divergence. */
class SdeEngineTest {
    private static ExperimentConfig dsgd(int paths) {
        return Configs.of("dsgd", Configs.quartic(3), new double[] {1.5, -0.7, 0.3}, Configs.gaussian(0.5, 0.8), 3,
                0.05, paths, 60, 7, null, new ScheduleSpec("power", 0.5),
                new NormalizationSpec("grad-norm", 0.5, null, null), new SdeSpec(true, 0.025, paths));
    }

    private static List<RoundStats> blocks(SdeSimulation sim, int nb) {
        final List<SdeSimulation.Block> out = new ArrayList<>();
        final int p = sim.paths();
        for (int b = nb - 1; b >= 0; b--) {
            out.add(sim.runBlock((int) ((long) p * b / nb), (int) ((long) p * (b + 1) / nb)));
        }
        return SdeSimulation.combine(out);
    }

    @Test
    void anyBlockingGivesBitIdenticalRowsAtEveryLevel() {
        for (String opt : new String[] {"dsgd", "dsignsgd"}) {
            final ExperimentConfig c = opt.equals("dsgd") ? dsgd(41)
                    : Configs.of("dsignsgd", Configs.quartic(2), new double[] {1.0, -0.5}, Configs.studentT(1, 1.0, null),
                            4, 0.05, 41, 50, 10, null, new ScheduleSpec("power", 0.5), null, new SdeSpec(true, null, 41));
            for (int level : new int[] {0, 2}) {
                final SdeSimulation sim = new SdeSimulation(c, level);
                final List<RoundStats> whole = sim.run();
                for (int nb : new int[] {2, 3, 7, 41}) {
                    assertEquals(whole, blocks(sim, nb), opt + " level " + level + " in " + nb + " blocks");
                }
            }
        }
    }

    @Test
    void whenEveryPathDivergesEveryRecordedRowIsKept() {
        // f = x⁴/4 from x₀ = 30 with η = 0.5: the first step overshoots to ~1e4 and the next diverges
        final ExperimentConfig c = Configs.of("dsgd", Configs.quartic(1), new double[] {30}, Configs.gaussian(0.1, 0),
                2, 0.5, 9, 40, 5, null, null, null, new SdeSpec(true, null, 9));
        final SdeSimulation sim = new SdeSimulation(c);
        final List<RoundStats> rows = sim.run();
        assertEquals(sim.recordedRounds().length, rows.size(), "every recorded round is kept");
        final RoundStats last = rows.get(rows.size() - 1);
        assertEquals(40, last.round());
        assertEquals(0, last.runs());
        assertEquals(9, last.diverged());
        assertTrue(rows.get(1).runs() == 0, "all diverged before round 5");
        assertEquals(rows, blocks(sim, 3));
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(sim.recordedRounds()[i], rows.get(i).round());
        }
    }
}
