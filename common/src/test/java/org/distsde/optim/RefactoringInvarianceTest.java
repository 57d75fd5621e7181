package org.distsde.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.sde.SdeSimulation;
import org.distsde.sim.LocalAggregator;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * DSGD, DCSGD and DSignSGD give bit-identical optimizer and SDE rows through changes of the code's
 * structure: every field of every recorded row (doubles as raw bits) is hashed per case and
 * compared with digests recorded before the optimizers became one type each
 * ({@code golden/optimizer-digests.txt}). The cases cover every kernel path (DSGD with shared and
 * per-agent noise, d = 1 and d &gt; 1; DCSGD with homogeneous and per-agent ω; DSignSGD with noise
 * and CDF sampling, Gaussian and Cauchy) and every step rule (none, grad-norm, theorem coupled and
 * per run, a power scheduler). Run with {@code -Dgolden.write=true} to re-record after an
 * intended change of results (and say so in the commit).
 */
class RefactoringInvarianceTest {
    private static final String BASE = "{\"name\":\"g\",\"seed\":7,\"runs\":40,\"rounds\":60,\"recordEvery\":7,"
            + "\"sde\":{\"enabled\":true,\"paths\":40},";

    static Map<String, String> cases() {
        final Map<String, String> c = new LinkedHashMap<>();
        c.put("dsgd-shared-d1", "\"optimizer\":\"dsgd\",\"agents\":5,\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":1},"
                + "\"x0\":[2.0],\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.3,\"sigma1\":0.5}");
        c.put("dsgd-shared-d3-theorem", "\"optimizer\":\"dsgd\",\"agents\":4,\"eta\":0.05,"
                + "\"objective\":{\"type\":\"quartic\",\"dim\":3},\"x0\":[1.5],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.2,\"sigma1\":0.4},"
                + "\"normalization\":{\"type\":\"theorem\",\"epsilon\":0.3}");
        c.put("dsgd-agents-perrun", "\"optimizer\":\"dsgd\",\"agents\":3,\"eta\":0.05,"
                + "\"objective\":{\"type\":\"quadratic\",\"h\":[1.0,3.0]},\"x0\":[1.0,-2.0],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":[0.2,0.6],\"sigma1\":0.3,\"agentFactors\":[0.5,1.0,2.0]},"
                + "\"normalization\":{\"type\":\"theorem\",\"perRun\":true},\"smoothness\":{\"l0\":3.0,\"l1\":0.0},"
                + "\"recordCoordinates\":2");
        c.put("dsgd-student-gradnorm-power", "\"optimizer\":\"dsgd\",\"agents\":6,\"eta\":0.1,"
                + "\"objective\":{\"type\":\"quartic\",\"dim\":2},\"x0\":[1.2],"
                + "\"noise\":{\"type\":\"student-t\",\"nu\":3.0,\"sigma\":[0.5,1.0]},"
                + "\"normalization\":{\"type\":\"grad-norm\"},\"schedule\":{\"type\":\"power\",\"theta\":0.5}");
        c.put("dcsgd-omega", "\"optimizer\":\"dcsgd\",\"agents\":4,\"eta\":0.05,\"objective\":{\"type\":\"quartic\",\"dim\":5},"
                + "\"x0\":[1.25],\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.1,\"sigma1\":0.2},"
                + "\"compression\":{\"type\":\"random-sparsification\",\"omega\":2.0}");
        c.put("dcsgd-agent-omegas-theorem", "\"optimizer\":\"dcsgd\",\"agents\":3,\"eta\":0.05,"
                + "\"objective\":{\"type\":\"quartic\",\"dim\":4},\"x0\":[1.1],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.1,\"sigma1\":0.2,\"agentSpread\":[0.5,1.5]},"
                + "\"compression\":{\"type\":\"random-sparsification\",\"agentOmegas\":[0.0,1.0,3.0]},"
                + "\"normalization\":{\"type\":\"theorem\"}");
        c.put("dcsgd-identity", "\"optimizer\":\"dcsgd\",\"agents\":2,\"eta\":0.1,\"objective\":{\"type\":\"quartic\",\"dim\":1},"
                + "\"x0\":[1.5],\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.4}");
        c.put("dsign-noise-gauss", "\"optimizer\":\"dsignsgd\",\"agents\":5,\"eta\":0.05,"
                + "\"objective\":{\"type\":\"quadratic\",\"h\":[2.0,0.5,1.0]},\"x0\":[1.0],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":[0.3,0.6,1.2]},\"recordCoordinates\":3");
        c.put("dsign-cdf-cauchy-d1", "\"optimizer\":\"dsignsgd\",\"agents\":7,\"eta\":0.1,"
                + "\"objective\":{\"type\":\"quartic\",\"dim\":1},\"x0\":[1.0],"
                + "\"noise\":{\"type\":\"student-t\",\"nu\":1.0,\"sigma\":2.0},\"signSampling\":\"cdf\","
                + "\"schedule\":{\"type\":\"power\",\"theta\":0.5}");
        c.put("dsign-cdf-t2-d3-hetero", "\"optimizer\":\"dsignsgd\",\"agents\":4,\"eta\":0.1,"
                + "\"objective\":{\"type\":\"quartic\",\"dim\":3},\"x0\":[1.0],"
                + "\"noise\":{\"type\":\"student-t\",\"nu\":2.0,\"sigma\":1.0,\"agentFactors\":[1.0,2.0,0.5,1.5]},"
                + "\"signSampling\":\"cdf\"");
        c.put("dsign-phase3", "\"optimizer\":\"dsignsgd\",\"agents\":3,\"eta\":0.05,"
                + "\"objective\":{\"type\":\"quadratic\",\"h\":[1.0,2.0]},\"x0\":[0.5],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":1.0},\"sde\":{\"enabled\":true,\"paths\":40,\"model\":\"phase3\"}");
        return c;
    }

    static ExperimentConfig config(String body) {
        String json = BASE + body + "}";
        if (body.contains("\"sde\":")) { // a case's own sde block replaces the base one
            json = json.replace("\"sde\":{\"enabled\":true,\"paths\":40},", "");
        }
        return ConfigLoader.parse(json, List.of()).first();
    }

    /** SHA-256 over every field of every row, doubles by their raw bits. */
    static String digest(List<RoundStats> rows) {
        final StringBuilder b = new StringBuilder();
        for (RoundStats s : rows) {
            b.append(s.round()).append(',').append(s.runs()).append(',').append(s.diverged());
            for (double v : new double[] {s.time(), s.lr().mean(), s.lr().min(), s.lr().max(), s.loss().mean(), s.loss().std(),
                s.loss().p05(), s.loss().p50(), s.loss().p95(), s.grad().normSqMean(), s.grad().normMean(), s.integrals().phi1(), s.integrals().phi2(),
                s.integrals().etaGradNormSq(), s.integrals().eta2GradNormSq()}) {
                b.append(',').append(Long.toHexString(Double.doubleToRawLongBits(v)));
            }
            for (double[] a : new double[][] {s.x().mean(), s.x().var(), s.integrals().cov()}) {
                for (double v : a) {
                    b.append(',').append(Long.toHexString(Double.doubleToRawLongBits(v)));
                }
            }
            b.append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> compute() {
        final List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : cases().entrySet()) {
            final ExperimentConfig cfg = config(e.getValue());
            final List<RoundStats> opt = new Simulation(cfg).run(new LocalAggregator(cfg), null);
            final List<RoundStats> sde0 = new SdeSimulation(cfg).run();
            final List<RoundStats> sde2 = new SdeSimulation(cfg, 2).run();
            out.add(e.getKey() + " optimizer " + digest(opt));
            out.add(e.getKey() + " sde " + digest(sde0));
            out.add(e.getKey() + " sde-level2 " + digest(sde2));
        }
        return out;
    }

    @Test
    void optimizerAndSdeRowsAreBitIdenticalToTheRecordedDigests() throws IOException {
        final Path golden = Path.of("src/test/resources/golden/optimizer-digests.txt");
        final List<String> now = compute();
        if (Boolean.getBoolean("golden.write")) {
            Files.write(golden, now);
        }
        final List<String> expected = Files.readAllLines(golden);
        assertEquals(expected.size(), now.size(), "number of digests");
        for (int i = 0; i < now.size(); i++) {
            assertEquals(expected.get(i), now.get(i), "rows changed for " + now.get(i).split(" ")[0] + " "
                    + now.get(i).split(" ")[1]);
        }
    }
}
