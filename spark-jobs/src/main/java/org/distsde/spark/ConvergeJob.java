package org.distsde.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.Series;
import org.distsde.io.ResultDir;
import org.distsde.sde.refine.LevelStats;
import org.distsde.sde.refine.Refinement;
import org.distsde.sde.refine.Statistic;
import org.distsde.sde.refine.WeakOrderFit;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Aggregator;
import org.distsde.sim.Simulation;

/**
 * {@code converge}: the Δt convergence study of every series' SDE and the optimizer-vs-SDE weak
 * error as a function of η.
 *
 * <p>(1) Every series' SDE is integrated at Δt₀, Δt₀/2, …, Δt₀/2^M (M = {@code sde.maxRefinements})
 * with coupled Brownian paths; for each level and each {@link Statistic} at the final time the table
 * gives the value, its difference to the finest level, the difference D_ℓ to the next level with its
 * batch-means standard error, and the weak order fitted on the D_ℓ ({@link WeakOrderFit}, 95%
 * interval). (2) With {@code etas} = K &gt; 0, the optimizer and its Δt-resolved SDE (its Richardson value)
 * are run at η,
 * η/2, …, η/2^{K−1} over the same horizon T = K·η (rounds and recordEvery scaled), and the weak error
 * |E f(x_K) − E f(X_T)| with its standard error is fitted against η: the papers claim weak order 1.
 */
public final class ConvergeJob {
    private ConvergeJob() { }

    /** One row of the Δt table. */
    public record DtRow(int series, String label, int level, double dt, String statistic, double value,
                        double errorVsFinest, double diffToNext, double diffSe, double order, double orderLo,
                        double orderHi) { }

    /** One row of the η table. */
    public record EtaRow(int series, String label, double eta, int rounds, double optimizerLoss, double optimizerSe,
                         double sdeLoss, double sdeSe, double sdeDt, double weakError, double weakErrorSe,
                         double order, double orderLo, double orderHi) { }

    /** The study's tables. */
    public record Study(List<DtRow> dt, List<EtaRow> eta) { }

