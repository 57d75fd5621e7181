package org.distsde.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.Series;
import org.distsde.spark.CostModel;

/**
 * What a command will run, for {@code --dry-run} and its first lines: the expanded sweep (one row
 * per series: its swept values, optimizer, N, d, runs × rounds, the layout chosen and the SDE
 * integrated) and the {@link CostModel}'s estimated time and driver heap.
 */
record Plan(String verb, String name, List<Row> rows, int cores, double seconds, double heapBytes, List<String> notes) {
    /** One series (or grid point): its estimated seconds; NaN where d is known only once the data is read. */
    record Row(String label, String optimizer, int agents, int d, int runs, int rounds, String layout, String sde,
               double seconds) { }

    /** The cores the estimate assumes: this machine's (a cluster's may differ). */
    static int localCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** A row for a series: layout and SDE as the command runs them, {@code seconds} its estimate. */
    static Row row(Series s, boolean optimizer, String sde, double seconds) {
        final ExperimentConfig c = s.config();
        final String layout = !optimizer ? "-" : c.layout().byRuns(c.normalization()) ? "runs" : "agents";
        return new Row(s.label(), c.optimizer().id(), c.agents(), CostModel.dim(c), c.runs(), c.rounds(), layout, sde, seconds);
    }

    /** How a series' SDE is integrated: at Δt₀ only, or resolved in Δt (Δt₀/2^l up to sde.maxRefinements). */
    static String sde(ExperimentConfig c) {
        final double dt0 = c.sde().dt() != null ? c.sde().dt() : c.eta();
        return String.format(Locale.ROOT, "%s, dt0 %s", c.sde().resolve() ? "resolved in dt (<= " + c.sde().maxRefinements()
                + " halvings)" : "at dt0", g(dt0));
    }

    /** The plan of simulate / integrate: per series its optimizer and SDE (a typical 3 levels when resolved). */
    static Plan of(String verb, ConfigLoader.Experiment exp, boolean optimizer) {
        final int cores = localCores();
        final List<Row> rows = new ArrayList<>();
        double total = 0, heap = 0;
        boolean anySde = false, anyRuns = false;
        for (Series s : exp.series()) {
            final ExperimentConfig c = s.config();
            final boolean sde = !optimizer || c.sde().enabled();
            anySde |= sde;
            anyRuns |= optimizer && c.layout().byRuns(c.normalization());
            final double t = (optimizer ? CostModel.optimizerSeconds(c, cores) : 0)
                    + (sde ? CostModel.sdeSeconds(c, cores, c.sde().resolve() ? CostModel.TYPICAL_LEVELS : 1) : 0);
            rows.add(row(s, optimizer, sde ? sde(c) : "-", t));
            total += t;
            heap = Math.max(heap, CostModel.heapBytes(c));
        }
        total += CostModel.JOB_S * ((anySde ? CostModel.TYPICAL_LEVELS : 0) + (anyRuns ? 1 : 0)); // the sweep's jobs
        return new Plan(verb, exp.first().name(), rows, cores, total, heap, List.of(
                "a resolved SDE counted at " + CostModel.TYPICAL_LEVELS + " levels (dt0, dt0/2, dt0/4); each further "
                        + "level costs as much as all before it"));
    }

    /** The plan of converge: per series the Δt study (every level) and the η study at η/2^i, i &lt; etas. */
    static Plan converge(String verb, ConfigLoader.Experiment exp, int etas) {
        final int cores = localCores();
        final List<Row> rows = new ArrayList<>();
        double total = 0, heap = 0;
        for (Series s : exp.series()) {
            final ExperimentConfig c = s.config();
            double t = CostModel.dtStudySeconds(c, cores);
            for (int i = 0; i < etas; i++) {
                t += CostModel.etaStudySeconds(c, cores, i);
            }
            rows.add(row(s, etas > 0, "dt0/2^l, l <= " + c.sde().maxRefinements(), t));
            total += t;
            heap = Math.max(heap, CostModel.heapBytes(c)); // η/2^i records as often: recordEvery scales too
            total += CostModel.JOB_S * (c.sde().maxRefinements() + 1 + etas * (CostModel.TYPICAL_LEVELS + 1));
        }
        return new Plan(verb, exp.first().name(), rows, cores, total, heap, List.of(
                "the weak error in eta: the optimizer and its resolved SDE at eta/2^i, i < " + etas
                        + ", over the same horizon (2^i times the rounds)"));
    }

    /** The one-line summary printed before Spark starts. */
    String line() {
        final List<String> layouts = new ArrayList<>();
        for (Row r : rows) {
            if (!layouts.contains(r.layout()) && !r.layout().equals("-")) {
                layouts.add(r.layout());
            }
        }
        return String.format(Locale.ROOT, "%s: %d series%s; estimated %s on %d cores, driver heap %s (cost model; "
                + "--dry-run for the plan)", name, rows.size(), layouts.isEmpty() ? "" : ", layout " + String.join(" + ",
                layouts), time(seconds), cores, bytes(heapBytes));
    }

    /** The dry run's text: the expanded sweep and the estimates. */
    String text() {
        final StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s %s: %d series (config valid; every series checked)%n", verb, name,
                rows.size()));
        b.append(String.format(Locale.ROOT, "%-4s %-40s %-9s %9s %6s %13s %-7s %-42s %10s%n", "#", "series",
                "optimizer", "N", "d", "runs x rounds", "layout", "SDE", "estimate"));
        int i = 0;
        for (Row r : rows) {
            final String label = r.label().length() > 40 ? r.label().substring(0, 37) + "..." : r.label();
            b.append(String.format(Locale.ROOT, "%-4d %-40s %-9s %9d %6s %13s %-7s %-42s %10s%n", i++, label,
                    r.optimizer(), r.agents(), r.d() < 0 ? "data" : Integer.toString(r.d()), r.runs() + " x "
                            + r.rounds(), r.layout(), r.sde(), time(r.seconds())));
        }
        b.append(String.format(Locale.ROOT, "estimated: %s on %d cores; driver heap %s (local mode: the executors "
                + "share it)%n", time(seconds), cores, bytes(heapBytes)));
        for (String n : notes) {
            b.append("  ").append(n).append('\n');
        }
        b.append("  cost model: agents layout 0.06 s per round + 8.1 core-ns per agent-step and coordinate (DSignSGD, "
                + "CDF signs; x1-7 by kernel and noise), SDE 25 core-ns per path-step and coordinate; measured on 2 "
                + "cores, +-30% with the load\n");
        return b.toString();
    }

    static String time(double s) {
        if (!Double.isFinite(s)) {
            return "? (data)";
        }
        return s < 1 ? "< 1 s" : s < 120 ? String.format(Locale.ROOT, "%.0f s", s)
                : s < 7200 ? String.format(Locale.ROOT, "%.1f min", s / 60) : String.format(Locale.ROOT, "%.1f h", s / 3600);
    }

    static String bytes(double b) {
        return b < 1e9 ? String.format(Locale.ROOT, "%.0f MB", b / 1e6) : String.format(Locale.ROOT, "%.1f GB", b / 1e9);
    }

    private static String g(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+($|e)", "$1");
    }
}
