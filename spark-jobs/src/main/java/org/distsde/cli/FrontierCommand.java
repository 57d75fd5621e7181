package org.distsde.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.distsde.config.ConfigLoader;
import org.distsde.frontier.FrontierPlan;
import org.distsde.frontier.FrontierProcess;
import org.distsde.io.ResultDir;
import org.distsde.spark.FrontierJob;
import org.distsde.spark.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code frontier}: the measured stability frontier of DSGD / DCSGD without normalization, by
 * bisection over a grid, against the theorems' learning-rate ceilings.
 */
@Command(name = "frontier", sortOptions = false,
        description = {"the stability frontier: per grid point, the largest eta (or sigma1, omega) at which at most "
                + "a fraction p of the runs of unnormalized DSGD / DCSGD diverge, by bisection (one Spark job per "
                + "step for all grid points), against the ceilings of Eq. 1 / 3 / 5"})
final class FrontierCommand extends ConfigVerb {
    @Spec
    CommandSpec spec;

    @Option(names = "--param", paramLabel = "<path>", order = 5, defaultValue = "eta",
            description = "the bisected parameter: eta, noise.sigma1, compression.omega (the largest stable value) or "
                    + "normalization.power (the smallest degree of grad-norm normalization that keeps the runs stable) "
                    + "(default ${DEFAULT-VALUE})")
    String param;

    @Option(names = "--grid", paramLabel = "<path=v1,v2,...>", order = 6,
            description = "a grid axis (repeatable; the grid is their product, replacing or adding to the config's "
                    + "sweep), e.g. --grid agents=1,10,100")
    List<String> grid = new ArrayList<>();

    @Option(names = "--lo", paramLabel = "<x>", order = 7,
            description = "lower end of the bisection bracket (default: the config's value / 1000; for "
                    + "normalization.power 0)")
    Double lo;

    @Option(names = "--hi", paramLabel = "<x>", order = 8,
            description = "upper end of the bisection bracket (default: the config's value * 1000; for "
                    + "normalization.power 1)")
    Double hi;

    @Option(names = "--steps", paramLabel = "B", order = 9, defaultValue = "12",
            description = "bisection steps on a log scale, one Spark job each (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--max-diverged-fraction", paramLabel = "p", order = 10, defaultValue = "0.05",
            description = "largest fraction of diverged runs counted as stable (default ${DEFAULT-VALUE})")
    double maxDiverged;

    @Option(names = "--sde", paramLabel = "<model>[:<k>]", order = 11,
            description = "also bisect this SDE model (full, modified, curvature) integrated with dt = eta/k "
                    + "(default k 1; repeatable), under the same divergence rule, e.g. --sde curvature:16")
    List<String> sdes = new ArrayList<>();

