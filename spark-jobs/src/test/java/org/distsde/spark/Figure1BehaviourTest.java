package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distsde.report.ResultData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Figure 1 configs, scaled down, reproduce the paper's behaviours (Section 4.1 and
 * the Figure 1 caption). Every threshold is either a structural fact (a run diverged or not) or a
 * Monte Carlo comparison with the standard error of the recorded statistics.
 */
class Figure1BehaviourTest extends SparkTestBase {
    @TempDir
    Path tmp;

    /** metrics.csv rows of one kind (optimizer or sde) as series → round → column → value. */
    static Map<Integer, Map<Integer, Map<String, Double>>> read(Path out, String kind) {
        final Map<Integer, Map<Integer, Map<String, Double>>> m = new HashMap<>();
        for (ResultData.Curve c : ResultData.read(out).curves()) {
            if (c.kind().id().equals(kind)) {
                for (Map<String, Double> row : c.rows()) {
                    m.computeIfAbsent(c.series(), k -> new HashMap<>()).put(row.get("round").intValue(), row);
                }
            }
        }
        return m;
    }

    private Path lastOut;

    Map<Integer, Map<Integer, Map<String, Double>>> simulate(String config, String... sets) throws Exception {
        final Path out = tmp.resolve(config.replace(".json", ""));
        final List<String> args = new ArrayList<>(List.of("simulate", "--config", "../conf/" + config, "--out",
                out.toString()));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        final Cli r = cli(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        lastOut = out;
        return read(out, "optimizer");
    }

    static double se(Map<String, Double> row) {
        return row.get("loss_std") / Math.sqrt(row.get("runs"));
    }

    @Test
    void b1UnnormalizedDsgdDivergesForLargeSigmaAndTheEq1SchedulerConverges() throws Exception {
        // series order: normalization {none, theorem (E||grad f||), theorem per run} x sigma {0.1, 1, 3}
        final var m = simulate("fig1-b1-dsgd.json", "runs=300", "rounds=300", "recordEvery=50");
        final Map<String, Double> noneSigma3 = m.get(2).get(300);
        final Map<String, Double> perRunSigma3 = m.get(8).get(300);
        // at 3.8% per run (measured at full scale), P(no divergence in 300 runs) ~ 1e-5
        assertTrue(noneSigma3.get("diverged") >= 1, "unnormalized sigma=3 must lose runs: " + noneSigma3);
        assertEquals(0.0, perRunSigma3.get("diverged"), "Eq. 1 per run must keep every run: " + perRunSigma3);
        assertEquals(0.0, m.get(0).get(300).get("diverged"), "sigma = 0.1 needs no normalization");
        // converged: from f(x0) = 1024 to below 1e-2 (mean over runs, a few standard errors of margin)
        assertTrue(perRunSigma3.get("loss_mean") + 4 * se(perRunSigma3) < 1e-2, perRunSigma3.toString());
    }

    @Test
    void b2UnnormalizedDcsgdDivergesForLargeOmegaAndNormalizedConvergesForAll() throws Exception {
        // series order: normalization {none, grad-norm} x omega {1, 2, 4}; d = 1000
        final var m = simulate("fig1-b2-dcsgd.json", "runs=8", "rounds=150", "recordEvery=50");
        assertEquals(8.0, m.get(2).get(150).get("diverged"), "omega = 4 unnormalized diverges");
        assertEquals(0.0, m.get(0).get(150).get("diverged"), "omega = 1 unnormalized survives");
        for (int s = 3; s < 6; s++) {
            final Map<String, Double> last = m.get(s).get(150);
            assertEquals(0.0, last.get("diverged"), "normalized series " + s);
            final double f0 = m.get(s).get(0).get("loss_mean"); // 1000 * 1.25^4 / 4
            assertEquals(1000 * Math.pow(1.25, 4) / 4, f0, 1e-9);
            assertTrue(last.get("loss_mean") + 4 * se(last) < f0 / 5, "normalized series " + s + " decreases: " + last);
        }
    }

    @Test
    void b3DsignsgdUnderCauchyNoisePlateausWithoutSchedulerAndDecaysWithIt() throws Exception {
        // series order: schedule {constant, 1/sqrt(t+1)} x sigma {0.25, 1}
        final var m = simulate("fig1-b3-dsignsgd.json", "runs=2000", "rounds=1000", "recordEvery=250",
                "sweep={\"schedule\": [{\"type\": \"constant\"}, {\"type\": \"power\", \"theta\": 0.5}],"
                        + " \"noise.sigma\": [0.25, 1.0]}");
        for (int s = 0; s < 4; s++) {
            final Map<String, Double> mid = m.get(s).get(500);
            final Map<String, Double> end = m.get(s).get(1000);
            assertEquals(0.0, end.get("diverged"));
            final double tol = 4 * Math.hypot(se(mid), se(end));
            if (s < 2) { // constant: stationary, no decay between k = 500 and k = 1000
                assertTrue(Math.abs(end.get("loss_mean") - mid.get("loss_mean")) < tol,
                        "plateau expected for series " + s + ": " + mid.get("loss_mean") + " vs " + end.get("loss_mean"));
            } else { // scheduled: still decaying, by a clear factor
                assertTrue(end.get("loss_mean") < 0.75 * mid.get("loss_mean") && mid.get("loss_mean") - end.get("loss_mean") > tol,
                        "decay expected for series " + s + ": " + mid.get("loss_mean") + " vs " + end.get("loss_mean"));
            }
        }
        // the SDE of Eq. 51 (Euler-Maruyama, dt = eta) tracks the optimizer: same mean loss within MC error
        final var sde = read(lastOut, "sde");
        for (int s = 0; s < 4; s++) {
            for (int k : new int[] {250, 500, 1000}) {
                final Map<String, Double> o = m.get(s).get(k);
                final Map<String, Double> q = sde.get(s).get(k);
                final double tol = 4 * Math.hypot(se(o), se(q));
                assertTrue(Math.abs(o.get("loss_mean") - q.get("loss_mean")) < tol, "series " + s + " round " + k
                        + ": optimizer " + o.get("loss_mean") + " vs SDE " + q.get("loss_mean") + " (tol " + tol + ")");
            }
        }
    }
}
