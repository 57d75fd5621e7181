package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed or impossible configs and command lines: each gives exit status 2, one line on stderr
 * naming the field, and writes nothing.
 */
class BadInputTableTest extends SparkTestBase {
    static Path dir;
    static Path cfg;

    static final String BASE = """
            {"name": "bad", "runs": 4, "rounds": 3, "optimizer": "dsgd", "agents": 10, "eta": 0.01,
             "objective": {"type": "quartic", "dim": 1}, "x0": [1.0],
             "noise": {"type": "gaussian", "sigma0": 0.0, "sigma1": 1.0}}
            """;

    @BeforeAll
    static void files() throws Exception {
        dir = Files.createTempDirectory("distsde-bad");
        cfg = dir.resolve("base.json");
        Files.writeString(cfg, BASE);
        Files.writeString(dir.resolve("malformed.json"), "{\"name\": \"x\", \"runs\": ");
        Files.writeString(dir.resolve("array.json"), "[1, 2, 3]");
        Files.writeString(dir.resolve("trailing.json"), BASE + " {}");
        Files.createDirectories(dir.resolve("occupied"));
        Files.writeString(dir.resolve("occupied/keep.txt"), "mine");
        Files.writeString(dir.resolve("afile"), "x");
    }

    static Arguments set(String override, String field) {
        return Arguments.of(List.of("--set", override), field);
    }