    @Override
    protected int run() throws Exception {
        if (!FrontierPlan.PARAMS.contains(param)) {
            throw usage("--param must be one of " + String.join(", ", FrontierPlan.PARAMS) + " (got '" + param + "')");
        }
        range("--steps", steps, 1, 60);
        if (!(maxDiverged >= 0 && maxDiverged < 1)) {
            throw usage("--max-diverged-fraction must be in [0, 1) (got " + maxDiverged + ")");
        }
        if (lo != null && !(param.equals(FrontierPlan.POWER) ? lo >= 0 && Double.isFinite(lo) : lo > 0 && Double.isFinite(lo))) {
            throw usage("--lo must be > 0 (the bisection is on a log scale; got " + lo + ")");
        }
        if (hi != null && !(hi > 0 && Double.isFinite(hi))) {
            throw usage("--hi must be > 0 and finite (got " + hi + ")");
        }
        if (lo != null && hi != null && !(lo < hi)) {
            throw usage("--lo must be below --hi (got --lo " + lo + ", --hi " + hi + ")");
        }
        final List<FrontierPlan.Axis> axes = axes();
        final ConfigLoader.Experiment exp = prepare(Preflight.Needs.OPTIMIZER);
        if (exp.first().objective().dataDefined()) {
            throw usage("frontier needs a closed-form objective (its ceilings need (L0, L1)); objective.type is "
                    + exp.first().objective().type());
        }
        final FrontierPlan plan = FrontierPlan.of(exp.tree(), axes, param);
        final List<FrontierProcess> procs = new ArrayList<>(List.of(FrontierProcess.OPTIMIZER));
        for (String t : sdes) {
            final FrontierProcess p = FrontierProcess.parse(t);
            if (p.optimizer() || procs.contains(p)) {
                throw usage("--sde " + t + ": " + (p.optimizer() ? "the optimizer is always bisected" : "given twice"));
            }
            procs.add(p);
        }
        final FrontierJob.Options opt = FrontierJob.options(plan, lo, hi, steps, maxDiverged, procs);
        final double[] jobs = new double[steps + 1];
        final Plan p = plan(plan, jobs);
        if (planned(p, overwrite)) {
            return 0;
        }
        return withSpark("distsde-frontier-" + exp.first().name(), s -> {
            try (ResultDir dir = ResultDir.open(out, overwrite, s.sparkContext().hadoopConfiguration())) {
                final long t0 = System.nanoTime();
                final FrontierJob.Report report;
                final Progress progress = new Progress("[" + exp.first().name() + "]", p.seconds());
                try (Progress.Watch w = progress.watch(s.sparkContext(), "frontier (" + (steps + 1) + " jobs at most)",
                        jobs)) {
                    report = FrontierJob.run(s, plan, opt, dir);
                }
                out().print(FrontierJob.render(report));
                out().printf("wrote %s (%.1f s)%n", dir.target(), (System.nanoTime() - t0) / 1e9);
            }
            return 0;
        });
    }

    /**
     * One row per grid point (its probes run in the runs layout); {@code jobs}: the planned seconds of
     * the first job (both ends of every bracket) and of each bisection step (one probe per point).
     */
    private Plan plan(FrontierPlan plan, double[] jobs) {
        final int cores = Plan.localCores();
        final List<Plan.Row> rows = new ArrayList<>();
        double probe = 0, heap = 0;
        for (FrontierPlan.Point pt : plan.points()) {
            final var c = pt.config();
            final double t = org.distsde.spark.CostModel.optimizerSeconds(c, cores, true);
            probe += t;
            rows.add(new Plan.Row(pt.label(), c.optimizer().id(), c.agents(), org.distsde.spark.CostModel.dim(c), c.runs(),
                    c.rounds(), "runs", "-", t * (steps + 2)));
            heap = Math.max(heap, org.distsde.spark.CostModel.heapBytes(c));
        }
        java.util.Arrays.fill(jobs, probe);
        jobs[0] = 2 * probe;
        return new Plan(name(), plan.points().get(0).config().name(), rows, cores, probe * (steps + 2), heap, List.of(
                "bisection of " + param + ": 1 + " + steps + " Spark jobs, each probe a series of the runs layout"));
    }

    /** The --grid options as axes; values are JSON when they parse (numbers), else strings. */
    private List<FrontierPlan.Axis> axes() {
        final List<FrontierPlan.Axis> axes = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (String g : grid) {
            final int eq = g.indexOf('=');
            final String path = eq < 0 ? "" : g.substring(0, eq).trim();
            if (eq <= 0 || path.isEmpty() || g.substring(eq + 1).isBlank()) {
                throw usage("--grid expects path=v1,v2,... (got '" + g + "')");
            }
            if (!seen.add(path)) {
                throw usage("--grid " + path + " is given twice");
            }
            final List<JsonNode> vs = new ArrayList<>();
            for (String v : g.substring(eq + 1).split(",")) {
                final String t = v.trim();
                if (t.isEmpty()) {
                    throw usage("--grid " + path + ": empty value in '" + g.substring(eq + 1) + "'");
                }
                JsonNode n;
                try {
                    n = ConfigLoader.mapper().readTree(t);
                } catch (JsonProcessingException e) {
                    n = null;
                }
                vs.add(n == null || n.isMissingNode() ? TextNode.valueOf(t) : n);
            }
            axes.add(new FrontierPlan.Axis(path, vs));
        }
        return axes;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
