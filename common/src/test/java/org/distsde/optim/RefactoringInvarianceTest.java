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
import java.util.SplittableRandom;
import org.distsde.config.ConfigLoader;
import org.distsde.config.DataHandle;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.SdeScheme;
import org.distsde.data.Dataset;
import org.distsde.sde.SdeSimulation;
import org.distsde.sde.refine.LevelStats;
import org.distsde.sde.refine.Refinement;
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
 * per run, a power scheduler), and since {@link #extendedCases()} the adaptive optimizers and their
 * two SDE models, α-stable and full-covariance noise, objectives defined by data (gradient full,
 * minibatch, local), DSignSGD's phase 1, and the Δt refinement ({@link #refined()}: both
 * schemes, the batch means). Run with {@code -Dgolden.write=true} to re-record after an intended
 * change of results (and say so in the commit).
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
        c.putAll(extendedCases());
        c.putAll(compressorCases());
        return c;
    }

    /**
     * The cases added with the compressor family and the agents' memory: rand-k, top-k, QSGD,
     * natural compression, rand-k ∘ natural, scaled sign, one compressor per agent; error feedback
     * (EF-SGD), EF21 and DIANA, whose agents keep a vector per run between rounds.
     */
    static Map<String, String> compressorCases() {
        final Map<String, String> c = new LinkedHashMap<>();
        final String quartic5 = "\"objective\":{\"type\":\"quartic\",\"dim\":5},\"x0\":[1.1,-0.7,0.9,1.3,-1.2],";
        final String gauss = "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.2,\"sigma1\":0.3}";
        final String[][] dcsgd = {
                {"dcsgd-rand-k", "{\"type\":\"rand-k\",\"k\":2}"},
                {"dcsgd-qsgd", "{\"type\":\"qsgd\",\"s\":2}"},
                {"dcsgd-natural", "{\"type\":\"natural\"}"},
                {"dcsgd-rand-k-natural", "{\"type\":\"rand-k-natural\",\"k\":3}"},
                {"dcsgd-per-agent", "{\"agents\":[{\"type\":\"qsgd\",\"s\":1},{\"type\":\"rand-k\",\"k\":1},"
                        + "{\"type\":\"none\"}]}"}};
        for (String[] e : dcsgd) { // only rand-k has a Gaussian model for the SDE of Eq. 27-28
            c.put(e[0], "\"optimizer\":\"dcsgd\",\"agents\":3,\"eta\":0.05," + quartic5 + gauss
                    + ",\"compression\":" + e[1] + (e[0].equals("dcsgd-rand-k") ? "" : ",\"sde\":{\"enabled\":false}"));
        }
        c.put("ef-sgd-top-k", "\"optimizer\":\"ef-sgd\",\"agents\":3,\"eta\":0.05," + quartic5 + gauss
                + ",\"compression\":{\"type\":\"top-k\",\"k\":2},\"sde\":{\"enabled\":false}");
        c.put("ef-sgd-scaled-sign", "\"optimizer\":\"ef-sgd\",\"agents\":4,\"eta\":0.05," + quartic5 + gauss
                + ",\"compression\":{\"type\":\"scaled-sign\"},\"sde\":{\"enabled\":false}");
        c.put("ef21-top-k", "\"optimizer\":\"ef21\",\"agents\":3,\"eta\":0.05," + quartic5 + gauss
                + ",\"compression\":{\"type\":\"top-k\",\"k\":2},\"sde\":{\"enabled\":false}");
        c.put("ef21-rand-k", "\"optimizer\":\"ef21\",\"agents\":2,\"eta\":0.05," + quartic5 + gauss
                + ",\"compression\":{\"type\":\"rand-k\",\"k\":3}");
        c.put("diana-rand-k", "\"optimizer\":\"diana\",\"agents\":3,\"eta\":0.05," + quartic5 + gauss
                + ",\"compression\":{\"type\":\"rand-k\",\"k\":2,\"shiftRate\":0.3}");
        return c;
    }

    /**
     * The cases added before compressors owned their math and agents got memory: the adaptive
     * optimizers (both SDE models, with and without compression), α-stable and full-covariance
     * noise, objectives defined by a dataset ({@link #DATA}: logistic and least squares, gradient
     * full / minibatch / local), DSignSGD's phase 1. A case whose sde block disables the SDE has
     * no SDE digests.
     */
    static Map<String, String> extendedCases() {
        final Map<String, String> c = new LinkedHashMap<>();
        final String quartic3 = "\"objective\":{\"type\":\"quartic\",\"dim\":3},\"x0\":[1.2],";
        final String gauss = "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.2,\"sigma1\":0.3}";
        c.put("rmsprop-full", "\"optimizer\":\"rmsprop\",\"agents\":3,\"eta\":0.01," + quartic3 + gauss
                + ",\"adaptive\":{\"beta2\":0.9,\"epsilon\":0.01,\"v0\":[0.1]}");
        c.put("rmspropw-malladi", "\"optimizer\":\"rmspropw\",\"agents\":4,\"eta\":0.01," + quartic3 + gauss
                + ",\"adaptive\":{\"beta2\":0.95,\"epsilon\":0.05,\"theta\":0.1,\"v0\":[0.2]},"
                + "\"sde\":{\"enabled\":true,\"paths\":40,\"model\":\"malladi\"}");
        c.put("adam-full", "\"optimizer\":\"adam\",\"agents\":3,\"eta\":0.01," + quartic3 + gauss
                + ",\"adaptive\":{\"beta1\":0.8,\"beta2\":0.9,\"epsilon\":0.01}");
        c.put("adam-malladi-compressed", "\"optimizer\":\"adam\",\"agents\":3,\"eta\":0.01," + quartic3 + gauss
                + ",\"compression\":{\"type\":\"random-sparsification\",\"agentOmegas\":[0.5,1.0,2.0]},"
                + "\"adaptive\":{\"beta1\":0.8,\"beta2\":0.9,\"epsilon\":0.01},"
                + "\"sde\":{\"enabled\":true,\"paths\":40,\"model\":\"malladi\"}");
        c.put("adamw-full-compressed", "\"optimizer\":\"adamw\",\"agents\":2,\"eta\":0.01," + quartic3 + gauss
                + ",\"compression\":{\"type\":\"random-sparsification\",\"p\":0.5},"
                + "\"adaptive\":{\"beta1\":0.85,\"beta2\":0.95,\"epsilon\":0.02,\"theta\":0.05}");
        c.put("adamw-malladi", "\"optimizer\":\"adamw\",\"agents\":2,\"eta\":0.01," + quartic3 + gauss
                + ",\"adaptive\":{\"beta1\":0.85,\"beta2\":0.95,\"epsilon\":0.02,\"theta\":0.05},"
                + "\"sde\":{\"enabled\":true,\"paths\":40,\"model\":\"malladi\"}");
        // α-stable noise: infinite variance for α < 2 (no Gaussian SDE for DSGD), the sign SDE exists
        c.put("dsgd-stable", "\"optimizer\":\"dsgd\",\"agents\":4,\"eta\":0.02," + quartic3
                + "\"noise\":{\"type\":\"stable\",\"alpha\":1.5,\"sigma\":[0.3,0.5,0.2]},\"sde\":{\"enabled\":false}");
        c.put("dcsgd-stable-agents", "\"optimizer\":\"dcsgd\",\"agents\":3,\"eta\":0.02," + quartic3
                + "\"noise\":{\"type\":\"stable\",\"agentAlphas\":[1.2,1.7,2.0],\"sigma\":0.3},"
                + "\"compression\":{\"type\":\"random-sparsification\",\"omega\":1.0},\"sde\":{\"enabled\":false}");
        c.put("dsign-stable", "\"optimizer\":\"dsignsgd\",\"agents\":5,\"eta\":0.05," + quartic3
                + "\"noise\":{\"type\":\"stable\",\"alpha\":1.5,\"sigma\":0.8,\"agentFactors\":[0.5,1,2,1,1]}");
        c.put("dsign-stable-cdf", "\"optimizer\":\"dsignsgd\",\"agents\":4,\"eta\":0.05," + quartic3
                + "\"noise\":{\"type\":\"stable\",\"agentAlphas\":[0.7,1.0,1.5,2.0],\"sigma\":0.8},"
                + "\"signSampling\":\"cdf\"");
        // full-covariance Gaussian noise (noise.correlation, noise.lowRank)
        final String corr = "\"correlation\":[[1.0,0.5,0.2],[0.5,2.0,-0.3],[0.2,-0.3,0.8]]";
        final String lowRank = "\"lowRank\":{\"diag\":[0.5,0.2,0.3],\"u\":[[0.4,0.1],[-0.2,0.3],[0.1,0.6]]}";
        c.put("dsgd-correlation", "\"optimizer\":\"dsgd\",\"agents\":4,\"eta\":0.05," + quartic3
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.3,\"sigma1\":0.2,\"agentSpread\":[0.5,1.5]," + corr + "}");
        c.put("dcsgd-lowrank", "\"optimizer\":\"dcsgd\",\"agents\":3,\"eta\":0.05," + quartic3
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.3,\"sigma1\":0.2," + lowRank + "},"
                + "\"compression\":{\"type\":\"random-sparsification\",\"omega\":1.5}");
        c.put("dcsgd-correlation-agent-omegas", "\"optimizer\":\"dcsgd\",\"agents\":3,\"eta\":0.05," + quartic3
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.3," + corr + "},"
                + "\"compression\":{\"type\":\"random-sparsification\",\"agentOmegas\":[0.0,1.0,3.0]}");
        c.put("dsign-correlation", "\"optimizer\":\"dsignsgd\",\"agents\":5,\"eta\":0.05," + quartic3
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.6,\"sigma1\":0.2," + corr + "}");
        c.put("dsign-lowrank-phase1", "\"optimizer\":\"dsignsgd\",\"agents\":5,\"eta\":0.05," + quartic3
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":0.6," + lowRank + "},"
                + "\"sde\":{\"enabled\":true,\"paths\":40,\"model\":\"phase1\"}");
        c.put("dsign-phase1", "\"optimizer\":\"dsignsgd\",\"agents\":3,\"eta\":0.05,"
                + "\"objective\":{\"type\":\"quadratic\",\"h\":[1.0,2.0]},\"x0\":[0.5],"
                + "\"noise\":{\"type\":\"student-t\",\"nu\":3.0,\"sigma\":1.0},"
                + "\"sde\":{\"enabled\":true,\"paths\":40,\"model\":\"phase1\"}");
        // objectives defined by a dataset (DATA, attached in memory): logistic, least squares
        final String noSde = ",\"sde\":{\"enabled\":false}";
        c.put("data-logistic-full-dsgd", data("dsgd", "logistic", "\"gradient\":\"full\"", 0.2, ""));
        c.put("data-lsq-full-dcsgd", data("dcsgd", "least-squares", "\"gradient\":\"full\"", 0.2,
                ",\"compression\":{\"type\":\"random-sparsification\",\"omega\":1.0}"));
        c.put("data-logistic-minibatch-dsgd", data("dsgd", "logistic", "\"batch\":4", 0, noSde));
        c.put("data-lsq-minibatch-dcsgd", data("dcsgd", "least-squares", "\"batch\":3,\"split\":\"label\"", 0.1,
                ",\"compression\":{\"type\":\"random-sparsification\",\"agentOmegas\":[0.5,1.0,2.0]}" + noSde));
        c.put("data-logistic-minibatch-dsign", data("dsignsgd", "logistic", "\"batch\":2", 0, noSde));
        c.put("data-logistic-local-dsign", data("dsignsgd", "logistic",
                "\"gradient\":\"local\",\"split\":\"dirichlet\",\"alpha\":0.5", 0.3, ""));
        c.put("data-lsq-local-adam", data("adam", "least-squares", "\"gradient\":\"local\"", 0.2,
                ",\"adaptive\":{\"beta1\":0.8,\"beta2\":0.9,\"epsilon\":0.01}"));
        return c;
    }

    /** A case on the in-memory dataset {@link #DATA} (3 agents; sigma0: injected Gaussian noise). */
    static String data(String optimizer, String model, String data, double sigma0, String more) {
        return "\"optimizer\":\"" + optimizer + "\",\"agents\":3,\"eta\":0.05,\"objective\":{\"type\":\"" + model
                + "\",\"data\":{\"path\":\"" + DATA + "\"," + data + "}},\"x0\":[0.1],"
                + "\"noise\":{\"type\":\"gaussian\",\"sigma0\":" + sigma0 + "}" + more;
    }

    /** The path of the in-test dataset: 48 rows, 3 features, a binary label (a number for least squares too). */
    static final String DATA = "golden-rows.csv";

    static Dataset dataset() {
        final SplittableRandom r = new SplittableRandom(11);
        final int n = 48, p = 3;
        final double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i * p + j] = r.nextGaussian();
            }
            y[i] = x[i * p] - 0.7 * x[i * p + 2] + 0.8 * r.nextGaussian() > 0 ? 1 : 0;
        }
        return new Dataset(x, y, p);
    }

    static ExperimentConfig config(String body) {
        return config(body, List.of());
    }

    /** A case's config with {@code --set} overrides (the in-test dataset attached when the objective needs it). */
    static ExperimentConfig config(String body, List<String> overrides) {
        String json = BASE + body + "}";
        if (body.contains("\"sde\":")) { // a case's own sde block replaces the base one
            json = json.replace("\"sde\":{\"enabled\":true,\"paths\":40},", "");
        }
        final ExperimentConfig c = ConfigLoader.parse(json, overrides).first();
        return c.objective().dataDefined() ? c.withObjective(c.objective().withData(DataHandle.of(dataset(), DATA)))
                : c;
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
        return sha256(b.toString());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> compute() {
        final List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : cases().entrySet()) {
            final ExperimentConfig cfg = config(e.getValue());
            final List<RoundStats> opt = new Simulation(cfg).run(new LocalAggregator(cfg), null);
            out.add(e.getKey() + " optimizer " + digest(opt));
            if (!cfg.sde().enabled()) {
                continue;
            }
            final List<RoundStats> sde0 = new SdeSimulation(cfg).run();
            final List<RoundStats> sde2 = new SdeSimulation(cfg, 2).run();
            out.add(e.getKey() + " sde " + digest(sde0));
            out.add(e.getKey() + " sde-level2 " + digest(sde2));
        }
        out.addAll(refined());
        return out;
    }

    /**
     * The Δt refinement of a few cases (levels 0, 1, 2 from path blocks of uneven sizes, batch
     * means): the resolved and coarser estimates of the Euler–Maruyama and Talay–Tubaro schemes,
     * and every level's batch means.
     */
    static List<String> refined() {
        final List<String> out = new ArrayList<>();
        final Map<String, String> all = cases();
        for (String name : List.of("dsgd-shared-d1", "dcsgd-agent-omegas-theorem", "dsign-noise-gauss", "adam-full",
                "dsgd-correlation")) {
            final ExperimentConfig cfg = config(all.get(name));
            final List<LevelStats> levels = new ArrayList<>();
            for (int level = 0; level <= 2; level++) {
                final SdeSimulation sim = new SdeSimulation(cfg, level);
                final List<SdeSimulation.Block> blocks = cfg.normalization().couplesRuns()
                        ? List.of(sim.runBlock(0, sim.paths()))
                        : List.of(sim.runBlock(0, 13), sim.runBlock(13, 29), sim.runBlock(29, sim.paths()));
                levels.add(LevelStats.of(level, sim.dt(), SdeSimulation.combine(blocks), blocks, 8));
            }
            final StringBuilder means = new StringBuilder();
            for (LevelStats l : levels) {
                for (double v : l.batchMeans()) {
                    means.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(',');
                }
            }
            out.add(name + " batch-means " + sha256(means.toString()));
            for (SdeScheme scheme : SdeScheme.values()) {
                final Refinement ref = new Refinement(0, 2, scheme);
                levels.forEach(ref::add);
                out.add(name + " resolved-" + scheme.id() + " " + digest(ref.resolved()));
                out.add(name + " coarser-" + scheme.id() + " " + digest(ref.coarser()));
            }
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
