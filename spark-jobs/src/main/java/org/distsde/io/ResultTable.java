package org.distsde.io;

import java.util.ArrayList;
import java.util.List;
import org.distsde.sim.RoundStats;

/**
 * The metrics of one output: one row per series × recorded round, in series order. Columns:
 * {@code series, label, kind, optimizer} then {@link RoundStats#columns(int)}, with k the most
 * coordinates any series records (NaN where a series records fewer).
 */
public final class ResultTable {
    /** One series' rows. */
    public record Block(int series, String label, String kind, String optimizer, List<RoundStats> rows) { }

    private final List<Block> blocks = new ArrayList<>();

    public void add(Block b) {
        blocks.add(b);
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** The number of recorded coordinates of the table: the most of any row. */
    public int coordinates() {
        int k = 0;
        for (Block b : blocks) {
            for (RoundStats s : b.rows()) {
                k = Math.max(k, s.coordinates());
            }
        }
        return k;
    }

    public String[] header() {
        final String[] cols = RoundStats.columns(coordinates());
        final String[] h = new String[4 + cols.length];
        h[0] = "series";
        h[1] = "label";
        h[2] = "kind";
        h[3] = "optimizer";
        System.arraycopy(cols, 0, h, 4, cols.length);
        return h;
    }

    /** RFC 4180 CSV; numbers in Java's shortest round-trip form, integers without a decimal point. */
    public String toCsv() {
        final int k = coordinates();
        final StringBuilder b = new StringBuilder(String.join(",", header())).append('\n');
        for (Block bl : blocks) {
            for (RoundStats s : bl.rows()) {
                b.append(bl.series()).append(',').append(quote(bl.label())).append(',').append(bl.kind())
                        .append(',').append(bl.optimizer());
                final double[] v = s.values(k);
                for (int i = 0; i < v.length; i++) {
                    b.append(',');
                    final boolean integral = i == 0 || i == 5 || i == 6; // round, runs, diverged
                    b.append(integral ? Long.toString((long) v[i]) : num(v[i]));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(v);
    }

    public static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