    static Stream<Arguments> cases() {
        final String dcsgd = "optimizer=dcsgd";
        return Stream.of(
                // noise
                set("noise.sigma1=-1", "noise.sigma1"), set("noise.sigma0=-0.5", "noise.sigma0"),
                set("noise.sigma0=NaN", "noise.sigma0"), set("noise.sigma1=\"NaN\"", "noise.sigma1"),
                set("noise.sigma1=\"Infinity\"", "noise.sigma1"), set("noise.sigma1=[1,2,3]", "noise.sigma1"),
                set("noise.sigma1=\"abc\"", "noise.sigma1"), set("noise.type=laplace", "noise.type"),
                set("noise.agentFactors=[1,2]", "noise.agentFactors"), set("noise.agentSpread=[1]", "noise.agentSpread"),
                set("noise.agentSpread=[-1,2]", "noise.agentSpread"), set("noise.sigmaa=1", "noise.sigmaa"),
                set("noise={\"type\":\"student-t\",\"nu\":0,\"sigma\":1}", "noise.nu"),
                set("noise={\"type\":\"student-t\",\"nu\":-1,\"sigma\":1}", "noise.nu"),
                set("noise={\"type\":\"student-t\",\"nu\":\"NaN\",\"sigma\":1}", "noise.nu"),
                set("noise={\"type\":\"student-t\",\"nu\":1,\"sigma\":-1}", "noise.sigma"),
                set("noise={\"type\":\"student-t\",\"nu\":1}", "noise.sigma"),
                set("noise={\"type\":\"student-t\",\"nu\":1,\"sigma\":1,\"sigma0\":1}", "noise.sigma0"),
                set("noise={\"type\":\"stable\",\"alpha\":0,\"sigma\":1}", "noise.alpha"),
                set("noise={\"type\":\"stable\",\"alpha\":2.5,\"sigma\":1}", "noise.alpha"),
                set("noise={\"type\":\"stable\",\"alpha\":\"NaN\",\"sigma\":1}", "noise.alpha"),
                set("noise={\"type\":\"stable\",\"sigma\":1}", "noise.alpha"),
                set("noise={\"type\":\"stable\",\"alpha\":1.5}", "noise.sigma"),
                set("noise={\"type\":\"stable\",\"agentAlphas\":[1.5,2],\"sigma\":1}", "noise.agentAlphas"),
                set("noise={\"type\":\"stable\",\"agentAlphas\":[1,1,1,1,1,1,1,1,1,3],\"sigma\":1}",
                        "noise.agentAlphas[9]"),
                set("noise={\"type\":\"student-t\",\"agentNus\":[1,2,3],\"sigma\":1}", "noise.agentNus"),
                // full-covariance noise (noise.correlation, noise.lowRank); the base config has d = 1
                set("noise.correlation=[[1,0],[0,1]]", "noise.correlation"), // 2 x 2, d = 1
                set("noise.correlation=[[1,0],[0]]", "noise.correlation"), // not square
                set("noise.correlation=[[NaN]]", "noise.correlation[0][0]"),
                Arguments.of(List.of("--set", "objective.dim=2", "--set", "noise.correlation=[[1,0.5],[0.4,1]]"),
                        "noise.correlation"), // not symmetric
                Arguments.of(List.of("--set", "objective.dim=2", "--set", "noise.correlation=[[1,2],[2,1]]"),
                        "noise.correlation"), // not positive definite
                Arguments.of(List.of("--set", "objective.dim=2", "--set", "noise.sigma0=[1,2]", "--set",
                        "noise.correlation=[[1,0],[0,1]]"), "noise.sigma0"),
                set("noise.lowRank={\"diag\":[-1],\"u\":[[1]]}", "noise.lowRank.diag[0]"),
                set("noise.lowRank={\"diag\":[1,1],\"u\":[[1],[1]]}", "noise.lowRank.diag"), // d = 1
                set("noise.lowRank={\"diag\":[1]}", "noise.lowRank.u"),
                Arguments.of(List.of("--set", "noise.correlation=[[1]]", "--set", "noise.lowRank={\"diag\":[1],\"u\":[[1]]}"),
                        "noise.lowRank"),
                set("noise={\"type\":\"student-t\",\"nu\":3,\"sigma\":1,\"correlation\":[[1]]}", "noise.correlation"),
                Arguments.of(List.of("--set", "optimizer=dsignsgd", "--set", "signSampling=cdf", "--set",
                        "noise.correlation=[[1]]"), "signSampling"),
                Arguments.of(List.of("--set", "optimizer=dsignsgd", "--set", "sde.model=phase3", "--set",
                        "noise.lowRank={\"diag\":[1],\"u\":[[1]]}"), "sde.model"),
                Arguments.of(List.of("--set", "optimizer=adamw", "--set", "noise.correlation=[[1]]"), "noise.correlation"),
                // sizes
                set("runs=0", "runs"), set("runs=-5", "runs"), set("runs=1.5", "runs"), set("rounds=0", "rounds"),
                set("recordEvery=0", "recordEvery"), set("agents=0", "agents"), set("agents=\"ten\"", "agents"),
                // scalars
                set("eta=0", "eta"), set("eta=-1", "eta"), set("eta=NaN", "eta"), set("seed=\"x\"", "seed"),
                set("optimizer=lion", "optimizer"), set("optimizer=null", "optimizer"), set("name=\"\"", "name"),
                set("name=null", "name"), set("divergenceThreshold=0", "divergenceThreshold"),
                set("signSampling=magic", "signSampling"), set("bogus=1", "bogus"),
                // x0 and objective
                set("x0=[]", "x0"), set("x0=[\"NaN\"]", "x0"), set("x0=[1,2]", "x0"), set("x0=\"a\"", "x0"),
                set("objective.type=rosenbrock", "objective.type"), set("objective.dim=0", "objective.dim"),
                set("objective={\"type\":\"quadratic\",\"h\":[-1]}", "objective.h"),
                set("objective={\"type\":\"quadratic\"}", "objective.h"),
                // compression
                set("compression={\"type\":\"random-sparsification\",\"p\":0.5}", "compression"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"random-sparsification\",\"p\":0}"), "compression.p"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"random-sparsification\",\"p\":1.5}"), "compression.p"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"random-sparsification\",\"p\":\"NaN\"}"), "compression.p"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"random-sparsification\",\"omega\":-1}"), "compression.omega"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"random-sparsification\",\"p\":0.5,\"omega\":1}"), "compression"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"random-sparsification\",\"agentOmegas\":[1]}"), "compression.agentOmegas"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"random-sparsification\",\"p\":\"0.5\"}"), "compression.p"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"rand-kk\"}"), "compression.type"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"none\",\"p\":0.5}"), "compression.p"),
                // a biased compressor where the theorem or the SDE needs an unbiased one (Theorems 5-6, Eq. 27-28)
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"scaled-sign\"}"), "compression"),
                Arguments.of(List.of("--set", "optimizer=adam", "--set", "compression={\"type\":\"scaled-sign\"}",
                        "--set", "sde.enabled=true"), "compression"),
                // error feedback combined with what it does not define
                Arguments.of(List.of("--set", "optimizer=ef-sgd", "--set", "compression={\"type\":\"random-sparsification\","
                        + "\"p\":0.3}"), "compression"), // not contractive: the residuals grow
                Arguments.of(List.of("--set", "optimizer=ef-sgd", "--set", "adaptive={\"beta1\":0.9}"), "adaptive"),
                Arguments.of(List.of("--set", "optimizer=ef-sgd", "--set", "signSampling=cdf"), "signSampling"),
                Arguments.of(List.of("--set", "optimizer=ef-sgd", "--set", "sde.enabled=true"), "sde.enabled"),
                Arguments.of(List.of("--set", "optimizer=ef-sgd", "--set", "sde.model=phase3"), "sde.model"),
                Arguments.of(List.of("--set", "optimizer=ef-sgd", "--set", "normalization={\"type\":\"theorem\"}"),
                        "normalization.type"),
                // agents' memory over the budget of a task (runs x agents x d x 8 bytes), in either layout
                Arguments.of(List.of("--set", "optimizer=ef-sgd", "--set", "runs=1000000000", "--set", "layout.mode=agents"),
                        "layout.partitions"),
                Arguments.of(List.of("--set", "optimizer=ef-sgd", "--set", "runs=1000000000", "--set", "layout.mode=runs"),
                        "layout.runBlocks"),
                // the compressor family: k outside [1, d] (the base config has d = 1), s < 1, fractions
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"rand-k\",\"k\":0}"), "compression.k"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"rand-k\",\"k\":2}"), "compression.k"),
                Arguments.of(List.of("--set", "optimizer=ef21", "--set", "compression={\"type\":\"top-k\",\"k\":2}"),
                        "compression.k"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"rand-k\",\"k\":0.5}"), "compression.k"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"qsgd\",\"s\":0}"), "compression.s"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"rand-k-natural\"}"), "compression.k"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"agents\":[{\"type\":\"qsgd\",\"s\":1},"
                        + "{\"type\":\"qsgd\",\"s\":-2}]}"), "compression.agents[1].s"),
                // biased compressors where DCSGD, DIANA or an SDE need unbiased ones
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"top-k\",\"k\":1}"), "compression"),
                Arguments.of(List.of("--set", "optimizer=diana", "--set", "compression={\"type\":\"top-k\",\"k\":1}"),
                        "compression"),
                Arguments.of(List.of("--set", "optimizer=ef21", "--set", "compression={\"type\":\"top-k\",\"k\":1}",
                        "--set", "sde.enabled=true"), "compression"),
                Arguments.of(List.of("--set", "optimizer=diana", "--set", "compression={\"type\":\"qsgd\",\"s\":1}",
                        "--set", "sde.enabled=true"), "compression"), // unbiased, but no Gaussian model
                // EF21 and DIANA with settings they do not define
                Arguments.of(List.of("--set", "optimizer=ef21", "--set", "compression={\"type\":\"random-sparsification\","
                        + "\"p\":0.4}"), "compression"), // omega = 1.5: not contractive
                Arguments.of(List.of("--set", "optimizer=ef21", "--set", "compression={\"type\":\"top-k\",\"k\":1,"
                        + "\"shiftRate\":0.5}"), "compression.shiftRate"),
                Arguments.of(List.of("--set", dcsgd, "--set", "compression={\"type\":\"rand-k\",\"k\":1,"
                        + "\"shiftRate\":0.5}"), "compression.shiftRate"),
                Arguments.of(List.of("--set", "optimizer=diana", "--set", "compression={\"type\":\"rand-k\",\"k\":1,"
                        + "\"shiftRate\":1.5}"), "compression.shiftRate"),
                Arguments.of(List.of("--set", "optimizer=diana", "--set", "adaptive={\"beta1\":0.9}"), "adaptive"),
                Arguments.of(List.of("--set", "optimizer=ef21", "--set", "signSampling=cdf"), "signSampling"),
                Arguments.of(List.of("--set", "optimizer=ef21", "--set", "sde.model=phase3"), "sde.model"),
                Arguments.of(List.of("--set", "optimizer=diana", "--set", "normalization={\"type\":\"theorem\"}"),
                        "normalization.type"),
                Arguments.of(List.of("--set", "optimizer=ef21", "--set", "objective.dim=2", "--set",
                        "noise.correlation=[[1,0.5],[0.5,1]]", "--set", "sde.enabled=true"), "noise.correlation"),
                // their shifts over the memory budget, in either layout
                Arguments.of(List.of("--set", "optimizer=ef21", "--set", "runs=1000000000", "--set", "layout.mode=agents"),
                        "layout.partitions"),
                Arguments.of(List.of("--set", "optimizer=diana", "--set", "runs=1000000000", "--set", "layout.mode=runs"),
                        "layout.runBlocks"),
                // strict types
                set("noise.sigma1=\"1.0\"", "noise.sigma1"), set("sde.enabled=\"true\"", "sde.enabled"),
                // schedule, normalization, layout, sde
                set("schedule.type=cosine", "schedule.type"), set("schedule={\"type\":\"power\"}", "schedule.theta"),
                set("schedule={\"type\":\"power\",\"theta\":-1}", "schedule.theta"),
                set("normalization.type=clip", "normalization.type"),
                set("normalization={\"type\":\"theorem\",\"epsilon\":1}", "normalization.epsilon"),
                set("normalization={\"type\":\"theorem\",\"epsilon\":0}", "normalization.epsilon"),
                set("normalization={\"type\":\"grad-norm\",\"floor\":-1}", "normalization.floor"),
                Arguments.of(List.of("--set", "optimizer=dsignsgd", "--set", "normalization={\"type\":\"theorem\"}"), "normalization.type"),
                Arguments.of(List.of("--set", "layout.mode=runs", "--set", "normalization={\"type\":\"theorem\"}"), "layout.mode"),
                set("layout.mode=grid", "layout.mode"), set("layout.blocks=0", "layout.blocks"),
                set("layout.partitions=0", "layout.partitions"), set("layout.engine=gpu", "layout.engine"), set("sde.dt=0", "sde.dt"), set("sde.paths=0", "sde.paths"),
                // the adaptive optimizers' settings (seed 000, Eq. 11)
                Arguments.of(List.of("--set", "optimizer=adamw", "--set", "adaptive={\"beta1\":1.0}"), "adaptive.beta1"),
                Arguments.of(List.of("--set", "optimizer=adamw", "--set", "adaptive={\"beta2\":-0.1}"), "adaptive.beta2"),
                Arguments.of(List.of("--set", "optimizer=adam", "--set", "adaptive={\"beta2\":\"NaN\"}"), "adaptive.beta2"),
                Arguments.of(List.of("--set", "optimizer=adamw", "--set", "adaptive={\"epsilon\":0}"), "adaptive.epsilon"),
                Arguments.of(List.of("--set", "optimizer=rmspropw", "--set", "adaptive={\"theta\":-1}"), "adaptive.theta"),
                Arguments.of(List.of("--set", "optimizer=adamw", "--set", "sde.model=phase3"), "sde.model"),
                Arguments.of(List.of("--set", "optimizer=adamw", "--set", "normalization={\"type\":\"grad-norm\"}"), "normalization"),
                set("sde.model=malladi", "sde.model"), set("adaptive={\"beta1\":0.9}", "adaptive"),
                set("sde.model=phase2", "sde.model"), set("sde.model=phase3", "sde.model"), // dsgd has no phases
                set("sde.scheme=milstein", "sde.scheme"), set("sde.tolerance=0", "sde.tolerance"),
                set("sde.tolerance=-0.1", "sde.tolerance"), set("sde.tolerance=\"NaN\"", "sde.tolerance"),
                set("sde.maxRefinements=0", "sde.maxRefinements"), set("sde.maxRefinements=13", "sde.maxRefinements"),
                set("sde.resolve=3", "sde.resolve"), Arguments.of(List.of("--etas", "2"), "--etas"),
                set("recordCoordinates=2", "recordCoordinates"), set("recordCoordinates=-1", "recordCoordinates"),
                // sweeps and --set syntax
                set("sweep=[1,2]", "sweep"), set("sweep={\"eta\": []}", "sweep.eta"), set("sweep={\"eta\": 5}", "sweep.eta"),
                set("sweep={\"eta\": [0.1, -1]}", "eta"), set("noise.sigma1", "--set"), set("=5", "--set"),
                // command line and files
                Arguments.of(List.of("--frobnicate"), "--frobnicate"), Arguments.of(List.of("--checkpoint-every", "-1"), "--checkpoint-every"),
                Arguments.of(List.of("--checkpoint-every", "x"), "--checkpoint-every"), Arguments.of(List.of("--set"), "--set"));
    }

    static Stream<Arguments> commandLines() {
        return Stream.of(
                Arguments.of(List.of("simulate", "--out", "O"), "--config"),
                Arguments.of(List.of("simulate", "--config", "C"), "--out"),
                Arguments.of(List.of("frobnicate", "--config", "C", "--out", "O"), "frobnicate"),
                Arguments.of(List.of(), "command"),
                Arguments.of(List.of("simulate", "--config", "MISSING", "--out", "O"), "not found"),
                Arguments.of(List.of("simulate", "--config", "MALFORMED", "--out", "O"), "malformed"),
                Arguments.of(List.of("simulate", "--config", "ARRAY", "--out", "O"), "object"),
                Arguments.of(List.of("simulate", "--config", "TRAILING", "--out", "O"), "malformed"),
                Arguments.of(List.of("simulate", "--config", "C", "--out", "OCCUPIED"), "--overwrite"),
                Arguments.of(List.of("simulate", "--config", "C", "--out", "UNDERFILE"), "--out"),
                Arguments.of(List.of("report", "--in", "MISSING", "--out", "O"), "--in"),
                Arguments.of(List.of("bench", "--reps", "0"), "--reps"));
    }

    static void check(List<String> args, String field, Path out) {
        final Cli r = cli(args.toArray(new String[0]));
        assertEquals(2, r.code(), "exit status for " + args + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line for " + args + ": " + r.err());
        assertTrue(r.err().contains(field), "message must name '" + field + "': " + r.err());
        assertFalse(Files.exists(out), "nothing may be written for " + args);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void badConfigValues(List<String> extra, String field) {
        final Path out = dir.resolve("out-" + Math.abs(extra.hashCode()));
        final List<String> args = new ArrayList<>(List.of("simulate", "--config", cfg.toString(), "--out", out.toString()));
        args.addAll(extra);
        check(args, field, out);
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void badCommandLines(List<String> template, String field) throws Exception {
        final Path out = dir.resolve("cl-out-" + Math.abs(template.hashCode()));
        final List<String> args = new ArrayList<>();
        for (String t : template) {
            args.add(switch (t) {
                case "C" -> cfg.toString();
                case "O" -> out.toString();
                case "MISSING" -> dir.resolve("missing.json").toString();
                case "MALFORMED" -> dir.resolve("malformed.json").toString();
                case "ARRAY" -> dir.resolve("array.json").toString();
                case "TRAILING" -> dir.resolve("trailing.json").toString();
                case "OCCUPIED" -> dir.resolve("occupied").toString();
                case "UNDERFILE" -> dir.resolve("afile").resolve("sub").toString();
                default -> t;
            });
        }
        check(args, field, out);
        assertEquals("mine", Files.readString(dir.resolve("occupied/keep.txt")));
    }
}
