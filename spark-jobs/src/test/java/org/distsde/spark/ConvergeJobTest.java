package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code converge} end to end on an Ornstein–Uhlenbeck problem whose orders are known: DSGD on
 * f = x²/2 (h = 1) with N = 1 agent of Gaussian noise σ0 = 1 from x0 = 2, η = 0.1, T = 1. Its SDE
 * (Eq. 8) is dX = −X dt + √η dW, E X_t² = m(t) = η/2 + (x0² − η/2)e^{−2t}; the optimizer's
 * E x_K² = m_K with m_{k+1} = (1 − η)²m_k + η²; Euler–Maruyama at step Δ gives m ← (1 − Δ)²m + Δη.
 */
class ConvergeJobTest extends SparkTestBase {
    @TempDir
    Path tmp;

    static final String OU = """
            {"name": "ou", "seed": 9, "runs": 100000, "rounds": 10, "recordEvery": 10, "optimizer": "dsgd",
             "agents": 1, "eta": 0.1, "objective": {"type": "quadratic", "h": [1.0]}, "x0": [2.0],
             "noise": {"type": "gaussian", "sigma0": 1.0}, "layout": {"mode": "auto"},
             "sde": {"enabled": true, "maxRefinements": 4, "paths": 100000}}""";

    /** The rows of a CSV as column → value (the label column is quoted but has no comma here). */
    static List<Map<String, String>> csv(Path p) throws Exception {
        final List<String> lines = Files.readAllLines(p);
        final String[] h = lines.get(0).split(",", -1);
        final List<Map<String, String>> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            final String[] v = l.split(",", -1);
            final Map<String, String> m = new HashMap<>();
            for (int i = 0; i < h.length; i++) {
                m.put(h[i], v[i]);
            }
            out.add(m);
        }
        return out;
    }

    static double num(Map<String, String> m, String k) {
        return Double.parseDouble(m.get(k));
    }

    /** E f(x_K) − E f(X_T), the optimizer's weak error at step η over [0, 1], from the two recursions. */
    static double weakError(double eta) {
        double m = 4;
        for (long k = 0, n = Math.round(1 / eta); k < n; k++) {
            m = (1 - eta) * (1 - eta) * m + eta * eta;
        }
        final double mT = eta / 2 + (4 - eta / 2) * Math.exp(-2);
        return (m - mT) / 2;
    }

    /**
     * Euler–Maruyama's Δt order of the final loss mean lies in [0.9, 1.1]; the optimizer-vs-SDE weak
     * error in η equals the closed-form difference of the recursions at every η (within 4 SE plus the
     * SDE side's own Δt error, |Richardson − m(T)|/2 ≤ 1e-3 here) and its order lies in [0.8, 1.2].
     * Bugs caught: a fit on the wrong statistic or levels, the η study's horizon not kept (rounds not
     * doubled with η halved: the error would not shrink), the SDE side at Δt = η (its own O(η) error
     * would cancel part of the optimizer's).
     */
    @Test
    void eulerMaruyamaAndTheOptimizerAreWeakOrderOne() throws Exception {
        final Path cfg = tmp.resolve("ou.json");
        Files.writeString(cfg, OU);
        final Path out = tmp.resolve("em");
        final Cli r = cli("converge", "--config", cfg.toString(), "--out", out.toString(), "--etas", "3");
        assertEquals(0, r.code(), r.err());
        System.out.println(r.out());
        final Map<String, String> dt = csv(out.resolve("converge-dt.csv")).stream()
                .filter(m -> m.get("statistic").equals("loss_mean")).findFirst().orElseThrow();
        assertEquals("euler-maruyama", dt.get("scheme"));
        assertTrue(num(dt, "order") > 0.9 && num(dt, "order") < 1.1, "dt order " + dt.get("order"));
        assertEquals("true", dt.get("asymptotic"), dt.get("regime")); // ratios 2.02 … 2.003: one order
        final List<Map<String, String>> eta = csv(out.resolve("converge-eta.csv"));
        assertEquals(3, eta.size());
        for (Map<String, String> m : eta) {
            final double e = num(m, "eta"), want = Math.abs(weakError(e));
            assertEquals(want, num(m, "weak_error"), 4 * num(m, "weak_error_se") + 1e-3, "eta " + e);
        }
        final double order = num(eta.get(0), "order");
        assertTrue(order > 0.8 && order < 1.2, "eta order " + order);
    }

    /**
     * With sde.scheme talay-tubaro the study fits the extrapolated estimates: order 2 measured (in
     * [1.7, 2.3]), not assumed. Bug caught: the Euler–Maruyama levels fitted whatever the scheme (order 1).
     */
    @Test
    void talayTubaroIsMeasuredAsWeakOrderTwo() throws Exception {
        final Path cfg = tmp.resolve("ou.json");
        Files.writeString(cfg, OU);
        final Path out = tmp.resolve("tt");
        final Cli r = cli("converge", "--config", cfg.toString(), "--out", out.toString(), "--etas", "0",
                "--set", "sde.scheme=\"talay-tubaro\"", "--set", "sde.maxRefinements=5");
        assertEquals(0, r.code(), r.err());
        System.out.println(r.out());
        final List<Map<String, String>> rows = csv(out.resolve("converge-dt.csv"));
        final Map<String, String> dt = rows.stream().filter(m -> m.get("statistic").equals("loss_mean")).findFirst()
                .orElseThrow();
        assertEquals("talay-tubaro", dt.get("scheme"));
        assertEquals("1", dt.get("level")); // the first extrapolated estimate uses levels 0 and 1
        assertTrue(num(dt, "order") > 1.7 && num(dt, "order") < 2.3, "Talay-Tubaro order " + dt.get("order"));
    }
}