    public static Study run(SparkSession spark, ConfigLoader.Experiment exp, ResultDir out, int etas)
            throws IOException {
        final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        final List<ExperimentConfig> cfgs = new ArrayList<>();
        for (Series s : exp.series()) {
            cfgs.add(s.config());
        }
        final int cores = jsc.defaultParallelism();
        double total = 0;
        final int levels = cfgs.stream().mapToInt(c -> c.sde().maxRefinements() + 1).max().orElse(1);
        final double[] dtWork = new double[levels];
        for (ExperimentConfig c : cfgs) {
            total += CostModel.dtStudySeconds(c, cores);
            for (int l = 0; l <= c.sde().maxRefinements(); l++) {
                dtWork[l] += (1L << l) * CostModel.sdeSeconds(c, cores, 1);
            }
            total += CostModel.JOB_S * (c.sde().maxRefinements() + 1 + etas * (CostModel.TYPICAL_LEVELS + 1));
            for (int i = 0; i < etas; i++) {
                total += CostModel.etaStudySeconds(c, cores, i);
            }
        }
        for (int l = 0; l < levels; l++) {
            dtWork[l] += CostModel.JOB_S;
        }
        final Progress progress = new Progress("[" + exp.first().name() + "]", total);
        final List<RefineJob.Result> res;
        try (Progress.Watch w = progress.watch(spark.sparkContext(), "dt study (" + cfgs.size() + " series, one job "
                + "per level)", dtWork)) {
            res = RefineJob.runAll(jsc, cfgs, true);
        }
        final List<DtRow> dtRows = new ArrayList<>();
        for (int s = 0; s < cfgs.size(); s++) {
            dtRows.addAll(dtTable(s, exp.series().get(s).label(), res.get(s).refinement()));
        }
        final List<EtaRow> etaRows = new ArrayList<>();
        if (etas > 0) {
            etaRows.addAll(etaStudy(jsc, exp, etas, progress));
        }
        final Study st = new Study(dtRows, etaRows);
        out.writeString("converge-dt.csv", dtCsv(dtRows));
        out.writeString("converge-eta.csv", etaCsv(etaRows));
        out.writeString("converge.txt", render(st));
        out.writeString("summary.json", ConfigLoader.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                java.util.Map.of("name", exp.first().name(), "config", exp.tree(), "converge", st)));
        out.commit();
        return st;
    }

    static List<DtRow> dtTable(int s, String label, Refinement ref) {
        final List<DtRow> rows = new ArrayList<>();
        final List<LevelStats> lv = ref.levels();
        final int last = lv.get(0).rows().size() - 1;
        final int m = lv.size() - 1;
        for (Statistic st : Statistic.values()) {
            final WeakOrderFit fit = ref.order(st, last);
            final double finest = st.of(lv.get(m).rows().get(last));
            for (int l = 0; l <= m; l++) {
                final double v = st.of(lv.get(l).rows().get(last));
                final double next = l < m ? v - st.of(lv.get(l + 1).rows().get(last)) : Double.NaN;
                final double se = l < m ? Refinement.differenceSe(lv.get(l), lv.get(l + 1), last, st) : Double.NaN;
                rows.add(new DtRow(s, label, l, lv.get(l).dt(), st.column(), v, v - finest, next, se, fit.order(),
                        fit.lo(), fit.hi()));
            }
        }
        return rows;
    }

    /** The optimizer and its resolved SDE at η/2^i, i &lt; k, over the same horizon. */
    static List<EtaRow> etaStudy(JavaSparkContext jsc, ConfigLoader.Experiment exp, int k, Progress progress) {
        final List<List<ExperimentConfig>> byEta = new ArrayList<>();
        final ExperimentConfig first = exp.first();
        for (int i = 0; i < k; i++) {
            final long f = 1L << i;
            final List<String> sets = new ArrayList<>();
            sets.add("eta=" + first.eta() / f);
            sets.add("rounds=" + (long) first.rounds() * f);
            sets.add("recordEvery=" + (long) first.recordEvery() * f);
            if (first.sde().dt() != null) {
                sets.add("sde.dt=" + first.sde().dt() / f);
            }
            final ConfigLoader.Experiment e = DataResolver.reattach(exp, ConfigLoader.parse(exp.tree().toString(), sets));
            final List<ExperimentConfig> cs = new ArrayList<>();
            for (Series s : e.series()) {
                cs.add(s.config());
            }
            byEta.add(cs);
        }
        final int n = byEta.get(0).size();
        final double[][] opt = new double[k][n], optSe = new double[k][n], sde = new double[k][n], sdeSe = new double[k][n];
        final double[][] dts = new double[k][n];
        final int cores = jsc.defaultParallelism();
        for (int i = 0; i < k; i++) {
            final List<ExperimentConfig> cs = byEta.get(i);
            // planned work of this eta: the resolved SDE's typical levels, then the optimizers
            final double[] work = new double[CostModel.TYPICAL_LEVELS + 1];
            java.util.Arrays.fill(work, CostModel.JOB_S);
            for (ExperimentConfig c : byEta.get(0)) {
                for (int l = 0; l < CostModel.TYPICAL_LEVELS; l++) {
                    work[l] += (1L << (i + l)) * CostModel.sdeSeconds(c, cores, 1);
                }
                work[CostModel.TYPICAL_LEVELS] += (1L << i) * CostModel.optimizerSeconds(c, cores);
            }
            try (Progress.Watch w = progress.watch(jsc.sc(), "weak error at eta/" + (1L << i) + " (" + n + " series)",
                    work)) {
                final List<RefineJob.Result> sdes = RefineJob.runAll(jsc, cs, false);
                for (int s = 0; s < n; s++) {
                    final RoundStats o = last(optimizer(jsc, cs.get(s)));
                    opt[i][s] = o.loss().mean();
                    optSe[i][s] = o.runs() > 1 ? o.loss().std() / Math.sqrt(o.runs()) : Double.NaN;
                    // the SDE side: the Richardson value of the resolved levels (its own Δt error is then
                    // of second order, below the optimizer's O(η) error)
                    final Refinement ref = sdes.get(s).refinement();
                    final RoundStats fine = last(ref.levels().get(ref.levels().size() - 1).rows());
                    final double rich = ref.summary().richardson();
                    sde[i][s] = Double.isFinite(rich) ? rich : fine.loss().mean();
                    sdeSe[i][s] = fine.runs() > 1 ? fine.loss().std() / Math.sqrt(fine.runs()) : Double.NaN;
                    dts[i][s] = sdes.get(s).refinement().finestDt();
                }
            }
        }
        final List<EtaRow> rows = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            final double[] eta = new double[k], err = new double[k], se = new double[k];
            for (int i = 0; i < k; i++) {
                eta[i] = byEta.get(i).get(s).eta();
                err[i] = opt[i][s] - sde[i][s];
                se[i] = Math.hypot(optSe[i][s], sdeSe[i][s]);
            }
            final WeakOrderFit fit = WeakOrderFit.of(eta, err, se);
            for (int i = 0; i < k; i++) {
                rows.add(new EtaRow(s, exp.series().get(s).label(), eta[i], byEta.get(i).get(s).rounds(), opt[i][s],
                        optSe[i][s], sde[i][s], sdeSe[i][s], dts[i][s], Math.abs(err[i]), se[i], fit.order(), fit.lo(),
                        fit.hi()));
            }
        }
        return rows;
    }

    private static RoundStats last(List<RoundStats> rows) {
        return rows.get(rows.size() - 1);
    }

    private static List<RoundStats> optimizer(JavaSparkContext jsc, ExperimentConfig c) {
        if (c.layout().byRuns(c.normalization())) {
            return RunParallel.run(jsc, c);
        }
        try (Aggregator agg = new SparkAggregator(jsc, c)) {
            return new Simulation(c).run(agg, null);
        }
    }

    static String dtCsv(List<DtRow> rows) {
        final StringBuilder b = new StringBuilder("series,label,level,dt,statistic,value,error_vs_finest,diff_to_next,"
                + "diff_se,order,order_lo,order_hi\n");
        for (DtRow r : rows) {
            b.append(r.series()).append(',').append(csv(r.label())).append(',').append(r.level()).append(',')
                    .append(num(r.dt())).append(',').append(r.statistic()).append(',').append(num(r.value())).append(',')
                    .append(num(r.errorVsFinest())).append(',').append(num(r.diffToNext())).append(',')
                    .append(num(r.diffSe())).append(',').append(num(r.order())).append(',').append(num(r.orderLo()))
                    .append(',').append(num(r.orderHi())).append('\n');
        }
        return b.toString();
    }

    static String etaCsv(List<EtaRow> rows) {
        final StringBuilder b = new StringBuilder("series,label,eta,rounds,optimizer_loss,optimizer_se,sde_loss,sde_se,"
                + "sde_dt,weak_error,weak_error_se,order,order_lo,order_hi\n");
        for (EtaRow r : rows) {
            b.append(r.series()).append(',').append(csv(r.label())).append(',').append(num(r.eta())).append(',')
                    .append(r.rounds()).append(',').append(num(r.optimizerLoss())).append(',')
                    .append(num(r.optimizerSe())).append(',').append(num(r.sdeLoss())).append(',')
                    .append(num(r.sdeSe())).append(',').append(num(r.sdeDt())).append(',').append(num(r.weakError()))
                    .append(',').append(num(r.weakErrorSe())).append(',').append(num(r.order())).append(',')
                    .append(num(r.orderLo())).append(',').append(num(r.orderHi())).append('\n');
        }
        return b.toString();
    }

    /** The tables as text: per series, final loss mean per level, then the η study. */
    public static String render(Study st) {
        final StringBuilder b = new StringBuilder();
        int cur = -1;
        for (DtRow r : st.dt()) {
            if (r.series() != cur) {
                cur = r.series();
                b.append(String.format(Locale.ROOT, "%nseries %d %s: SDE at dt0/2^l (coupled Brownian paths), final time%n",
                        r.series(), r.label()));
                b.append(String.format(Locale.ROOT, "  %-22s %5s %10s %12s %12s %12s %10s  %s%n", "statistic", "level",
                        "dt", "value", "err vs finest", "D_l (next)", "SE(D_l)", "fitted weak order [95%]"));
            }
            b.append(String.format(Locale.ROOT, "  %-22s %5d %10.4g %12.5g %12.4g %12.4g %10.3g  %s%n", r.statistic(),
                    r.level(), r.dt(), r.value(), r.errorVsFinest(), r.diffToNext(), r.diffSe(),
                    r.level() == 0 ? String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", r.order(), r.orderLo(), r.orderHi())
                            : ""));
        }
        cur = -1;
        for (EtaRow r : st.eta()) {
            if (r.series() != cur) {
                cur = r.series();
                b.append(String.format(Locale.ROOT, "%nseries %d %s: optimizer vs resolved SDE at the same horizon, "
                        + "final loss mean; fitted weak order in eta %.3f [%.3f, %.3f]%n", r.series(), r.label(),
                        r.order(), r.orderLo(), r.orderHi()));
                b.append(String.format(Locale.ROOT, "  %10s %8s %12s %12s %10s %12s %10s%n", "eta", "rounds",
                        "optimizer", "SDE", "SDE dt", "|error|", "SE"));
            }
            b.append(String.format(Locale.ROOT, "  %10.4g %8d %12.5g %12.5g %10.3g %12.4g %10.3g%n", r.eta(), r.rounds(),
                    r.optimizerLoss(), r.sdeLoss(), r.sdeDt(), r.weakError(), r.weakErrorSe()));
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
