package org.distsde.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The columns of a {@link RoundStats} row in the metrics table, the one place that names them:
 * round, time, the learning rate, run counts, the loss, the gradient norm, the time integrals, the
 * bits sent so far, then
 * x1_mean, x1_var, …, xk_mean, xk_var for k recorded coordinates, then Hill's tail index of the loss
 * and of the aggregated update with their 95% intervals (NaN where not estimated: fewer than 100
 * alive runs, the SDE's rows, the last round). The writers (CSV, Parquet, summary) and the readers
 * go through this list, never through positions.
 */
public final class RoundSchema {
    private RoundSchema() { }

    /** A column: its name, whether it holds integers (round, runs, diverged), and its value in a row. */
    public record Column(String name, boolean integral, ToDoubleFunction<RoundStats> value) { }

    private static final List<Column> HEAD = List.of(
            new Column("round", true, RoundStats::round),
            new Column("time", false, RoundStats::time),
            new Column("lr", false, r -> r.lr().mean()),
            new Column("lr_min", false, r -> r.lr().min()),
            new Column("lr_max", false, r -> r.lr().max()),
            new Column("runs", true, RoundStats::runs),
            new Column("diverged", true, RoundStats::diverged),
            new Column("loss_mean", false, r -> r.loss().mean()),
            new Column("loss_std", false, r -> r.loss().std()),
            new Column("loss_p05", false, r -> r.loss().p05()),
            new Column("loss_p50", false, r -> r.loss().p50()),
            new Column("loss_p95", false, r -> r.loss().p95()),
            new Column("grad_norm_sq_mean", false, r -> r.grad().normSqMean()),
            new Column("grad_norm_mean", false, r -> r.grad().normMean()),
            new Column("phi1", false, r -> r.integrals().phi1()),
            new Column("phi2", false, r -> r.integrals().phi2()),
            new Column("int_eta_grad_norm_sq", false, r -> r.integrals().etaGradNormSq()),
            new Column("int_eta2_grad_norm_sq", false, r -> r.integrals().eta2GradNormSq()),
            new Column("bits", false, RoundStats::bits));

    private static final List<Column> TAIL = List.of(
            new Column("loss_tail_index", false, r -> r.lossTail().alpha()),
            new Column("loss_tail_index_lo", false, r -> r.lossTail().lo()),
            new Column("loss_tail_index_hi", false, r -> r.lossTail().hi()),
            new Column("update_tail_index", false, r -> r.updateTail().alpha()),
            new Column("update_tail_index_lo", false, r -> r.updateTail().lo()),
            new Column("update_tail_index_hi", false, r -> r.updateTail().hi()));

    /** The columns of a table whose rows record up to k coordinates (NaN in the rows that record fewer). */
    public static List<Column> of(int k) {
        final List<Column> c = new ArrayList<>(HEAD.size() + 2 * k + TAIL.size());
        c.addAll(HEAD);
        for (int j = 0; j < k; j++) {
            final int i = j;
            c.add(new Column("x" + (j + 1) + "_mean", false, r -> i < r.coordinates() ? r.x().mean()[i] : Double.NaN));
            c.add(new Column("x" + (j + 1) + "_var", false, r -> i < r.coordinates() ? r.x().var()[i] : Double.NaN));
        }
        c.addAll(TAIL);
        return List.copyOf(c);
    }

    /** The column names for k coordinates. */
    public static String[] names(int k) {
        return of(k).stream().map(Column::name).toArray(String[]::new);
    }

    /** A row's values in the order of {@link #of(int)} with its own k. */
    public static double[] values(RoundStats r) {
        return values(r, of(r.coordinates()));
    }

    /** A row's values in the order of {@code columns}. */
    public static double[] values(RoundStats r, List<Column> columns) {
        final double[] v = new double[columns.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = columns.get(i).value().applyAsDouble(r);
        }
        return v;
    }
}
