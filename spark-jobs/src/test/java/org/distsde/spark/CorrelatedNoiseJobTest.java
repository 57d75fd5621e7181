package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full-covariance noise through the command line: DSGD (full C), DCSGD (low-rank C, random
 * sparsification) and DSignSGD (full C) are simulated and their SDEs integrated (with the Δt
 * refinement); the metrics do not depend on the layout (agents over partitions or runs per task),
 * and the theorem checks state which constant of C they use.
 */
class CorrelatedNoiseJobTest extends SparkTestBase {
    static final String CONFIG = """
            {"name": "corr", "seed": 4, "runs": 200, "rounds": 30, "recordEvery": 10, "optimizer": "dsgd", "agents": 4,
             "eta": 0.05, "objective": {"type": "quadratic", "h": [1, 2, 0.5]}, "x0": [1, -1, 2],
             "noise": {"type": "gaussian", "sigma0": 0.5, "sigma1": 0.3, "agentSpread": [0.5, 1.5],
                       "correlation": [[1, 0.6, -0.3], [0.6, 2, -0.5], [-0.3, -0.5, 0.7]]},
             "sde": {"enabled": true, "maxRefinements": 2},
             "sweep": {"cases": [
               {"label": "dsgd-full"},
               {"label": "dcsgd-lowrank", "optimizer": "dcsgd", "noise.correlation": null,
                "noise.lowRank": {"diag": [0.2, 0, 0.5], "u": [[1, 0.3], [-0.8, 1], [0.4, 0.2]]},
                "compression": {"type": "random-sparsification", "p": 0.5}},
               {"label": "dsignsgd-full", "optimizer": "dsignsgd", "eta": 0.01}]}}
            """;

    @Test
    void simulatesAndIntegratesWhateverTheLayout(@TempDir Path tmp) throws Exception {
        final Path cfg = tmp.resolve("corr.json");
        Files.writeString(cfg, CONFIG);
        String first = null;
        for (String layout : new String[] {"layout.mode=agents", "layout.mode=runs"}) {
            final Path out = tmp.resolve(layout.substring(layout.indexOf('=') + 1));
            final Cli r = cli("simulate", "--config", cfg.toString(), "--out", out.toString(), "--set", layout);
            assertEquals(0, r.code(), r.err());
            final String csv = Files.readString(out.resolve("metrics.csv"));
            if (first == null) {
                first = csv;
                final List<String> lines = csv.lines().toList();
                final String[] h = lines.get(0).split(",");
                final int kind = List.of(h).indexOf("kind"), round = List.of(h).indexOf("round");
                final int loss = List.of(h).indexOf("loss_mean"), div = List.of(h).indexOf("diverged");
                int last = 0;
                for (String line : lines.subList(1, lines.size())) {
                    final String[] v = line.split(",");
                    if (v[round].equals("30")) {
                        last++;
                        assertTrue(Double.parseDouble(v[loss]) < 4.75, "the loss decreases from f(x0) = 4.75: " + line);
                        assertEquals("0", v[div], line);
                    }
                }
                assertEquals(3 * 3, last, "3 series x (optimizer, sde, sde-resolved)");
                final String checks = Files.readString(out.resolve("checks.txt"));
                assertTrue(checks.contains("max_j C_jj"), checks);
            } else {
                assertEquals(first, csv, layout + " changes the metrics");
            }
        }
    }
}
